import { describe, expect, it } from 'vitest';
import { checkMemory, checkTargets, extremes, shortBy, toHeadline } from './summarize.js';
import type { StepResult } from '../load/step-runner.js';
import type { BatonStepExtra } from '../baton/baton-target.js';
import type { BullmqStepExtra } from '../bullmq/bullmq-target.js';
import { EMPTY_SUMMARY } from '../stats/percentiles.js';
import type { HttpLoadResult } from '../load/autocannon-run.js';

function step<E>(rate: number, completed: number, extra: E): StepResult<E> {
  return {
    rate,
    durationSec: 10,
    verdict: {
      held: true,
      reasons: [],
      startedPerSecond: rate,
      completedPerSecond: completed,
      backlogEnd: 0,
      backlogGrowthPerSecond: 0,
    },
    samples: [],
    start: {
      sent: 0,
      ok: 0,
      failed: 0,
      skipped: 0,
      latency: { ...EMPTY_SUMMARY, p99Ms: 9 },
      durationSec: 10,
    },
    extra,
    drainSec: 1,
  };
}

const workers = (tasks: number, updates: number, p99: number): BatonStepExtra => ({
  completionSource: 'metrics',
  serverUpdateP99Ms: null,
  workers: {
    seconds: 10,
    tasks,
    tasksByType: {},
    bytesIn: 5_000_000,
    bytesOut: 5_000_000,
    failedRequests: 0,
    update: { ...EMPTY_SUMMARY, count: updates, p50Ms: 2, p99Ms: p99 },
    poll: EMPTY_SUMMARY,
  },
});

const http = (rps: number, p99: number): HttpLoadResult => ({
  offeredRate: null,
  requestsPerSecond: rps,
  total: rps,
  ok: rps,
  non2xx: 0,
  errors: 0,
  latency: { ...EMPTY_SUMMARY, p99Ms: p99 },
  durationSec: 5,
});

describe('toHeadline', () => {
  const baton = step(200, 198, workers(26_000, 26_000, 30));
  const bullmq = step(100, 99, { jobsProcessed: 1, jobsPerSecond: 1 } satisfies BullmqStepExtra);
  const h = toHeadline({
    burst: { fixed: http(1500, 40), saturation: http(3200, 90) },
    floor: http(10_400, 5),
    baton: { steps: [baton], heldRate: 200, reported: baton, hold: null },
    bullmq: { steps: [bullmq], heldRate: 100, reported: bullmq, hold: null },
  });

  it('takes workflows and tasks per second from the reported step', () => {
    expect(h.workflowsPerSecond).toBe(198);
    expect(h.taskExecutionsPerSecond).toBe(2600);
    expect(h.taskUpdatesPerSecond).toBe(2600);
    expect(h.taskDataMBps).toBe(1);
  });

  it('states Baton against BullMQ and against the floor', () => {
    expect(h.ratioVsBullmq).toBe(2);
    expect(h.taskUpdatesFractionOfFloor).toBe(0.25);
    expect(h.startsPerSecond).toBe(3200);
    expect(h.startP99Ms).toBe(40);
  });

  it('checks the targets with the measured values', () => {
    const checks = checkTargets(h, 1500, 0);
    expect(checks.map((c) => c.met)).toEqual([true, true, false, false, true, true]);
    // Missed ones say how far: 3,000 task executions/s wanted.
    const tasks = checks[2]!;
    expect(tasks.factor).toBe(shortBy(h.taskExecutionsPerSecond!, { atLeast: 3000 }));
    expect(checks[0]?.factor).toBeNull();
  });

  it('leaves latencies null when nothing was measured instead of reporting 0 ms', () => {
    const idle = step(200, 0, workers(0, 0, 0));
    const none = toHeadline({
      burst: null,
      floor: null,
      baton: { steps: [idle], heldRate: null, reported: null, hold: null },
      bullmq: null,
    });
    expect(none.taskUpdateP99Ms).toBeNull();
    expect(checkTargets(none, 1500, 0)[5]?.met).toBeNull();
  });

  it('does not report more workflows per second than were started', () => {
    const ahead = step(100, 140, { jobsProcessed: 1, jobsPerSecond: 1 } satisfies BullmqStepExtra);
    const h3 = toHeadline({
      burst: null,
      floor: null,
      baton: null,
      bullmq: { steps: [ahead], heldRate: 100, reported: ahead, hold: null },
    });
    expect(h3.bullmqWorkflowsPerSecond).toBe(100);
  });

  it('compares with BullMQ only when both held a rate', () => {
    const failed = { ...bullmq, verdict: { ...bullmq.verdict, held: false } };
    const h2 = toHeadline({
      burst: null,
      floor: null,
      baton: { steps: [baton], heldRate: 200, reported: baton, hold: null },
      bullmq: { steps: [failed], heldRate: null, reported: null, hold: null },
    });
    expect(h2.bullmqWorkflowsPerSecond).toBe(99);
    expect(h2.ratioVsBullmq).toBeNull();
  });

  it('leaves figures of phases that did not run null and their targets unmet', () => {
    const empty = toHeadline({ burst: null, floor: null, baton: null, bullmq: null });
    expect(empty.workflowsPerSecond).toBeNull();
    expect(empty.ratioVsBullmq).toBeNull();
    expect(checkTargets(empty, 1500, 0).every((c) => c.met === null)).toBe(true);
  });
});

describe('extremes', () => {
  it('reports the first, last and largest non-null value', () => {
    const samples = [4, null, 9, 6].map((v, i) => ({
      tSec: i,
      phase: 'x',
      loadAvg1: 0,
      serverRssMb: v,
      serverCpuPct: null,
      redisUsedMb: null,
      redisCpuPct: null,
      postgresCpuPct: null,
      machineCpuPct: null,
      workersCpuPct: null,
      benchCpuPct: null,
      queueDepth: null,
    }));
    expect(extremes(samples, (s) => s.serverRssMb)).toEqual({ start: 4, end: 6, max: 9 });
  });
});

describe('shortBy', () => {
  it('is the target over the figure for a rate and the figure over the limit for a latency', () => {
    expect(shortBy(1000, { atLeast: 3000 })).toBe(3);
    expect(shortBy(120, { below: 50 })).toBe(2.4);
    expect(shortBy(0, { atLeast: 3000 })).toBeNull();
  });
});

describe('checkMemory', () => {
  const soak = (server: [number, number], redis: [number, number], held = true) => ({
    seconds: 600,
    rate: 100,
    held,
    serverRssMb: { start: server[0], end: server[1], max: Math.max(...server) },
    redisUsedMb: { start: redis[0], end: redis[1], max: Math.max(...redis) },
  });

  it('is met when both figures end within 10 % (at least 20 MB) of their start', () => {
    expect(checkMemory(soak([437, 432], [97, 115])).met).toBe(true);
    expect(checkMemory(soak([437, 480], [97, 100])).met).toBe(true);
  });

  it('is missed when either grows beyond that', () => {
    expect(checkMemory(soak([437, 490], [97, 100])).met).toBe(false);
    expect(checkMemory(soak([437, 437], [97, 118])).met).toBe(false);
  });

  it('does not judge Redis memory when the soak fell behind, only the server', () => {
    const behind = checkMemory(soak([467, 424], [177, 284], false));
    expect(behind.met).toBeNull();
    expect(behind.actual).toContain('did not hold');
    expect(checkMemory(soak([400, 500], [177, 284], false)).met).toBe(false);
  });

  it('is not measured without a soak', () => {
    expect(checkMemory(null).met).toBeNull();
  });
});
