import { describe, expect, it } from 'vitest';
import { matchesFreeText, matchesSearch } from './match-search.js';
import { parseSearchQuery } from './parse-search-query.js';

const record = {
  workflowId: 'wf-123',
  workflowType: 'order_flow',
  status: 'RUNNING',
  correlationId: 'order-42',
  startTime: 1_000,
  endTime: null,
  reasonForIncompletion: '',
  updateTime: '2026-01-01T00:00:10.000Z',
  input: { customer: 'Ada Lovelace', items: 3 },
};

describe('matchesSearch', () => {
  it.each<[string, boolean]>([
    ['status = RUNNING', true],
    ['status = running', false],
    ['status = RUN*', true],
    ['correlationId = *-42', true],
    ['correlationId = order', false],
    ['status != FAILED', true],
    ['status != RUNNING', false],
    ['endTime != 5', true],
    ['startTime > 999', true],
    ['startTime > 1000', false],
    ['startTime < 1001', true],
    ["startTime = '1000'", true],
    ['startTime BETWEEN 1000 AND 2000', true],
    ['startTime BETWEEN 1001 AND 2000', false],
    ['status IN (FAILED, RUNNING)', true],
    ['status IN (FAILED, PAUSED)', false],
    ['endTime IS null', true],
    ['reasonForIncompletion IS null', true],
    ['missingField IS null', true],
    ['correlationId IS not null', true],
    ['endTime > 0', false],
    ["workflowId STARTS_WITH 'wf-'", true],
    ["workflowId STARTS_WITH 'x'", false],
    ['updateTime > 1767225600000', true],
    ['updateTime < 1767225600000', false],
    ['input.items = 3', true],
    ["input.customer = 'Ada*'", true],
    ['status = RUNNING AND startTime > 5000', false],
    ['status = FAILED OR startTime < 5000', true],
    ['(status = FAILED OR status = RUNNING) AND workflowType = order_flow', true],
  ])('%s → %s', (query, expected) => {
    expect(matchesSearch(record, parseSearchQuery(query))).toBe(expected);
  });

  it('matches everything for a null expression', () => {
    expect(matchesSearch(record, null)).toBe(true);
  });
});

describe('matchesFreeText', () => {
  it.each<[string, boolean]>([
    ['', true],
    ['*', true],
    ['order-42', true],
    ['ORDER-42', true],
    ['lovelace', true],
    ['ada lovelace', true],
    ['ada babbage', false],
    ['wf-1*3', true],
    ['correlationId:order*', true],
    ['correlationId:other*', false],
    ['nothing-here', false],
  ])('%j → %s', (text, expected) => {
    expect(matchesFreeText(record, text)).toBe(expected);
  });
});
