/**
 * Step-up load search: judges whether one step of offered load was held with a bounded backlog,
 * and picks the next offered rate (multiply while held, then one midpoint between the last held
 * and the first failed rate).
 * @module
 */

/** One sample of a step, taken about once a second. */
export interface StepSample {
  /** Seconds since the step began. */
  tSec: number;
  /** Workflows started so far in this step. */
  started: number;
  /** Workflows completed so far in this step. */
  completed: number;
}

/** How a step is judged. */
export interface StepCriteria {
  /** Starts actually sent must reach this fraction of the offered rate. Default 0.95. */
  minStartRatio: number;
  /** Completions in the second half must reach this fraction of the offered rate. Default 0.9. */
  minCompletionRatio: number;
  /** Backlog growth (per second, second half) must stay below this fraction of the rate. */
  maxBacklogGrowthRatio: number;
}

/** Defaults used by the benchmark. */
export const DEFAULT_CRITERIA: StepCriteria = {
  minStartRatio: 0.95,
  minCompletionRatio: 0.9,
  maxBacklogGrowthRatio: 0.05,
};

/** The verdict on one step. */
export interface StepVerdict {
  held: boolean;
  /** Why the step was not held (empty when held). */
  reasons: string[];
  startedPerSecond: number;
  /** Completion rate over the second half of the step. */
  completedPerSecond: number;
  /** Backlog (started − completed) at the end of the step. */
  backlogEnd: number;
  /** Least-squares slope of the backlog over the second half, per second. */
  backlogGrowthPerSecond: number;
}

/** Judges a step at `offeredRate` per second from its samples (ascending `tSec`). */
export function judgeStep(
  offeredRate: number,
  samples: readonly StepSample[],
  criteria: StepCriteria = DEFAULT_CRITERIA,
): StepVerdict {
  const last = samples[samples.length - 1];
  if (last === undefined || last.tSec <= 0) {
    return {
      held: false,
      reasons: ['no samples'],
      startedPerSecond: 0,
      completedPerSecond: 0,
      backlogEnd: 0,
      backlogGrowthPerSecond: 0,
    };
  }
  const half = samples.filter((s) => s.tSec >= last.tSec / 2);
  const first = half[0] ?? last;
  const span = last.tSec - first.tSec;
  const startedPerSecond = last.started / last.tSec;
  const completedPerSecond = span > 0 ? (last.completed - first.completed) / span : 0;
  const growth = slope(half.map((s) => [s.tSec, s.started - s.completed]));
  const reasons: string[] = [];
  if (startedPerSecond < criteria.minStartRatio * offeredRate) {
    reasons.push(`starts reached ${startedPerSecond.toFixed(1)}/s of ${offeredRate}/s offered`);
  }
  if (completedPerSecond < criteria.minCompletionRatio * offeredRate) {
    reasons.push(`completions ${completedPerSecond.toFixed(1)}/s below ${offeredRate}/s`);
  }
  if (growth > criteria.maxBacklogGrowthRatio * offeredRate) {
    reasons.push(`backlog grew ${growth.toFixed(1)}/s`);
  }
  return {
    held: reasons.length === 0,
    reasons,
    startedPerSecond,
    completedPerSecond,
    backlogEnd: last.started - last.completed,
    backlogGrowthPerSecond: growth,
  };
}

/** Least-squares slope of y over x; 0 with fewer than two distinct x. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  let sx = 0;
  let sy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) * (x - mx);
  }
  return den === 0 ? 0 : num / den;
}

/** How the offered rate is stepped. */
export interface StepPlan {
  startRate: number;
  /** Multiplier after a held step. */
  factor: number;
  maxSteps: number;
  maxRate: number;
  /** After the first failure, try the midpoint between the last held and the failed rate once. */
  refine: boolean;
}

/** A finished step: its offered rate and whether it was held. */
export interface StepOutcome {
  rate: number;
  held: boolean;
}

/** The next offered rate, or null when the search is over. */
export function nextRate(history: readonly StepOutcome[], plan: StepPlan): number | null {
  const last = history[history.length - 1];
  if (last === undefined) return plan.startRate;
  if (history.length >= plan.maxSteps) return null;
  const failed = history.filter((s) => !s.held).map((s) => s.rate);
  const bestHeld = highestHeldRate(history);
  if (last.held) {
    if (failed.some((rate) => rate > last.rate)) return null;
    const next = Math.min(plan.maxRate, Math.round(last.rate * plan.factor));
    return next > last.rate ? next : null;
  }
  if (!plan.refine || failed.length > 1 || bestHeld === null) return null;
  const mid = Math.round((bestHeld + last.rate) / 2);
  return mid > bestHeld && mid < last.rate ? mid : null;
}

/** The highest rate that was held, or null. */
export function highestHeldRate(history: readonly StepOutcome[]): number | null {
  let best: number | null = null;
  for (const s of history) if (s.held && (best === null || s.rate > best)) best = s.rate;
  return best;
}

/**
 * The rate to hold next after a hold at `failedRate` failed: the highest step rate below it that
 * was held in the step-up, or null when there is none.
 */
export function nextHoldRate(history: readonly StepOutcome[], failedRate: number): number | null {
  return highestHeldRate(history.filter((s) => s.rate < failedRate));
}
