/**
 * Runs the step-up search against a system: one open-loop step per offered rate, sampling
 * started/completed once a second, judging the step, draining the backlog before the next one.
 * The same runner drives Baton and BullMQ so both are measured the same way.
 * @module
 */
import { startOpenLoop } from './open-loop.js';
import type { OpenLoopResult } from './open-loop.js';
import { judgeStep, nextRate } from '../stats/step-up.js';
import type { StepPlan, StepSample, StepVerdict } from '../stats/step-up.js';

/** A system under load. */
export interface LoadTarget<Extra> {
  label: string;
  /** Starts one workflow (or flow); resolves when the system acknowledged it. */
  startOne(): Promise<void>;
  /** Workflows completed since the target was created. */
  completedCount(): Promise<number>;
  /** Called before a step (reset counters). */
  beginStep(): Promise<void>;
  /** Called after a step's time is up, before draining. */
  endStep(durationSec: number): Promise<Extra>;
}

/** One measured step. */
export interface StepResult<Extra> {
  rate: number;
  durationSec: number;
  verdict: StepVerdict;
  samples: StepSample[];
  start: OpenLoopResult;
  extra: Extra;
  /** Seconds the backlog took to drain after the step, or null when it did not within the limit. */
  drainSec: number | null;
  /**
   * When the step's load ran (epoch ms, from its start to the end of its worker count), so
   * once-a-second machine samples can be matched to it (absent in results of older runs).
   */
  window?: { startMs: number; endMs: number };
}

/** Step timing. */
export interface StepTiming {
  stepSec: number;
  drainTimeoutSec: number;
  maxInFlight: number;
}

/** Runs one step at `rate`. */
export async function runStep<Extra>(
  target: LoadTarget<Extra>,
  rate: number,
  timing: StepTiming,
  onSample?: (sample: StepSample) => void,
): Promise<StepResult<Extra>> {
  await target.beginStep();
  const startMs = Date.now();
  const base = await target.completedCount();
  const loop = startOpenLoop({
    rate,
    durationSec: timing.stepSec,
    maxInFlight: timing.maxInFlight,
    fire: () => target.startOne(),
  });
  const t0 = performance.now();
  const samples: StepSample[] = [];
  // The time and start count are taken when the sample is due, not when the (possibly slow)
  // completion count returns; a sample still running makes the next one skip.
  const sampleNow = async () => {
    const tSec = (performance.now() - t0) / 1000;
    const started = loop.counters.ok;
    const completed = (await target.completedCount()) - base;
    const sample = { tSec, started, completed };
    samples.push(sample);
    onSample?.(sample);
  };
  let sampling: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (sampling) return;
    sampling = sampleNow()
      .catch(() => undefined)
      .finally(() => {
        sampling = null;
      });
  }, 1000);
  const start = await loop.done;
  clearInterval(timer);
  await sampling;
  await sampleNow();
  const extra = await target.endStep(timing.stepSec);
  const window = { startMs, endMs: Date.now() };
  const verdict = judgeStep(
    rate,
    samples.filter((s) => s.tSec <= timing.stepSec + 0.5),
  );
  const drainSec = await drain(target, base + start.ok, timing.drainTimeoutSec);
  return { rate, durationSec: timing.stepSec, verdict, samples, start, extra, drainSec, window };
}

async function drain<Extra>(
  target: LoadTarget<Extra>,
  expected: number,
  timeoutSec: number,
): Promise<number | null> {
  const t0 = performance.now();
  while ((performance.now() - t0) / 1000 < timeoutSec) {
    if ((await target.completedCount()) >= expected) return (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}

/** Steps the offered rate up per `plan` until a step is not held (or the plan ends). */
export async function runStepUp<Extra>(
  target: LoadTarget<Extra>,
  plan: StepPlan,
  timing: StepTiming,
  log: (line: string) => void,
): Promise<Array<StepResult<Extra>>> {
  const steps: Array<StepResult<Extra>> = [];
  for (;;) {
    const rate = nextRate(
      steps.map((s) => ({ rate: s.rate, held: s.verdict.held })),
      plan,
    );
    if (rate === null) break;
    const step = await runStep(target, rate, timing);
    steps.push(step);
    const v = step.verdict;
    log(
      `${target.label} ${rate}/s: ${v.held ? 'held' : 'NOT held'}; started ${v.startedPerSecond.toFixed(1)}/s, ` +
        `completed ${v.completedPerSecond.toFixed(1)}/s, backlog ${v.backlogEnd} ` +
        `(${v.backlogGrowthPerSecond.toFixed(1)}/s), start p99 ${step.start.latency.p99Ms} ms` +
        (v.reasons.length > 0 ? ` [${v.reasons.join('; ')}]` : '') +
        (step.drainSec === null ? ' — backlog did not drain' : ''),
    );
    if (step.drainSec === null) break;
  }
  return steps;
}
