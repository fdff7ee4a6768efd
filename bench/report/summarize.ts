/**
 * Derives the headline numbers and the target checks from the raw phase results. Pure: every
 * number comes from a measurement; figures of phases that did not run are null.
 * @module
 */
import type { HttpLoadResult } from '../load/autocannon-run.js';
import type { StepResult } from '../load/step-runner.js';
import type { BatonStepExtra } from '../baton/baton-target.js';
import type { BullmqStepExtra } from '../bullmq/bullmq-target.js';
import type { RunSample } from '../stack/sampler.js';
import type { BenchResults, Extremes, SustainedResult, TargetCheck } from './results.js';

type Headline = Pick<
  BenchResults,
  | 'startsPerSecond'
  | 'startP50Ms'
  | 'startP95Ms'
  | 'startP99Ms'
  | 'taskExecutionsPerSecond'
  | 'peakTaskExecutionsPerSecond'
  | 'workflowsPerSecond'
  | 'sustainedHeld'
  | 'taskUpdatesPerSecond'
  | 'taskUpdateP50Ms'
  | 'taskUpdateP95Ms'
  | 'taskUpdateP99Ms'
  | 'sustainedStartP99Ms'
  | 'taskDataMBps'
  | 'bullmqWorkflowsPerSecond'
  | 'ratioVsBullmq'
  | 'floorRequestsPerSecond'
  | 'taskUpdatesFractionOfFloor'
>;

const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;

/** The step reported for a system: the hold or best held step, else the one completing most. */
export function reportedStep<E>(s: SustainedResult<E> | null): StepResult<E> | null {
  if (!s) return null;
  if (s.reported) return s.reported;
  return (
    [...s.steps].sort((a, b) => b.verdict.completedPerSecond - a.verdict.completedPerSecond)[0] ??
    null
  );
}

/**
 * Workflows per second a step stands for: for a held step the smaller of the start and completion
 * rates (completions in the second half can run ahead of starts while the pipeline catches up
 * from its warm-up), otherwise the completion rate.
 */
export function workflowRate(step: StepResult<unknown>): number {
  const v = step.verdict;
  return v.held ? Math.min(v.startedPerSecond, v.completedPerSecond) : v.completedPerSecond;
}

/** Task executions per second of a Baton step, from the worker counts. */
export function tasksPerSecond(step: StepResult<BatonStepExtra>): number {
  const w = step.extra.workers;
  return w.seconds > 0 ? w.tasks / w.seconds : 0;
}

/** The headline numbers. */
export function toHeadline(input: {
  burst: { fixed: HttpLoadResult; saturation: HttpLoadResult } | null;
  floor: HttpLoadResult | null;
  baton: SustainedResult<BatonStepExtra> | null;
  bullmq: SustainedResult<BullmqStepExtra> | null;
}): Headline {
  const step = reportedStep(input.baton);
  const bq = reportedStep(input.bullmq);
  const w = step?.extra.workers;
  const tps = step ? r1(tasksPerSecond(step)) : null;
  const wfps = step ? r1(workflowRate(step)) : null;
  const bqwfps = bq ? r1(workflowRate(bq)) : null;
  const floor = input.floor?.requestsPerSecond ?? null;
  const fixedLatency = input.burst && input.burst.fixed.ok > 0 ? input.burst.fixed.latency : null;
  const peak = input.baton?.steps.length
    ? r1(Math.max(...input.baton.steps.map(tasksPerSecond)))
    : null;
  return {
    startsPerSecond: input.burst?.saturation.requestsPerSecond ?? null,
    startP50Ms: fixedLatency?.p50Ms ?? null,
    startP95Ms: fixedLatency?.p95Ms ?? null,
    startP99Ms: fixedLatency?.p99Ms ?? null,
    taskExecutionsPerSecond: tps,
    peakTaskExecutionsPerSecond: peak,
    workflowsPerSecond: wfps,
    sustainedHeld: step?.verdict.held ?? false,
    taskUpdatesPerSecond: w && w.seconds > 0 ? r1(w.update.count / w.seconds) : null,
    taskUpdateP50Ms: w && w.update.count > 0 ? w.update.p50Ms : null,
    taskUpdateP95Ms: w && w.update.count > 0 ? w.update.p95Ms : null,
    taskUpdateP99Ms: w && w.update.count > 0 ? w.update.p99Ms : null,
    sustainedStartP99Ms: step && step.start.ok > 0 ? step.start.latency.p99Ms : null,
    taskDataMBps: w && w.seconds > 0 ? r2((w.bytesIn + w.bytesOut) / w.seconds / 1e6) : null,
    bullmqWorkflowsPerSecond: bqwfps,
    // A ratio of two overloaded runs means nothing: only rates both systems held are compared.
    ratioVsBullmq:
      wfps !== null && bqwfps && step?.verdict.held && bq?.verdict.held ? r2(wfps / bqwfps) : null,
    floorRequestsPerSecond: floor,
    taskUpdatesFractionOfFloor:
      floor && w && w.seconds > 0 ? r2(w.update.count / w.seconds / floor) : null,
  };
}

