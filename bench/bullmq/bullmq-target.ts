/**
 * BullMQ as a load target: adds one flow per start with a FlowProducer on the same Redis, and
 * counts completed flows as completions of the root queue in the worker process.
 * @module
 */
import { FlowProducer } from 'bullmq';
import type { LoadTarget } from '../load/step-runner.js';
import type { TsChild } from '../stack/fork-ts.js';
import { buildFlow, ROOT_QUEUE } from './flow-shape.js';

/** Per-step figures of BullMQ. */
export interface BullmqStepExtra {
  jobsProcessed: number;
  jobsPerSecond: number;
}

/** Creates the target and its producer; `close()` disconnects the producer. */
export function createBullmqTarget(
  redisUrl: string,
  prefix: string,
  workers: TsChild<unknown>,
  payload: string,
): LoadTarget<BullmqStepExtra> & { close(): Promise<void> } {
  const url = new URL(redisUrl);
  const producer = new FlowProducer({
    connection: { host: url.hostname, port: Number(url.port) },
    prefix,
  });
  let jobsAtStepStart = 0;
  const processed = async () =>
    (await workers.request<{ processed: Record<string, number> }>({ type: 'snapshot' })).processed;
  const total = (p: Record<string, number>) => Object.values(p).reduce((a, b) => a + b, 0);
  return {
    label: 'BullMQ',
    async startOne() {
      await producer.add(buildFlow(payload, prefix));
    },
    async completedCount() {
      return (await processed())[ROOT_QUEUE] ?? 0;
    },
    async beginStep() {
      jobsAtStepStart = total(await processed());
    },
    async endStep(durationSec) {
      const jobs = total(await processed()) - jobsAtStepStart;
      return { jobsProcessed: jobs, jobsPerSecond: Math.round(jobs / durationSec) };
    },
    close: () => producer.close(),
  };
}
