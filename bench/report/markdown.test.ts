import { describe, expect, it } from 'vitest';
import { renderPostgresTables, renderRedoneWork, renderSizeCost } from './markdown.js';
import { redonePerTask } from '../stats/redone-work.js';

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

describe('renderSizeCost', () => {
  const row = (tasks: number, aboveIdle: number) => ({
    tasks,
    updates: 100,
    seconds: 2,
    serverCpuMsPerUpdate: aboveIdle + 1,
    serverIdleCpuMsPerSecond: 50,
    serverCpuMsPerUpdateAboveIdle: aboveIdle,
    updateP50Ms: 3,
    updateP99Ms: 9,
  });

  it('lists each size with its CPU per task execution and says how flat the cost is', () => {
    const text = renderSizeCost([row(10, 1), row(100, 1.2), row(1000, 1.5)]).join('\n');
    expect(text).toContain('## 5. Per-update cost against workflow size');
    expect(text).toContain('| 1,000 | 100 | 50 | 1.5 (2.5) | 50 | 3 / 9 |');
    expect(text).toContain('Largest ÷ smallest server CPU per task execution above idle: 1.50×');
  });

  it('writes no section when the phase did not run', () => {
    expect(renderSizeCost(null)).toEqual([]);
  });
});

describe('renderRedoneWork', () => {
  it('states the per-task figures and the counts they come from', () => {
    const w = redonePerTask(
      { conflicts: 30, staleRetries: 6, hotTableHits: 2700, hotTableMisses: 300 },
      3000,
    );
    const text = renderRedoneWork(w).join('\n');
    expect(text).toContain(
      '0.01 conflicts and 0.002 stale-copy retries per task execution, hot-table miss ratio 0.1',
    );
    expect(text).toContain(
      '(30 conflicts, 6 retries, 2,700 hits, 300 misses over 3,000 task executions)',
    );
  });

  it('writes nothing when the counters were not scraped', () => {
    expect(renderRedoneWork(null)).toEqual([]);
    expect(renderRedoneWork(undefined)).toEqual([]);
  });
});
