import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from './workload/server-process.js';
import { explainFailure, serverOutput, startStack, type Stack } from './workload/stack.js';
import { summarize, verifyWorkload } from './workload/verify.js';
import { Workload } from './workload/workload.js';

const COUNT = Number(process.env['BATON_WORKLOAD_COUNT'] ?? 10_000);
const RUN_TIMEOUT_MS = Math.max(300_000, COUNT * 120);

let stack: Stack | undefined;

beforeAll(async () => {
  await ensureServerBuilt();
  stack = await startStack({ servers: 3, redis: 'durable' });
}, 300_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

describe('three servers on one Redis and one Postgres', () => {
  it(
    `runs ${COUNT} workflows with forks, switches, sub-workflows and retries, losing nothing and scheduling nothing twice`,
    async () => {
      const s = stack!;
      const workload = new Workload(s.pool);
      await workload.register();
      workload.startWorkers();
      const begin = Date.now();
      await explainFailure(s, () => workload.startWorkflows(COUNT));
      const startedMs = Date.now() - begin;
      const wait = await workload.waitForAll(RUN_TIMEOUT_MS);
      const totalMs = Date.now() - begin;
      await workload.stopWorkers();
      const v = await verifyWorkload(workload);
      console.info(
        `multi-server: ${COUNT} workflows started in ${startedMs} ms, all done in ${totalMs} ms ` +
          `(${((COUNT * 1000) / totalMs).toFixed(0)} workflows/s, ` +
          `${((workload.received.size * 1000) / totalMs).toFixed(0)} worker tasks/s); ${summarize(v)} ${v.notCompleted.slice(0, 3).join('; ')}`,
      );

      expect(workload.started).toHaveLength(COUNT);
      expect(v.notCompleted.slice(0, 10)).toEqual([]);
      expect(wait.running, serverOutput(s)).toBe(0);
      expect(v.scheduledTwice.slice(0, 10)).toEqual([]);
      expect(v.receivedTwice.slice(0, 10)).toEqual([]);
      expect(v.lostCompletions.slice(0, 10)).toEqual([]);
      expect(v.extraRetries).toBe(0);
      expect(workload.acked.size).toBe(workload.received.size);
      expect(s.servers.filter((server) => server.exited())).toEqual([]);
    },
    RUN_TIMEOUT_MS + 240_000,
  );
});
