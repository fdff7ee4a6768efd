import { describe, expect, it } from 'vitest';
import {
  filtersFromParams,
  filtersToParams,
  toSearchParams,
  toSearchQuery,
} from './search-query.js';

describe('filtersFromParams', () => {
  it('reads lists, times, text, sort and page from the URL', () => {
    const f = filtersFromParams(
      new URLSearchParams(
        'workflow=a,b&status=RUNNING,BOGUS&from=100&to=200&correlationId=c1&q=burrito&sort=endTime:DESC&page=2',
      ),
    );
    expect(f).toEqual({
      workflowTypes: ['a', 'b'],
      statuses: ['RUNNING'],
      from: 100,
      to: 200,
      correlationId: 'c1',
      freeText: 'burrito',
      sort: 'endTime:DESC',
      page: 2,
      size: 25,
    });
  });

  it('falls back to defaults for malformed values', () => {
    const f = filtersFromParams(new URLSearchParams('sort=drop table&page=-1&size=abc'));
    expect(f.sort).toBe('startTime:DESC');
    expect(f.page).toBe(0);
    expect(f.size).toBe(25);
  });

  it('round-trips through filtersToParams without default noise', () => {
    const f = filtersFromParams(new URLSearchParams('status=FAILED&page=1'));
    expect(filtersToParams(f).toString()).toBe('status=FAILED&page=1');
    expect(filtersFromParams(filtersToParams(f))).toEqual(f);
  });
});

describe('toSearchQuery', () => {
  it('joins the conditions with AND in Conductor syntax', () => {
    const f = filtersFromParams(
      new URLSearchParams(
        'workflow=frozen_burrito&status=RUNNING,FAILED&from=5&correlationId=o-1*',
      ),
    );
    expect(toSearchQuery(f)).toBe(
      'workflowType IN ("frozen_burrito") AND status IN (RUNNING,FAILED) AND startTime > 5 AND correlationId = "o-1*"',
    );
  });

  it('is empty without filters', () => {
    expect(toSearchQuery(filtersFromParams(new URLSearchParams()))).toBe('');
  });
});

describe('toSearchParams', () => {
  it('turns the page into an offset and defaults free text to everything', () => {
    const p = toSearchParams(filtersFromParams(new URLSearchParams('page=3&size=10')));
    expect(p).toEqual({ start: 30, size: 10, sort: 'startTime:DESC', freeText: '*' });
  });
});
