import { describe, expect, it } from 'vitest';
import { isBatonError } from '../errors.js';
import type { SearchExpression, SearchOperator } from './search-query.js';
import { parseSearchQuery } from './parse-search-query.js';

const c = (
  field: string,
  op: SearchOperator,
  ...values: Array<string | number>
): SearchExpression => ({
  type: 'condition',
  field,
  op,
  values,
});

describe('parseSearchQuery', () => {
  it.each<[string, SearchExpression | null]>([
    ['', null],
    ['   ', null],
    ['*', null],
    ['status = RUNNING', c('status', '=', 'RUNNING')],
    ["workflowType = 'my flow'", c('workflowType', '=', 'my flow')],
    ['workflowType = "double"', c('workflowType', '=', 'double')],
    ['correlationId = order-*', c('correlationId', '=', 'order-*')],
    ['status != FAILED', c('status', '!=', 'FAILED')],
    ['startTime > 1700000000000', c('startTime', '>', 1700000000000)],
    ['startTime < -5', c('startTime', '<', -5)],
    ["version = '2'", c('version', '=', '2')],
    ['status IN (RUNNING,FAILED)', c('status', 'IN', 'RUNNING', 'FAILED')],
    ['status in ( \'RUNNING\' , "PAUSED" )', c('status', 'IN', 'RUNNING', 'PAUSED')],
    ['startTime BETWEEN 1 AND 5', c('startTime', 'BETWEEN', 1, 5)],
    ['correlationId IS null', c('correlationId', 'IS_NULL')],
    ['correlationId IS not null', c('correlationId', 'IS_NOT_NULL')],
    ['correlationId IS NOT NULL', c('correlationId', 'IS_NOT_NULL')],
    ["workflowId STARTS_WITH 'abc'", c('workflowId', 'STARTS_WITH', 'abc')],
    ['a = 1 AND b = 2', { type: 'and', items: [c('a', '=', 1), c('b', '=', 2)] }],
    [
      'a = 1 AND b = 2 AND c = 3',
      { type: 'and', items: [c('a', '=', 1), c('b', '=', 2), c('c', '=', 3)] },
    ],
    ['a = 1 OR b = 2', { type: 'or', items: [c('a', '=', 1), c('b', '=', 2)] }],
    [
      'a = 1 AND b = 2 OR c = 3',
      {
        type: 'and',
        items: [c('a', '=', 1), { type: 'or', items: [c('b', '=', 2), c('c', '=', 3)] }],
      },
    ],
    [
      '(a = 1 AND b = 2) OR c = 3',
      {
        type: 'or',
        items: [{ type: 'and', items: [c('a', '=', 1), c('b', '=', 2)] }, c('c', '=', 3)],
      },
    ],
    [
      'x BETWEEN 1 AND 2 AND y IS null',
      { type: 'and', items: [c('x', 'BETWEEN', 1, 2), c('y', 'IS_NULL')] },
    ],
    ['((status = RUNNING))', c('status', '=', 'RUNNING')],
    ['startTime>5', c('startTime', '>', 5)],
    ['status="RUNNING"', c('status', '=', 'RUNNING')],
    ['workflowId!=abc-123', c('workflowId', '!=', 'abc-123')],
    ['updateTime < 2026-01-01T00:00:00Z', c('updateTime', '<', '2026-01-01T00:00:00Z')],
    ["input.customer = 'Ada Lovelace'", c('input.customer', '=', 'Ada Lovelace')],
  ])('parses %j', (query, expected) => {
    expect(parseSearchQuery(query)).toEqual(expected);
  });

  it.each([
    ['status', 'expected an operator but the query ended'],
    ['status ~ x', "after status but found '~' at position 7"],
    ['status = ', 'expected a value but the query ended'],
    ["status = 'open", 'unclosed quote'],
    ['status IN (A,B', "expected ')' but the query ended"],
    ['status IN A', "expected '(' but found 'A'"],
    ['x BETWEEN 1 2', 'expected AND in BETWEEN x AND y'],
    ['x IS maybe', 'expected null or not null after IS'],
    ['x LIKE 1', "expected =, !=, >, <, IN, BETWEEN, IS or STARTS_WITH after x but found 'LIKE'"],
    ['(a = 1', "expected ')' but the query ended"],
    ['a = 1 b = 2', "unexpected 'b' (expected AND, OR or the end)"],
    ['= 1', "expected a field name but found '='"],
    ['a = 1 AND', 'expected a condition or ( but the query ended'],
  ])('rejects %j with a clear message', (query, reason) => {
    let caught: unknown;
    try {
      parseSearchQuery(query);
    } catch (e) {
      caught = e;
    }
    expect(isBatonError(caught)).toBe(true);
    if (!isBatonError(caught)) return;
    expect(caught.code).toBe('REQUEST_INVALID');
    expect(caught.message).toContain(reason);
    expect(caught.validationErrors[0]).toMatchObject({ path: 'query', invalidValue: query });
  });
});
