/**
 * Liveness (issue 14 §1, issue 15 findings 1 and 16), against a real listening server with its
 * background work on: deadlines nothing acts on (ALERT_ONLY timeouts, a sub-workflow's response
 * timeout), a workflow that starts itself as a SUB_WORKFLOW and a 20,000-way dynamic fork must not
 * keep the server from answering `GET /health`, on the embedded store (PGlite) and on
 * Redis + Postgres; an idle server with 1,000 waiting workflows must leave Redis nearly idle.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisPostgresStores } from '@baton/stores';
import type { Task, Workflow, WorkflowDef } from '@baton/engine';
import { createTestApp, openPgliteStores } from './helpers.js';
import type { TestApp } from './helpers.js';
import { startRedis, type RedisService } from './workload/services.js';

const OWNER = 'test@example.com';

async function redisPostgresStores(redisUrl = inject('redisUrl')) {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
  return createRedisPostgresStores({
    redis: redisUrl,
    databaseUrl: inject('databaseUrl'),
    schema: `server_live_${suffix}`,
    keyPrefix: `live-${suffix}:`,
  });
}

const STORES = {
  'PGlite (embedded)': () => openPgliteStores(),
  'Redis + Postgres': () => redisPostgresStores(),
};

/** A server with its background work on, listening on a free port. */
async function listening(
  stores: Awaited<ReturnType<(typeof STORES)[keyof typeof STORES]>>,
): Promise<{ t: TestApp; base: string }> {
  const t = await createTestApp({ background: {} }, stores);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { t, base: `http://127.0.0.1:${port}` };
}

async function call(base: string, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
    signal: AbortSignal.timeout(30_000),
  });
  return res;
}

async function json<T>(base: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await call(base, path, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
  return (
    text === '' ? undefined : text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text
  ) as T;
}

const post = (base: string, path: string, body: unknown) =>
  json<unknown>(base, path, { method: 'POST', body: JSON.stringify(body) });

/** `GET /health` `samples` times in a row; returns the latencies in ms, sorted. */
async function sampleHealth(base: string, samples = 200): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const began = performance.now();
    const res = await call(base, '/health');
    await res.text();
    expect(res.status).toBe(200);
    latencies.push(performance.now() - began);
  }
  return latencies.sort((a, b) => a - b);
}

const p99 = (sorted: number[]) => sorted[Math.ceil(sorted.length * 0.99) - 1] ?? Infinity;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const WORKFLOWS = 500;
/** Seconds of lv_alert's ALERT_ONLY timeoutSeconds (and responseTimeoutSeconds, which may not exceed it). */
const TIMEOUT_S = 3;

const ALERT_TASK_DEF = {
  name: 'lv_alert',
  timeoutSeconds: TIMEOUT_S,
  responseTimeoutSeconds: TIMEOUT_S,
  timeoutPolicy: 'ALERT_ONLY',
  retryCount: 0,
  ownerEmail: OWNER,
};
const ALERT_WF: WorkflowDef = {
  name: 'lv_alert_wf',
  ownerEmail: OWNER,
  tasks: [{ name: 'lv_alert', taskReferenceName: 'a', type: 'SIMPLE' }],
};

/** The worker reports in and asks to be called back in an hour. */
const reportIn = (base: string, task: Task) =>
  post(base, '/api/tasks', {
    workflowInstanceId: task.workflowInstanceId,
    taskId: task.taskId,
    status: 'IN_PROGRESS',
    callbackAfterSeconds: 3600,
  });

/**
 * Starts `count` lv_alert_wf workflows and has a worker take each task and report in at once
 * (before its response timeout); returns the tasks. Their ALERT_ONLY timeouts pass 3 s after.
 */
async function holdTasks(base: string, count: number): Promise<Task[]> {
  for (let i = 0; i < count; i += 1) {
    await post(base, '/api/workflow', { name: 'lv_alert_wf', input: { i } });
  }
  const held: Task[] = [];
  while (held.length < count) {
    const batch = await json<Task[]>(base, '/api/tasks/poll/batch/lv_alert?count=50&timeout=1000');
    for (const task of batch) await reportIn(base, task);
    held.push(...batch);
  }
  return held;
}

