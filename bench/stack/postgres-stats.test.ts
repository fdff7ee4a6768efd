import { describe, expect, it } from 'vitest';
import { toTableStats } from './postgres-stats.js';

const row = (relname: string, total: string, schemaname = 'public') => ({
  schemaname,
  relname,
  total_bytes: total,
  index_bytes: '8192',
  n_live_tup: '120',
  n_dead_tup: '30',
  autovacuum_count: '2',
});

describe('toTableStats', () => {
  it('turns the bigint strings of node-postgres into numbers, largest table first', () => {
    expect(toTableStats([row('tasks', '16384'), row('workflows', '9007199254740')])).toEqual([
      {
        table: 'workflows',
        totalBytes: 9007199254740,
        indexBytes: 8192,
        liveRows: 120,
        deadRows: 30,
        autovacuums: 2,
      },
      {
        table: 'tasks',
        totalBytes: 16384,
        indexBytes: 8192,
        liveRows: 120,
        deadRows: 30,
        autovacuums: 2,
      },
    ]);
  });

  it('names tables outside public with their schema', () => {
    expect(toTableStats([row('jobs', '1', 'queue')])[0]?.table).toBe('queue.jobs');
  });
});
