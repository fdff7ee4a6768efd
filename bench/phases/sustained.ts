/**
 * The step-up search plus the optional hold at the best rate, shared by Baton and BullMQ.
 * @module
 */
import { runStep, runStepUp } from '../load/step-runner.js';
import type { LoadTarget } from '../load/step-runner.js';
import { highestHeldRate } from '../stats/step-up.js';
import type { RunProfile } from '../cli/profile.js';
import type { SustainedResult } from '../report/results.js';

/** Steps up, then holds the best rate for `profile.holdSec` when set. */
export async function runSustained<Extra>(
  target: LoadTarget<Extra>,
  profile: RunProfile,
  log: (line: string) => void,
): Promise<SustainedResult<Extra>> {
  const steps = await runStepUp(target, profile.plan, profile.timing, log);
  const heldRate = highestHeldRate(steps.map((s) => ({ rate: s.rate, held: s.verdict.held })));
  let hold = null;
  if (heldRate !== null && profile.holdSec > 0) {
    log(`${target.label}: holding ${heldRate}/s for ${profile.holdSec} s`);
    hold = await runStep(target, heldRate, { ...profile.timing, stepSec: profile.holdSec });
    log(
      `${target.label} hold ${heldRate}/s: ${hold.verdict.held ? 'held' : 'NOT held'} ` +
        `(completed ${hold.verdict.completedPerSecond.toFixed(1)}/s)`,
    );
  }
  const best = steps.find((s) => s.rate === heldRate && s.verdict.held) ?? null;
  return { steps, heldRate, hold, reported: hold ?? best };
}