/** How a figure is held against its target: at least it, or below it. */
type Bound = { atLeast: number } | { below: number };

function check(
  name: string,
  target: string,
  actual: number | null,
  bound: Bound,
  unit: string,
): TargetCheck {
  if (actual === null) return { name, target, actual: 'not measured', met: null, factor: null };
  const met = 'atLeast' in bound ? actual >= bound.atLeast : actual < bound.below;
  return {
    name,
    target,
    actual: `${actual} ${unit}`,
    met,
    factor: met ? null : shortBy(actual, bound),
  };
}

/**
 * How many times better a missed figure must get: the target over the figure for a floor (null
 * for a figure of 0, which no factor mends), the figure over the limit for a ceiling.
 */
export function shortBy(actual: number, bound: Bound): number | null {
  if ('atLeast' in bound) return actual > 0 ? r2(bound.atLeast / actual) : null;
  return bound.below > 0 ? r2(actual / bound.below) : null;
}

/** The soak's memory is flat when each figure ends within 10 % (at least 20 MB) of its start. */
export const MEMORY_FLAT_TOLERANCE = { fraction: 0.1, minMb: 20 };

function grewBeyondTolerance(e: Extremes): boolean | null {
  if (e.start === null || e.end === null) return null;
  const allowed = Math.max(e.start * MEMORY_FLAT_TOLERANCE.fraction, MEMORY_FLAT_TOLERANCE.minMb);
  return e.end - e.start > allowed;
}

/** The memory target: server RSS and Redis used_memory flat over the soak. */
export function checkMemory(
  soak: {
    seconds: number;
    rate: number;
    held: boolean;
    serverRssMb: Extremes;
    redisUsedMb: Extremes;
  } | null,
): TargetCheck {
  const name = soak
    ? `Memory flat over the ${soak.seconds} s soak at ${soak.rate}/s`
    : 'Memory flat over a soak';
  const target = 'server RSS and Redis memory end within 10 % (≥ 20 MB) of their start';
  if (!soak) return { name, target, actual: 'no soak (--soak)', met: null, factor: null };
  const server = grewBeyondTolerance(soak.serverRssMb);
  const redis = grewBeyondTolerance(soak.redisUsedMb);
  const actual =
    `server RSS ${soak.serverRssMb.start} → ${soak.serverRssMb.end} MB, ` +
    `Redis ${soak.redisUsedMb.start} → ${soak.redisUsedMb.end} MB`;
  if (server === null || redis === null) return { name, target, actual, met: null, factor: null };
  if (!soak.held) {
    // A growing backlog is workflows waiting in Redis, not memory kept after they finished.
    const note =
      ' (the soak did not hold its rate: the backlog grew, so Redis held more waiting workflows; not judged)';
    return { name, target, actual: actual + note, met: server ? false : null, factor: null };
  }
  return { name, target, actual, met: !server && !redis, factor: null };
}

/** The issue's targets against the headline. */
export function checkTargets(h: Headline, burstFixedRate: number, holdSec: number): TargetCheck[] {
  return [
    check('Start burst', '≥ 3,000 starts/s', h.startsPerSecond, { atLeast: 3000 }, 'starts/s'),
    check(`Start p99 at ${burstFixedRate}/s offered`, '< 50 ms', h.startP99Ms, { below: 50 }, 'ms'),
    check('Task executions', '≥ 3,000 /s', h.taskExecutionsPerSecond, { atLeast: 3000 }, '/s'),
    h.sustainedHeld || h.workflowsPerSecond === null
      ? check(
          `13-step + sub-workflow, bounded backlog${holdSec > 0 ? ` for ${holdSec} s` : ''}`,
          '≥ 210 wf/s',
          h.workflowsPerSecond,
          { atLeast: 210 },
          'wf/s',
        )
      : {
          name: '13-step + sub-workflow, bounded backlog',
          target: '≥ 210 wf/s',
          actual: `no offered rate held (best ${h.workflowsPerSecond} wf/s completed)`,
          met: false,
          factor: shortBy(h.workflowsPerSecond, { atLeast: 210 }),
        },
    check('Against BullMQ flows', '≥ 1.3×', h.ratioVsBullmq, { atLeast: 1.3 }, '×'),
    check('Task update p99 at that rate', '< 50 ms', h.taskUpdateP99Ms, { below: 50 }, 'ms'),
  ];
}

/** start/end/max of one sampled field (nulls skipped). */
export function extremes(
  samples: readonly RunSample[],
  pick: (s: RunSample) => number | null,
): Extremes {
  const values = samples.map(pick).filter((v): v is number => v !== null);
  if (values.length === 0) return { start: null, end: null, max: null };
  return {
    start: values[0] ?? null,
    end: values[values.length - 1] ?? null,
    max: Math.max(...values),
  };
}

/** Mean and max of one sampled field (nulls skipped). */
export function meanMax(
  samples: readonly RunSample[],
  pick: (s: RunSample) => number | null,
): { mean: number | null; max: number | null } {
  const values = samples.map(pick).filter((v): v is number => v !== null);
  if (values.length === 0) return { mean: null, max: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean: Math.round(mean), max: Math.max(...values) };
}
