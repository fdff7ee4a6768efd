/**
 * The step-up search plus the optional hold at the best rate, shared by Baton and BullMQ.
 * @module
 */
import { runStep, runStepUp } from '../load/step-runner.js';
import type { LoadTarget } from '../load/step-runner.js';
import { highestHeldRate, nextHoldRate } from '../stats/step-up.js';
import type { RunProfile } from '../cli/profile.js';
import type { SustainedResult } from '../report/results.js';

/** Hold attempts at lower rates after the best step-up rate failed its hold. */
const MAX_HOLD_ATTEMPTS = 3;

/**
 * Steps up, then holds the best rate for `profile.holdSec` when set. A short step can pass at a
 * rate that a longer hold cannot keep up; then the next lower rate that passed its step is held
 * instead (up to three attempts), so the reported rate is one held for the whole hold. Failed
 * attempts are kept with the steps.
 */
export async function runSustained<Extra>(
  target: LoadTarget<Extra>,
  profile: RunProfile,
  log: (line: string) => void,
): Promise<SustainedResult<Extra>> {
  const steps = await runStepUp(target, profile.plan, profile.timing, log);
  const outcomes = steps.map((s) => ({ rate: s.rate, held: s.verdict.held }));
  let heldRate = highestHeldRate(outcomes);
  let hold = null;
  const failedHolds = [];
  for (let attempt = 1; heldRate !== null && profile.holdSec > 0; attempt += 1) {
    log(`${target.label}: holding ${heldRate}/s for ${profile.holdSec} s`);
    hold = await runStep(target, heldRate, { ...profile.timing, stepSec: profile.holdSec });
    log(
      `${target.label} hold ${heldRate}/s: ${hold.verdict.held ? 'held' : 'NOT held'} ` +
        `(completed ${hold.verdict.completedPerSecond.toFixed(1)}/s)`,
    );
    if (hold.verdict.held || attempt >= MAX_HOLD_ATTEMPTS) break;
    const lower = nextHoldRate(outcomes, heldRate);
    if (lower === null) break;
    failedHolds.push(hold);
    heldRate = lower;
  }
  const best = steps.find((s) => s.rate === heldRate && s.verdict.held) ?? null;
  return { steps: [...steps, ...failedHolds], heldRate, hold, reported: hold ?? best };
}
