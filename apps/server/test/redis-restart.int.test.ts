import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from './workload/server-process.js';
import { startDurableRedis } from './workload/services.js';
import { explainFailure, serverOutput, startStack, type Stack } from './workload/stack.js';
import { summarize, verifyWorkload } from './workload/verify.js';
import { Workload } from './workload/workload.js';

const COUNT = Number(process.env['BATON_RESTART_WORKLOAD_COUNT'] ?? 300);
const RUN_TIMEOUT_MS = Math.max(240_000, COUNT * 120);
const DOWN_MS = 3_000;

let stack: Stack | undefined;

beforeAll(async () => {
  await ensureServerBuilt();
  stack = await startStack({ servers: 2, redis: 'durable' });
}, 300_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

interface Probe {
  status: number;
  body: { code?: string; retryable?: boolean };
}

async function probe(url: string, path: string, method = 'GET', body?: unknown): Promise<Probe> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text.startsWith('{') ? (JSON.parse(text) as Probe['body']) : {},
  };
}

/** Milliseconds until `/health` answers 200 (gives up after 60 s). */
async function untilHealthy(url: string): Promise<number> {
  const begin = Date.now();
  while (Date.now() - begin < 60_000) {
    const status = await fetch(`${url}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - begin;
}

describe('a Redis restart (AOF, appendfsync everysec) in the middle of a run', () => {
  it(
    'answers 503 STORE_UNAVAILABLE while Redis is down, recovers by itself and finishes every workflow',
    async () => {
      const s = stack!;
      const workload = new Workload(s.pool, { runners: 2 });
      await workload.register();
      workload.startWorkers();
      const begin = Date.now();
      const starting = explainFailure(s, () => workload.startWorkflows(COUNT, 16));
      while (workload.started.length < COUNT / 3) await new Promise((r) => setTimeout(r, 100));

      const old = s.redis!;
      await old.stop({ keepDir: true, signal: 'SIGTERM' });
      const whileDown: Probe[] = [];
      for (const server of s.servers) {
        whileDown.push(await probe(server.url, '/api/workflow/wl_main', 'POST', { i: -1 }));
        whileDown.push(await probe(server.url, '/api/tasks/poll/batch/wl_a?count=1&timeout=100'));
      }
      const healthWhileDown = await Promise.all(
        s.servers.map(async (server) => (await fetch(`${server.url}/health`)).status),
      );
      await new Promise((r) => setTimeout(r, DOWN_MS));
      // Same port and AOF folder: the servers reconnect on their own.
      s.redis = await startDurableRedis({ dir: old.dir, port: old.port });
      const upAtMs = Date.now() - begin;

      const healthyAgainMs = await Promise.all(s.servers.map((server) => untilHealthy(server.url)));
      await starting;
      const wait = await workload.waitForAll(RUN_TIMEOUT_MS);
      const totalMs = Date.now() - begin;
      await workload.stopWorkers();
      const v = await verifyWorkload(workload);
      console.info(
        `redis-restart: ${COUNT} workflows in ${totalMs} ms, Redis back at ${upAtMs} ms; ` +
          `${summarize(v)} ${v.notCompleted.slice(0, 3).join('; ')}`,
      );

      expect(healthWhileDown).toEqual(s.servers.map(() => 503));
      expect(
        healthyAgainMs.every((ms) => ms < 30_000),
        `healthy again after ${healthyAgainMs.join(', ')} ms`,
      ).toBe(true);
      for (const answer of whileDown) {
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
      }
      expect(s.servers.filter((server) => server.exited()).map((x) => x.name)).toEqual([]);
      expect(v.notCompleted.slice(0, 10)).toEqual([]);
      expect(wait.running, serverOutput(s)).toBe(0);
      expect(v.scheduledTwice.slice(0, 10)).toEqual([]);
      expect(v.receivedTwice.slice(0, 10)).toEqual([]);
      expect(v.lostCompletions.slice(0, 10)).toEqual([]);
    },
    RUN_TIMEOUT_MS + 240_000,
  );
});
