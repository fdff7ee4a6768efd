/**
 * BullMQ flows on the same Redis: instant workers in their own process, flows added at stepped
 * rates from this process.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { benchFile, forkTs } from '../stack/fork-ts.js';
import { createBullmqTarget } from '../bullmq/bullmq-target.js';
import type { BullmqStepExtra } from '../bullmq/bullmq-target.js';
import type { RunProfile } from '../cli/profile.js';
import type { SustainedResult } from '../report/results.js';
import { runSustained } from './sustained.js';

/** Runs the BullMQ sustained phase. */
export async function runBullmqPhase(
  redisUrl: string,
  profile: RunProfile,
  payloadBytes: number,
  log: (line: string) => void,
): Promise<SustainedResult<BullmqStepExtra>> {
  const prefix = `bqbench${Date.now()}`;
  const workers = await forkTs<unknown>(benchFile('bullmq/flow-worker-process.ts'), {
    REDIS_URL: redisUrl,
    PREFIX: prefix,
    CONCURRENCY: String(profile.workerConcurrency),
    PAYLOAD_BYTES: String(payloadBytes),
  });
  const payload = randomBytes(Math.ceil(payloadBytes / 2))
    .toString('hex')
    .slice(0, payloadBytes);
  const target = createBullmqTarget(redisUrl, prefix, workers, payload);
  try {
    return await runSustained(target, profile, log);
  } finally {
    await target.close();
    await workers.stop();
  }
}
