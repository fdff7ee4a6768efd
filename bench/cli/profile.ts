/**
 * Durations and load plans of a full run and of `--quick` (the same phases, shorter).
 * @module
 */
import type { StepPlan } from '../stats/step-up.js';
import type { StepTiming } from '../load/step-runner.js';

/** How long and how hard each phase runs. */
export interface RunProfile {
  floorSec: number;
  burstSec: number;
  /** Offered start rate of the fixed-rate burst (the p99 target is at this rate). */
  burstFixedRate: number;
  burstConnections: number;
  plan: StepPlan;
  timing: StepTiming;
  /** Seconds to hold the best rate again after the search; 0 = the search step counts. */
  holdSec: number;
  /** Per-task-type worker concurrency (Baton) and per-queue concurrency (BullMQ). */
  workerConcurrency: number;
  /** Seconds of the sustained step the profiled server runs (its burst runs a third of that). */
  profileSec: number;
  /**
   * Longest wait, after the sustained run, for the server to finish its background work before
   * the burst (0: no wait).
   */
  settleMaxSec: number;
  /** Measured updates per workflow size in the per-update cost phase, and their pace (per s). */
  sizeUpdates: number;
  sizeRate: number;
}

/** Which variant runs. */
export type RunMode = 'full' | 'quick' | 'smoke';

/** The full run (about 15-20 minutes), the quick one (under 3 minutes) or the CI smoke. */
export function runProfile(mode: RunMode): RunProfile {
  if (mode === 'smoke') {
    return {
      floorSec: 1,
      burstSec: 1,
      burstFixedRate: 50,
      burstConnections: 4,
      plan: { startRate: 25, factor: 1, maxSteps: 1, maxRate: 25, refine: false },
      timing: { stepSec: 8, drainTimeoutSec: 90, maxInFlight: 256 },
      holdSec: 0,
      workerConcurrency: 10,
      profileSec: 6,
      settleMaxSec: 0,
      sizeUpdates: 20,
      sizeRate: 20,
    };
  }
  if (mode === 'quick') {
    return {
      floorSec: 5,
      burstSec: 5,
      burstFixedRate: 1500,
      burstConnections: 32,
      plan: { startRate: 25, factor: 2, maxSteps: 6, maxRate: 2000, refine: false },
      timing: { stepSec: 8, drainTimeoutSec: 10, maxInFlight: 256 },
      holdSec: 0,
      workerConcurrency: 40,
      profileSec: 12,
      settleMaxSec: 20,
      sizeUpdates: 150,
      sizeRate: 50,
    };
  }
  return {
    floorSec: 15,
    burstSec: 15,
    burstFixedRate: 1500,
    burstConnections: 32,
    plan: { startRate: 25, factor: 1.4, maxSteps: 12, maxRate: 2000, refine: true },
    timing: { stepSec: 20, drainTimeoutSec: 30, maxInFlight: 512 },
    holdSec: 60,
    workerConcurrency: 40,
    profileSec: 30,
    settleMaxSec: 120,
    sizeUpdates: 400,
    sizeRate: 50,
  };
}
