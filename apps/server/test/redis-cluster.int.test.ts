import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from './workload/server-process.js';
import { explainFailure, serverOutput, startStack, type Stack } from './workload/stack.js';
import { summarize, verifyWorkload } from './workload/verify.js';
import { Workload } from './workload/workload.js';

const COUNT = Number(process.env['BATON_CLUSTER_WORKLOAD_COUNT'] ?? 1_000);
const RUN_TIMEOUT_MS = Math.max(240_000, COUNT * 120);

let stack: Stack | undefined;

async function keyCount(port: number): Promise<number> {
  const { stdout } = await promisify(execFile)('redis-cli', ['-p', String(port), 'dbsize']);
  return Number(stdout.trim());
}

beforeAll(async () => {
  await ensureServerBuilt();
  stack = await startStack({ servers: 1, redis: 'cluster' });
}, 300_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

describe('a server on a three-master Redis Cluster', () => {
  it(
    `runs ${COUNT} workflows of the workload to completion with nothing lost or scheduled twice`,
    async () => {
      const s = stack!;
      const workload = new Workload(s.pool, { runners: 2 });
      await workload.register();
      workload.startWorkers();
      const begin = Date.now();
      await explainFailure(s, () => workload.startWorkflows(COUNT));
      const wait = await workload.waitForAll(RUN_TIMEOUT_MS);
      const totalMs = Date.now() - begin;
      await workload.stopWorkers();
      const v = await verifyWorkload(workload);
      console.info(
        `redis-cluster: ${COUNT} workflows in ${totalMs} ms ` +
          `(${((COUNT * 1000) / totalMs).toFixed(1)} workflows/s); ${summarize(v)} ${v.notCompleted.slice(0, 3).join('; ')}`,
      );
      expect(v.notCompleted.slice(0, 10)).toEqual([]);

      expect(wait.running, serverOutput(s)).toBe(0);
      expect(v.scheduledTwice.slice(0, 10)).toEqual([]);
      expect(v.receivedTwice.slice(0, 10)).toEqual([]);
      expect(v.lostCompletions.slice(0, 10)).toEqual([]);
      expect(v.extraRetries).toBe(0);
      expect(s.servers[0]!.exited()).toBe(false);
      // The data really is spread over the three masters.
      const sizes = await Promise.all(s.cluster!.nodes.map((node) => keyCount(node.port)));
      expect(
        sizes.every((n) => n > 0),
        `keys per master: ${sizes.join(', ')}`,
      ).toBe(true);
    },
    RUN_TIMEOUT_MS + 240_000,
  );
});
