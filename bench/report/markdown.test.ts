import { describe, expect, it } from 'vitest';
import { renderPostgresTables } from './markdown.js';

describe('renderPostgresTables', () => {
  it('lists size in MB, live and dead rows and the dead share of each table', () => {
    const text = renderPostgresTables([
      {
        table: 'tasks',
        totalBytes: 3 * 2 ** 20,
        indexBytes: 2 ** 19,
        liveRows: 3000,
        deadRows: 1000,
        autovacuums: 4,
      },
      {
        table: 'empty',
        totalBytes: 8192,
        indexBytes: 8192,
        liveRows: 0,
        deadRows: 0,
        autovacuums: 0,
      },
    ]).join('\n');
    expect(text).toContain('## Postgres tables at the end of the run');
    expect(text).toContain('| tasks | 3.0 | 0.5 | 3,000 | 1,000 | 25.0 | 4 |');
    expect(text).toContain('| empty | 0.0 | 0.0 | 0 | 0 | – | 0 |');
  });

  it('writes no section when the tables were not read', () => {
    expect(renderPostgresTables(null)).toEqual([]);
  });
});
