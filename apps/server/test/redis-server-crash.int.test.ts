import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from './workload/server-process.js';
import { explainFailure, serverOutput, startStack, type Stack } from './workload/stack.js';
import { summarize, verifyWorkload } from './workload/verify.js';
import { Workload } from './workload/workload.js';

const COUNT = Number(process.env['BATON_CRASH_WORKLOAD_COUNT'] ?? 300);
// Leases of the killed server's messages run out after 60 s (the executor's queue lease).
const RUN_TIMEOUT_MS = Math.max(300_000, COUNT * 150);

let stack: Stack | undefined;

beforeAll(async () => {
  await ensureServerBuilt();
  stack = await startStack({ servers: 3, redis: 'durable' });
}, 300_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

describe('a server killed with kill -9 in the middle of a run', () => {
  it(
    'has its work taken over by the other servers: nothing lost, every workflow completes',
    async () => {
      const s = stack!;
      const workload = new Workload(s.pool, { responseTimeoutSeconds: 15 });
      await workload.register();
      workload.startWorkers();
      const begin = Date.now();
      const starting = explainFailure(s, () => workload.startWorkflows(COUNT, 16));
      while (workload.started.length < COUNT / 3) await new Promise((r) => setTimeout(r, 100));
      const victim = s.servers[1]!;
      await victim.stop('SIGKILL');
      const killedAtMs = Date.now() - begin;

      await starting;
      const wait = await workload.waitForAll(RUN_TIMEOUT_MS, 180_000);
      const totalMs = Date.now() - begin;
      await workload.stopWorkers();
      const v = await verifyWorkload(workload);
      console.info(
        `redis-server-crash: ${COUNT} workflows in ${totalMs} ms, ${victim.name} killed at ` +
          `${killedAtMs} ms; ${summarize(v)} ${v.notCompleted.slice(0, 3).join('; ')}`,
      );

      expect(s.servers.filter((server) => server.exited()).map((x) => x.name)).toEqual([
        victim.name,
      ]);
      expect(v.notCompleted.slice(0, 10)).toEqual([]);
      expect(wait.running, serverOutput(s)).toBe(0);
      expect(v.scheduledTwice.slice(0, 10)).toEqual([]);
      expect(v.receivedTwice.slice(0, 10)).toEqual([]);
      expect(v.lostCompletions.slice(0, 10)).toEqual([]);
    },
    RUN_TIMEOUT_MS + 240_000,
  );
});