async function timeoutsCounted(base: string): Promise<number> {
  const metrics = await (await call(base, '/metrics')).text();
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith('baton_task_timeout_total{taskType="lv_alert",policy="ALERT_ONLY"}'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe.each(Object.entries(STORES))('liveness on %s', (store, open) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    ({ t, base } = await listening(await open()));
    await post(base, '/api/metadata/taskdefs', [
      ALERT_TASK_DEF,
      // The SUB_WORKFLOW node below is named lv_child: this TaskDef gives it a response timeout.
      { name: 'lv_child', responseTimeoutSeconds: 1, ownerEmail: OWNER },
      { name: 'lv_leaf', ownerEmail: OWNER },
    ]);
    const defs: WorkflowDef[] = [
      ALERT_WF,
      {
        name: 'lv_child',
        ownerEmail: OWNER,
        tasks: [{ name: 'lv_leaf', taskReferenceName: 'leaf', type: 'SIMPLE' }],
      },
      {
        name: 'lv_parent',
        ownerEmail: OWNER,
        tasks: [
          {
            name: 'lv_child',
            taskReferenceName: 'sub',
            type: 'SUB_WORKFLOW',
            subWorkflowParam: { name: 'lv_child' },
          },
        ],
      },
      {
        name: 'lv_self',
        ownerEmail: OWNER,
        tasks: [
          {
            name: 'lv_self',
            taskReferenceName: 'again',
            type: 'SUB_WORKFLOW',
            subWorkflowParam: { name: 'lv_self' },
          },
        ],
      },
      {
        name: 'lv_fanout',
        ownerEmail: OWNER,
        tasks: [
          {
            name: 'dyn',
            taskReferenceName: 'dyn',
            type: 'FORK_JOIN_DYNAMIC',
            inputParameters: { forkTaskName: 'lv_leaf', forkTaskInputs: '${workflow.input.items}' },
          },
          { name: 'join', taskReferenceName: 'join', type: 'JOIN' },
        ],
      },
    ];
    // Not `register`: it would overwrite the TaskDefs above with its own.
    for (const def of defs) await post(base, '/api/metadata/workflow?overwrite=true', def);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it(`answers /health within 100 ms (p99) with ${WORKFLOWS} ALERT_ONLY timeouts and a sub-workflow past its response timeout`, async () => {
    const parent = (await post(base, '/api/workflow', { name: 'lv_parent', input: {} })) as string;
    const held = await holdTasks(base, WORKFLOWS);
    // Past the timeouts, the worker keeps reporting in.
    await sleep(TIMEOUT_S * 1000 + 500);
    for (const task of held) await reportIn(base, task);

    const latencies = await sampleHealth(base);
    console.info(
      `figure: ${store} /health p99 ${p99(latencies).toFixed(1)} ms with ${WORKFLOWS} ALERT_ONLY timeouts`,
    );
    expect(p99(latencies), `p99 of /health, ms (slowest: ${latencies.slice(-3)})`).toBeLessThan(
      100,
    );

    // Nothing was decided away: the ALERT_ONLY tasks and the sub-workflow keep running.
    const wf = await json<Workflow>(base, `/api/workflow/${held[0]!.workflowInstanceId}`);
    expect([wf.status, wf.tasks.length]).toEqual(['RUNNING', 1]);
    const sub = (await json<Workflow>(base, `/api/workflow/${parent}`)).tasks[0]!;
    expect([sub.status, sub.responseTimeoutSeconds]).toEqual(['IN_PROGRESS', 1]);

    // Each ALERT_ONLY timeout is counted once, when it passes, however often the worker reports in.
    await waitFor('every timeout counted', async () =>
      (await timeoutsCounted(base)) >= WORKFLOWS ? true : undefined,
    );
    for (const task of held.slice(0, 10)) await reportIn(base, task);
    await sleep(500);
    expect(await timeoutsCounted(base)).toBe(WORKFLOWS);
  }, 120_000);

  it('fails a workflow that starts itself at the nesting limit, answering /health meanwhile', async () => {
    const root = (await post(base, '/api/workflow', { name: 'lv_self', input: {} })) as string;
    // Before the limit and the yielding loops, the embedded server stopped answering within 2 s.
    const latencies = await sampleHealth(base, 100);
    console.info(
      `figure: ${store} self-starting sub-workflow, /health p99 ${p99(latencies).toFixed(1)} ms`,
    );
    expect(latencies.at(-1), `slowest /health, ms`).toBeLessThan(1_000);
    const ended = await waitFor('the self-starting workflow to fail', async () => {
      const wf = await json<Workflow>(base, `/api/workflow/${root}`);
      return wf.status === 'RUNNING' ? undefined : wf;
    });
    expect(ended.status).toBe('FAILED');
    // Walk down to the deepest child: 32 levels below the root.
    let deepest = ended;
    let depth = 0;
    while (deepest.tasks[0]?.subWorkflowId) {
      deepest = await json<Workflow>(base, `/api/workflow/${deepest.tasks[0].subWorkflowId}`);
      depth += 1;
    }
    expect(depth).toBe(32);
    expect(deepest.tasks[0]?.status).toBe('FAILED_WITH_TERMINAL_ERROR');
    expect(deepest.tasks[0]?.reasonForIncompletion).toBe(
      'Sub workflow lv_self was not started: it would be nested 33 levels deep, and the limit is 32 levels (maxSubWorkflowDepth)',
    );
  }, 120_000);

  it('refuses a 20,000-way dynamic fork at once, answering /health meanwhile', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ i }));
    const began = performance.now();
    const starting = post(base, '/api/workflow', { name: 'lv_fanout', input: { items } });
    const latencies = await sampleHealth(base, 20);
    const id = (await starting) as string;
    console.info(
      `figure: ${store} 20,000-way fork refused in ${(performance.now() - began).toFixed(0)} ms, slowest /health ${latencies.at(-1)?.toFixed(1)} ms`,
    );
    expect(performance.now() - began).toBeLessThan(5_000);
    expect(latencies.at(-1), `slowest /health, ms`).toBeLessThan(1_000);
    const wf = await json<Workflow>(base, `/api/workflow/${id}`);
    expect(wf.status).toBe('FAILED');
    expect(wf.reasonForIncompletion).toBe(
      'Dynamic fork dyn was given 20000 tasks to fork, more than the limit of 1000 (maxDynamicForkBranches)',
    );
    expect(wf.tasks.filter((task) => task.taskType === 'lv_leaf')).toEqual([]);
  }, 120_000);
});

