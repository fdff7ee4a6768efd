import { describe, expect, it } from 'vitest';
import {
  assembleResults,
  BURST_SATURATION_PHASE,
  cpuPerStart,
  cpuPerTask,
  type RunRecord,
} from './assemble.js';
import { runProfile } from '../cli/profile.js';
import type { RunSample } from '../stack/sampler.js';
import { redonePerTask } from '../stats/redone-work.js';

const step = (tasks: number) => ({ extra: { workers: { tasks } } });
const sample = (
  phase: string,
  serverCpuPct: number | null,
  redisCpuPct: number | null,
  postgresCpuPct: number | null = null,
  machineCpuPct: number | null = null,
  workersCpuPct: number | null = null,
) => ({ phase, serverCpuPct, redisCpuPct, postgresCpuPct, machineCpuPct, workersCpuPct });

describe('cpuPerTask', () => {
  it('divides the sustained phase CPU by the tasks of every step and the hold', () => {
    const run = {
      phases: { baton: { steps: [step(300), step(500)], hold: step(200) } },
      samples: [
        sample('baton-sustained', 50, 10, 40, 150, 30),
        sample('baton-sustained', 100, null, 60, 190),
        sample('baton-sustained', 150, 20, null, 160),
        sample('bullmq', 200, 90, 100, 200),
      ],
    } as unknown as Pick<RunRecord, 'samples' | 'phases'>;
    // 300 % of a core-second = 3,000 ms over 1,000 tasks; Redis 300 ms and Postgres 1,000 ms
    // over the same tasks; the whole machine 5,000 ms, the workers 300 ms (one sample).
    expect(cpuPerTask(run)).toEqual({
      serverMsPerTask: 3,
      redisMsPerTask: 0.3,
      postgresMsPerTask: 1,
      machineMsPerTask: 5,
      workersMsPerTask: 0.3,
    });
  });

  it('gives null without tasks or samples', () => {
    const run = { phases: { baton: null }, samples: [] } as unknown as Pick<
      RunRecord,
      'samples' | 'phases'
    >;
    expect(cpuPerTask(run)).toEqual({
      serverMsPerTask: null,
      redisMsPerTask: null,
      postgresMsPerTask: null,
      machineMsPerTask: null,
      workersMsPerTask: null,
    });
  });
});

describe('cpuPerStart', () => {
  const saturation = (requestsPerSecond: number) => ({ saturation: { requestsPerSecond } });

  it('divides the mean CPU while the burst saturated the server by its starts per second', () => {
    const run = {
      phases: { burst: saturation(2000) },
      samples: [
        sample('baton-burst', 40, null, null, 90),
        sample(BURST_SATURATION_PHASE, 90, null, null, 190),
        sample(BURST_SATURATION_PHASE, 110, null, null, 200),
      ],
    } as unknown as Pick<RunRecord, 'samples' | 'phases'>;
    // 100 % of a core is 1,000 ms/s over 2,000 starts/s; the machine 195 % is 1,950 ms/s.
    expect(cpuPerStart(run)).toEqual({ serverMsPerStart: 0.5, machineMsPerStart: 0.975 });
  });

  it('gives null without a burst', () => {
    const run = { phases: { burst: null }, samples: [] } as unknown as Pick<
      RunRecord,
      'samples' | 'phases'
    >;
    expect(cpuPerStart(run)).toEqual({ serverMsPerStart: null, machineMsPerStart: null });
  });
});

describe('assembleResults', () => {
  const record = (samples: Array<Partial<RunSample>>, soak: RunRecord['soak']): RunRecord => ({
    phases: {
      burst: null,
      floor: null,
      baton: null,
      bullmq: null,
      metrics: null,
      profile: null,
      sizeCost: null,
    },
    soak,
    store: 'redis+postgres',
    quick: true,
    payloadBytes: 256,
    processes: 1,
    argv: [],
    startedAt: new Date(0),
    endedAt: new Date(1000),
    machine: {
      nproc: 2,
      memoryGb: 8,
      cpuModel: 'x',
      kernel: 'x',
      node: 'x',
      redis: 'x',
      postgres: 'x',
    },
    profile: runProfile('smoke'),
    samples: samples.map((s) => ({
      ...sample('setup', null, null),
      loadAvg1: 0,
      ...s,
    })) as RunSample[],
    postgresTables: null,
    profiledLoad: null,
    notes: [],
  });

  it('reports Postgres CPU for the sustained run and, apart, for the soak', () => {
    const r = assembleResults(
      record(
        [
          { phase: 'bullmq', postgresCpuPct: 90 },
          { phase: 'baton-sustained', postgresCpuPct: 20 },
          { phase: 'baton-sustained', postgresCpuPct: 40 },
          { phase: 'soak', postgresCpuPct: 70 },
          { phase: 'soak', postgresCpuPct: 50 },
        ],
        { seconds: 2, rate: 25, held: true },
      ),
    );
    expect(r.cpu.postgresSustained).toEqual({ mean: 30, max: 40 });
    expect(r.cpu.postgresSoak).toEqual({ mean: 60, max: 70 });
  });

  it('notes other work only when CPU no watched process used is well above kernel noise', () => {
    const busy = { serverCpuPct: 80, redisCpuPct: 10, postgresCpuPct: 10, workersCpuPct: 10 };
    const quiet = assembleResults(
      record([{ phase: 'baton-sustained', ...busy, benchCpuPct: 5, machineCpuPct: 140 }], null),
    );
    expect(quiet.cpu.unattributed).toEqual({ mean: 25, max: 25 });
    expect(quiet.notes.some((n) => n.includes('other work'))).toBe(false);
    const crowded = assembleResults(
      record(
        [
          { phase: 'baton-sustained', ...busy, benchCpuPct: 5, machineCpuPct: 190 },
          // Not a measured phase: ignored.
          { phase: 'profile', ...busy, benchCpuPct: 5, machineCpuPct: 200 },
        ],
        null,
      ),
    );
    expect(crowded.cpu.unattributed.mean).toBe(75);
    expect(crowded.notes.some((n) => n.includes('other work'))).toBe(true);
  });

  it('has no soak figure without a soak', () => {
    const r = assembleResults(record([{ phase: 'baton-sustained', postgresCpuPct: 20 }], null));
    expect(r.cpu.postgresSoak).toBeNull();
  });

  it('takes the redone work of the reported step and passes the process comparison on', () => {
    const redone = redonePerTask(
      { conflicts: 4, staleRetries: 2, hotTableHits: 90, hotTableMisses: 10 },
      400,
    );
    const reported = {
      rate: 20,
      verdict: { held: true, startedPerSecond: 20, completedPerSecond: 20 },
      start: { ok: 0, latency: {} },
      extra: { workers: { tasks: 400, seconds: 10, update: { count: 0 } }, redone },
    };
    const base = record([], null);
    const comparison = { rows: [], serverMsPerTaskRatio: null, serverCpuWithinTolerance: null };
    const r = assembleResults({
      ...base,
      phases: {
        ...base.phases,
        baton: { steps: [reported], hold: null, heldRate: 20, reported },
      } as unknown as RunRecord['phases'],
      processComparison: comparison,
    });
    expect(r.redoneWork).toMatchObject({ conflictsPerTask: 0.01, hotTableMissRatio: 0.1 });
    expect(r.processComparison).toBe(comparison);
    const none = assembleResults(record([], null));
    expect(none.redoneWork).toBeNull();
    expect(none.processComparison).toBeNull();
  });
});
