import { describe, expect, it } from 'vitest';
import type { SearchRequest } from '@baton/engine';
import { toSearchSql } from './pg-search.js';

const request = (overrides: Partial<SearchRequest>): SearchRequest => ({
  start: 0,
  size: 10,
  sort: [],
  query: null,
  freeText: '*',
  ...overrides,
});

describe('toSearchSql', () => {
  it('binds every value as a parameter and never writes it into the SQL text', () => {
    const hostile = "x'; DROP TABLE workflows; --";
    const { where, params } = toSearchSql(
      'workflow',
      request({
        query: {
          type: 'or',
          items: [
            { type: 'condition', field: 'correlationId', op: '=', values: [hostile] },
            { type: 'condition', field: 'status', op: 'IN', values: ['RUNNING', hostile] },
          ],
        },
        freeText: `${hostile} input.note:${hostile}`,
      }),
    );
    expect(where).not.toContain('DROP');
    expect(params).toContain(hostile);
    expect(where.match(/\$\d+/g)).toHaveLength(params.length);
  });

  it('turns * into % and escapes LIKE metacharacters in wildcard values', () => {
    const { params } = toSearchSql(
      'task',
      request({ query: { type: 'condition', field: 'taskId', op: '=', values: ['a_b%c*'] } }),
    );
    expect(params).toEqual(['a\\_b\\%c%']);
  });

  it('orders by the requested fields with nulls last, then by id', () => {
    const { orderBy } = toSearchSql(
      'workflow',
      request({ sort: [{ field: 'endTime', order: 'DESC' }] }),
    );
    expect(orderBy).toBe('end_time DESC NULLS LAST, workflow_id COLLATE "C" ASC');
  });

  it('rejects unknown fields with REQUEST_INVALID', () => {
    expect(() =>
      toSearchSql('task', request({ sort: [{ field: 'nope', order: 'ASC' }] })),
    ).toThrowError(expect.objectContaining({ code: 'REQUEST_INVALID' }));
  });
});
