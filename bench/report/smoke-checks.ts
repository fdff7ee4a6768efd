/**
 * What `npm run bench:smoke` insists on: every started workflow completed, every step's backlog
 * drained, and the result files exist with the headline keys. No timing assertions.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import type { BenchResults } from './results.js';
import type { CompletionCheck } from '../phases/baton-phase.js';

/** Keys `results.json` must have at the top level. */
export const REQUIRED_KEYS = [
  'startsPerSecond',
  'startP99Ms',
  'taskExecutionsPerSecond',
  'workflowsPerSecond',
  'taskUpdateP50Ms',
  'taskUpdateP99Ms',
  'bullmqWorkflowsPerSecond',
  'ratioVsBullmq',
  'floorRequestsPerSecond',
] as const;

/** Problems found; empty when the smoke run passed. */
export function smokeFailures(
  results: BenchResults,
  check: CompletionCheck | null,
  files: readonly string[],
): string[] {
  const failures: string[] = [];
  if (!check || check.checked === 0) failures.push('no Baton workflows were started');
  else if (check.completed !== check.checked) {
    failures.push(
      `${check.checked - check.completed} of ${check.checked} workflows did not complete: ${check.notCompleted.join(', ')}`,
    );
  }
  for (const [label, steps] of [
    ['Baton', results.baton?.steps],
    ['BullMQ', results.bullmq?.steps],
  ] as const) {
    if (!steps || steps.length === 0) failures.push(`${label}: no step ran`);
    for (const s of steps ?? []) {
      if (s.drainSec === null) failures.push(`${label} ${s.rate}/s: backlog did not drain`);
      if (s.start.failed > 0)
        failures.push(`${label}: ${s.start.failed} starts failed (${s.start.firstError})`);
    }
  }
  if (!results.burst || results.burst.saturation.ok === 0)
    failures.push('burst: no start succeeded');
  if (!results.floor || results.floor.ok === 0) failures.push('floor: no request succeeded');
  for (const file of files) {
    if (!existsSync(file)) failures.push(`${file} was not written`);
  }
  const json = files.find((f) => f.endsWith('results.json'));
  if (json && existsSync(json)) {
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
    const missing = REQUIRED_KEYS.filter((k) => !(k in parsed));
    if (missing.length > 0) failures.push(`results.json lacks ${missing.join(', ')}`);
  }
  return failures;
}
