/**
 * A kill -9 loop on Redis + Postgres: while a workload runs, five server processes and Redis twice
 * are killed with SIGKILL (each server replaced by a new one, Redis restarted on its AOF folder).
 * Afterwards nothing acknowledged is lost (every acknowledged start completes, every acknowledged
 * task update is stored) and nothing is duplicated (one workflow per idempotency key, no task
 * scheduled twice). Starts use RETURN_EXISTING idempotency keys, so a start whose answer died with
 * its server is retried into the same workflow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_WORKFLOW } from '../workload/definitions.js';
import { ensureServerBuilt } from '../workload/server-process.js';
import { startDurableRedis } from '../workload/services.js';
import { explainFailure, serverOutput, startStack, type Stack } from '../workload/stack.js';
import { summarize, verifyWorkload } from '../workload/verify.js';
import { Workload } from '../workload/workload.js';

const COUNT = Number(process.env['BATON_KILL_LOOP_COUNT'] ?? 120);
/** What is killed, in order: five servers and Redis twice. */
const KILLS = ['server', 'server', 'redis', 'server', 'server', 'redis', 'server'] as const;
const KILL_EVERY_MS = 2_000;
// A killed server's leased queue messages come back after the 60 s queue lease, so the run ends
// about a minute after the last kill (about two minutes in all when a server starts in seconds).
const RUN_TIMEOUT_MS = 180_000;

let stack: Stack | undefined;

beforeAll(async () => {
  await ensureServerBuilt();
  stack = await startStack({ servers: 2, redis: 'durable' });
}, 300_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills the server at `index` of the pool with SIGKILL and puts a new server in its place. */
async function replaceServer(s: Stack, index: number, name: string): Promise<void> {
  const url = s.pool.urls[index]!;
  const victim = s.servers.find((server) => server.url === url && !server.exited())!;
  await victim.stop('SIGKILL');
  const fresh = await s.addServer(name);
  // addServer appended the new URL; move it to the victim's place (runners are pinned by index).
  s.pool.urls.pop();
  s.pool.urls[index] = fresh.url;
}

/** Kills Redis with SIGKILL and starts it again on the same port and AOF folder. */
async function restartRedis(s: Stack): Promise<void> {
  const old = s.redis!;
  await old.stop({ keepDir: true, signal: 'SIGKILL' });
  s.redis = await startDurableRedis({ dir: old.dir, port: old.port });
}

describe('a kill -9 loop: five servers and Redis twice', () => {
  it(
    'loses nothing acknowledged and creates no duplicate',
    async () => {
      const s = stack!;
      const workload = new Workload(s.pool, { responseTimeoutSeconds: 15, concurrency: 8 });
      await workload.register();
      workload.startWorkers();
      const begin = Date.now();
      const starting = explainFailure(s, () => workload.startWorkflows(COUNT, 8));
      let serverKills = 0;
      let redisKills = 0;
      for (const [k, target] of KILLS.entries()) {
        await sleep(KILL_EVERY_MS);
        if (target === 'server') {
          await replaceServer(s, serverKills % 2, `server-r${k}`);
          serverKills += 1;
        } else {
          await restartRedis(s);
          redisKills += 1;
        }
      }
      const killsDoneMs = Date.now() - begin;
      await starting;
      const wait = await workload.waitForAll(RUN_TIMEOUT_MS, 120_000);
      await workload.stopWorkers();
      const v = await verifyWorkload(workload);

      // One workflow per idempotency key, and none that no acknowledged start answered with.
      const query = encodeURIComponent(`workflowType = ${MAIN_WORKFLOW}`);
      const found = (await (
        await fetch(`${s.pool.urls[0]}/api/workflow/search?size=${COUNT * 3}&query=${query}`)
      ).json()) as {
        totalHits: number;
        results: Array<{ workflowId: string; idempotencyKey: string }>;
      };
      const keys = found.results.map((w) => w.idempotencyKey);
      const started = new Set(workload.started);
      console.info(
        `kill-loop: ${COUNT} workflows, ${serverKills} server and ${redisKills} Redis kills by ` +
          `${killsDoneMs} ms, done at ${Date.now() - begin} ms; ${summarize(v)}`,
      );

      expect([serverKills, redisKills]).toEqual([5, 2]);
      expect(started.size).toBe(COUNT);
      expect(found.totalHits).toBe(COUNT);
      expect(new Set(keys).size).toBe(COUNT);
      expect(found.results.filter((w) => !started.has(w.workflowId))).toEqual([]);
      expect(v.notCompleted.slice(0, 10), serverOutput(s)).toEqual([]);
      expect(wait.running).toBe(0);
      expect(v.scheduledTwice.slice(0, 10)).toEqual([]);
      expect(v.lostCompletions.slice(0, 10)).toEqual([]);
    },
    RUN_TIMEOUT_MS + 300_000,
  );
});
