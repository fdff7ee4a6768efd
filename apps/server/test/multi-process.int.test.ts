import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@baton/engine';
import { simpleDef } from './helpers.js';
import { ensureServerBuilt, startServer, type ServerProcess } from './workload/server-process.js';
import {
  startDurableRedis,
  startPostgres,
  type PostgresService,
  type RedisService,
} from './workload/services.js';

let postgres: PostgresService | undefined;
let redis: RedisService | undefined;
let server: ServerProcess | undefined;

beforeAll(async () => {
  await ensureServerBuilt();
  [postgres, redis] = await Promise.all([startPostgres(), startDurableRedis()]);
  server = await startServer('two-processes', {
    REDIS_URL: redis.url,
    DATABASE_URL: postgres.url,
    BATON_PROCESSES: '2',
  });
}, 300_000);

afterAll(async () => {
  await server?.stop('SIGKILL');
  await Promise.allSettled([redis?.stop(), postgres?.stop()]);
}, 60_000);

/** Pids of the server processes that reported listening so far. */
function listeningPids(): Set<number> {
  const pids = [...server!.output().matchAll(/listening on \S+ .*process (\d+)\)/g)];
  return new Set(pids.map((m) => Number(m[1])));
}

/** `close`: on a connection of its own, which the cluster may hand to either process. */
async function call(
  method: string,
  path: string,
  body?: unknown,
  { close = false }: { close?: boolean } = {},
): Promise<Response> {
  const headers: Record<string, string> = close ? { connection: 'close' } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server!.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The sample of `name` with `labels` in the Prometheus text, or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * Starts `count` `mp_wf` workflows on separate connections (so the cluster spreads them over the
 * processes), polls and completes their tasks through `updatePath` (`/api/tasks` answers 200,
 * `update-v2` 204 when nothing is next), and checks that every workflow completed.
 */
async function runWorkflows(
  count: number,
  updatePath: '/api/tasks' | '/api/tasks/update-v2',
): Promise<void> {
  const close = { close: true };
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1)
    ids.push(await (await call('POST', '/api/workflow/mp_wf', {}, close)).text());
  let done = 0;
  while (done < ids.length) {
    const polled = await call(
      'GET',
      '/api/tasks/poll/batch/mp_task?count=10&timeout=1000',
      undefined,
      close,
    );
    for (const task of (await polled.json()) as Task[]) {
      const update = await call(
        'POST',
        updatePath,
        { workflowInstanceId: task.workflowInstanceId, taskId: task.taskId, status: 'COMPLETED' },
        close,
      );
      expect(update.status).toBe(updatePath === '/api/tasks' ? 200 : 204);
      done += 1;
    }
  }
  for (const id of ids) {
    const wf = (await (await call('GET', `/api/workflow/${id}?includeTasks=false`)).json()) as {
      status: string;
    };
    expect(wf.status).toBe('COMPLETED');
  }
}

describe('BATON_PROCESSES=2', () => {
  it('runs two server processes on one port and reports the metrics of both', async () => {
    await expect.poll(() => listeningPids().size, { timeout: 60_000 }).toBe(2);
    const def = simpleDef('mp_wf', 'mp_task');
    expect((await call('POST', '/api/metadata/workflow', def)).status).toBeLessThan(300);
    await runWorkflows(20, '/api/tasks');
    // Whichever process answers, /metrics counts the starts and completions of both.
    for (let i = 0; i < 4; i += 1) {
      const text = await (
        await fetch(`${server!.url}/metrics`, { headers: { connection: 'close' } })
      ).text();
      expect(sample(text, 'baton_workflow_starts_total', 'name="mp_wf"')).toBe(20);
      expect(
        sample(text, 'baton_workflow_completions_total', 'name="mp_wf",status="COMPLETED"'),
      ).toBe(20);
    }
  }, 120_000);

  it('answers /metrics within seconds while one process is stuck, with its last metrics', async () => {
    const [stuck] = [...listeningPids()];
    process.kill(stuck!, 'SIGSTOP');
    try {
      // A connection the cluster hands to the stuck process hangs: retry until another answers.
      let text: string | undefined;
      let took = 0;
      for (let attempt = 0; attempt < 8 && text === undefined; attempt += 1) {
        const started = Date.now();
        try {
          const res = await fetch(`${server!.url}/metrics`, {
            headers: { connection: 'close' },
            signal: AbortSignal.timeout(6_000),
          });
          if (res.ok) text = await res.text();
          took = Date.now() - started;
        } catch {
          // Reached the stuck process.
        }
      }
      expect(text).toBeDefined();
      expect(took).toBeLessThan(5_000);
      // Both processes' counts are still in, the stuck one's from its last answer.
      expect(sample(text!, 'baton_workflow_starts_total', 'name="mp_wf"')).toBe(20);
    } finally {
      process.kill(stuck!, 'SIGCONT');
    }
  }, 90_000);

  it('replaces a server process that dies', async () => {
    const [victim] = [...listeningPids()];
    process.kill(victim!, 'SIGKILL');
    await expect.poll(() => listeningPids().size, { timeout: 60_000 }).toBe(3);
    expect(server!.exited()).toBe(false);
    const res = await call('GET', '/api/metadata/workflow/mp_wf');
    expect(res.status).toBe(200);
    // With the replacement, work of either kind still completes.
    await runWorkflows(10, '/api/tasks/update-v2');
  }, 90_000);

  it('stops every process on SIGTERM', async () => {
    const pids = [...listeningPids()];
    await server!.stop('SIGTERM');
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  }, 60_000);
});
