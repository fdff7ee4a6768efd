/**
 * The Baton phases against a running server: register the definitions, the sustained step-up with
 * instant workers in their own process (plus the optional soak), then the start burst.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { BatonClient } from '@baton/client';
import { benchFile, forkTs } from '../stack/fork-ts.js';
import { createBatonTarget } from '../baton/baton-target.js';
import type { BatonStepExtra } from '../baton/baton-target.js';
import { runStep } from '../load/step-runner.js';
import type { StepResult } from '../load/step-runner.js';
import { runHttpLoad } from '../load/autocannon-run.js';
import type { HttpLoadResult } from '../load/autocannon-run.js';
import type { RunProfile } from '../cli/profile.js';
import type { SustainedResult } from '../report/results.js';
import { runSustained } from './sustained.js';
import {
  BURST_WORKFLOW,
  benchTaskDefs,
  benchWorkflowDefs,
  WORKER_TASK_TYPES,
} from '../baton/workflow-defs.js';

/** Registers the task and workflow definitions (overwriting earlier ones). */
export async function registerDefinitions(url: string): Promise<void> {
  const client = new BatonClient({ baseUrl: url });
  await client.metadata.registerTaskDefs(benchTaskDefs());
  await client.metadata.updateWorkflowDefs(benchWorkflowDefs());
}

/**
 * The soak checks that memory stays flat once finished executions are archived, so it runs
 * where the backlog stays bounded: this share of the held rate (a rate that held for a minute
 * can still fall behind over ten, and a growing backlog is memory by design).
 */
export const SOAK_SHARE_OF_HELD = 0.85;

/** The soak's offered rate: {@link SOAK_SHARE_OF_HELD} of the held rate, else the first step's. */
export function soakRate(heldRate: number | null, startRate: number): number {
  return heldRate === null ? startRate : Math.max(1, Math.round(heldRate * SOAK_SHARE_OF_HELD));
}

/** What each start of the burst posts. */
const BURST_BODY = JSON.stringify({ name: BURST_WORKFLOW, version: 1, input: { data: 'burst' } });

/** The instant workers of every task type, in their own process. */
function forkWorkers(url: string, profile: RunProfile, payloadBytes: number) {
  return forkTs<unknown>(benchFile('baton/worker-process.ts'), {
    BATON_URL: url,
    PAYLOAD_BYTES: String(payloadBytes),
    TASK_TYPES: WORKER_TASK_TYPES.join(','),
    CONCURRENCY: String(profile.workerConcurrency),
  });
}

/** Status check of started workflows (smoke). */
export interface CompletionCheck {
  checked: number;
  completed: number;
  /** Up to 10 `id: STATUS` of those not COMPLETED. */
  notCompleted: string[];
}

async function checkCompleted(url: string, ids: readonly string[]): Promise<CompletionCheck> {
  const client = new BatonClient({ baseUrl: url });
  const check: CompletionCheck = { checked: 0, completed: 0, notCompleted: [] };
  for (const id of ids) {
    const status = await client.workflows.getStatus(id).then(
      (s) => s.status,
      (e: unknown) => `error ${String(e)}`,
    );
    check.checked += 1;
    if (status === 'COMPLETED') check.completed += 1;
    else if (check.notCompleted.length < 10) check.notCompleted.push(`${id}: ${status}`);
  }
  return check;
}

/**
 * Sustained Baton run; with `soakSec` the held rate (or the lowest step) runs that long after; with
 * `verify` the status of every started workflow is read back at the end.
 */
export async function runBatonSustained(
  url: string,
  profile: RunProfile,
  payloadBytes: number,
  soakSec: number,
  log: (line: string) => void,
  onSoak: (phase: 'start' | 'end') => void,
  verify = false,
  onWorkers: (pid: number | null) => void = () => undefined,
): Promise<{
  sustained: SustainedResult<BatonStepExtra>;
  soak: StepResult<BatonStepExtra> | null;
  check: CompletionCheck | null;
}> {
  const workers = await forkWorkers(url, profile, payloadBytes);
  onWorkers(workers.child.pid ?? null);
  const payload = randomBytes(Math.ceil(payloadBytes / 2))
    .toString('hex')
    .slice(0, payloadBytes);
  const target = createBatonTarget(url, workers, payload);
  try {
    const sustained = await runSustained(target, profile, log);
    let soak = null;
    if (soakSec > 0) {
      const rate = soakRate(sustained.heldRate, profile.plan.startRate);
      log(`Baton soak: ${rate}/s for ${soakSec} s`);
      onSoak('start');
      soak = await runStep(target, rate, { ...profile.timing, stepSec: soakSec });
      onSoak('end');
    }
    const check = verify ? await checkCompleted(url, target.startedIds) : null;
    return { sustained, soak, check };
  } finally {
    onWorkers(null);
    await workers.stop();
  }
}

/**
 * Start burst: a fixed offered rate, then saturation, both with autocannon; `onSaturation` is
 * called as the saturation part begins (the sampler labels its samples from then on).
 */
export async function runBurst(
  url: string,
  profile: RunProfile,
  onSaturation: () => void = () => undefined,
): Promise<{ fixed: HttpLoadResult; saturation: HttpLoadResult }> {
  const load = {
    url: `${url}/api/workflow`,
    method: 'POST' as const,
    body: BURST_BODY,
    connections: profile.burstConnections,
    durationSec: profile.burstSec,
  };
  await runHttpLoad({ ...load, durationSec: 1 });
  const fixed = await runHttpLoad({ ...load, overallRate: profile.burstFixedRate });
  onSaturation();
  const saturation = await runHttpLoad(load);
  return { fixed, saturation };
}

/**
 * The load a profiled server runs: one sustained step at `rate` (workers as in the sustained
 * phase) for `seconds`, then the start burst at saturation for a third of that, so the profile
 * covers both hot paths (task poll and update, and workflow start).
 */
export async function runProfiledLoad(
  url: string,
  profile: RunProfile,
  payloadBytes: number,
  rate: number,
  seconds: number,
): Promise<void> {
  const workers = await forkWorkers(url, profile, payloadBytes);
  try {
    const target = createBatonTarget(url, workers, 'x'.repeat(payloadBytes));
    await runStep(target, rate, { ...profile.timing, stepSec: seconds });
  } finally {
    await workers.stop();
  }
  await runHttpLoad({
    url: `${url}/api/workflow`,
    method: 'POST',
    body: BURST_BODY,
    connections: profile.burstConnections,
    durationSec: Math.max(2, Math.round(seconds / 3)),
  });
}