/** Total calls of every command since the Redis started (`INFO commandstats`). */
async function redisCalls(port: number): Promise<number> {
  const { stdout } = await promisify(execFile)('redis-cli', [
    '-p',
    String(port),
    'INFO',
    'commandstats',
  ]);
  let total = 0;
  for (const match of stdout.matchAll(/calls=(\d+)/g)) total += Number(match[1]);
  return total;
}

describe('an idle server on Redis + Postgres', () => {
  let redis: RedisService;
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    // A Redis of its own, so that only this server's commands are counted.
    redis = await startRedis();
    ({ t, base } = await listening(await redisPostgresStores(redis.url)));
    await post(base, '/api/metadata/taskdefs', [ALERT_TASK_DEF]);
    await post(base, '/api/metadata/workflow?overwrite=true', ALERT_WF);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('makes fewer than 200 Redis commands a second with 1,000 workflows waiting past ALERT_ONLY timeouts', async () => {
    await holdTasks(base, 1_000);
    // The timeouts pass and are reported; the search indexer copies the workflows once they are
    // 5 s old. Then nothing is due before the 30 s re-check.
    await sleep(8_000);
    const before = await redisCalls(redis.port);
    const began = performance.now();
    await sleep(5_000);
    const after = await redisCalls(redis.port);
    const perSecond = (after - before) / ((performance.now() - began) / 1000);
    console.info(
      `figure: idle Redis commands per second with 1,000 waiting workflows: ${perSecond.toFixed(1)}`,
    );
    expect(perSecond, `Redis commands per second`).toBeLessThan(200);
  }, 120_000);
});
