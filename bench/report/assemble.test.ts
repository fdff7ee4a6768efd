import { describe, expect, it } from 'vitest';
import { cpuPerTask, type RunRecord } from './assemble.js';

const step = (tasks: number) => ({ extra: { workers: { tasks } } });
const sample = (phase: string, serverCpuPct: number | null, redisCpuPct: number | null) => ({
  phase,
  serverCpuPct,
  redisCpuPct,
});

describe('cpuPerTask', () => {
  it('divides the sustained phase CPU by the tasks of every step and the hold', () => {
    const run = {
      phases: { baton: { steps: [step(300), step(500)], hold: step(200) } },
      samples: [
        sample('baton-sustained', 50, 10),
        sample('baton-sustained', 100, null),
        sample('baton-sustained', 150, 20),
        sample('bullmq', 200, 90),
      ],
    } as unknown as Pick<RunRecord, 'samples' | 'phases'>;
    // 300 % of a core-second = 3,000 ms over 1,000 tasks; Redis 300 ms over the same tasks.
    expect(cpuPerTask(run)).toEqual({ serverMsPerTask: 3, redisMsPerTask: 0.3 });
  });

  it('gives null without tasks or samples', () => {
    const run = { phases: { baton: null }, samples: [] } as unknown as Pick<
      RunRecord,
      'samples' | 'phases'
    >;
    expect(cpuPerTask(run)).toEqual({ serverMsPerTask: null, redisMsPerTask: null });
  });
});
