/**
 * Hostile input against every store, through the HTTP API: idempotency keys under 20 concurrent
 * starts, text Postgres cannot hold (NUL, unpaired surrogates) in inputs, outputs and ids, and a
 * worker's output nested too deep. On Postgres and Redis + Postgres the requests are spread over
 * two apps sharing the store, as two servers would.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Task } from '@baton/engine';
import { createPostgresStores, createRedisPostgresStores } from '@baton/stores';
import { createTestApp, register, simpleDef, type TestApp } from '../helpers.js';

type Kind = 'pglite' | 'postgres' | 'redis+postgres';

/** The Redis key prefix of the redis+postgres apps (for the test that deletes a key). */
let redisPrefix = '';

async function openApps(kind: Kind): Promise<TestApp[]> {
  if (kind === 'pglite') return [await createTestApp()];
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
  redisPrefix = `hostile-${suffix}:`;
  const schema = `hostile_${suffix}`;
  const open = async (): Promise<TestApp> =>
    kind === 'postgres'
      ? createTestApp(
          {},
          await createPostgresStores({ connectionString: inject('databaseUrl'), schema }),
        )
      : createTestApp(
          {},
          await createRedisPostgresStores({
            redis: inject('redisUrl'),
            databaseUrl: inject('databaseUrl'),
            schema,
            keyPrefix: redisPrefix,
            indexIntervalMs: 50,
          }),
        );
  const first = await open();
  return [first, await open()];
}

/** Something hostile to Postgres in each place a string can go. */
const HOSTILE = 'nul\u0000high\uD800low\uDC00marker\uE000';
const hostileObject = (): Record<string, unknown> => ({
  [HOSTILE]: HOSTILE,
  list: [HOSTILE, { nested: HOSTILE }],
});

describe.each<Kind>(['pglite', 'postgres', 'redis+postgres'])('hostile input on %s', (kind) => {
  let apps: TestApp[] = [];
  const app = (i: number) => apps[i % apps.length]!.app;

  beforeAll(async () => {
    apps = await openApps(kind);
  }, 300_000);
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  async function startMany(
    name: string,
    strategy: 'FAIL' | 'RETURN_EXISTING',
  ): Promise<Array<{ status: number; body: string }>> {
    const payload = { name, input: { x: 1 }, idempotencyKey: 'k-1', idempotencyStrategy: strategy };
    return Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await app(i).inject({ method: 'POST', url: '/api/workflow', payload });
        return { status: res.statusCode, body: res.body };
      }),
    );
  }

  async function workflowsOf(name: string): Promise<string[]> {
    const query = encodeURIComponent(`workflowType = ${name}`);
    const res = await app(0).inject({ url: `/api/workflow/search?size=100&query=${query}` });
    expect(res.statusCode).toBe(200);
    return (res.json() as { results: Array<{ workflowId: string }> }).results.map(
      (w) => w.workflowId,
    );
  }

  it('creates one workflow for 20 concurrent RETURN_EXISTING starts, all answering its id', async () => {
    const name = `idem_re_${randomUUID().slice(0, 8)}`;
    await register(app(0), simpleDef(name));
    const answers = await startMany(name, 'RETURN_EXISTING');
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const ids = new Set(answers.map((a) => a.body));
    expect(ids.size).toBe(1);
    expect(await workflowsOf(name)).toEqual([...ids]);
    // A start retried after its answer was lost gets the same workflow.
    const [again] = await startMany(name, 'RETURN_EXISTING');
    expect(again?.body).toBe([...ids][0]);
  });

  it('creates one workflow for 20 concurrent FAIL starts; the others answer 409', async () => {
    const name = `idem_fail_${randomUUID().slice(0, 8)}`;
    await register(app(0), simpleDef(name));
    const answers = await startMany(name, 'FAIL');
    const created = answers.filter((a) => a.status === 200).map((a) => a.body);
    expect(created).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    expect(await workflowsOf(name)).toEqual(created);
  });

  // Only Redis + Postgres keeps the key's lookup apart from the execution (one SQL row elsewhere).
  if (kind === 'redis+postgres') {
    it('answers a start retried after a crash lost the key index write with the first workflow', async () => {
      const name = `idem_crash_${randomUUID().slice(0, 8)}`;
      await register(app(0), simpleDef(name));
      const [first] = await startMany(name, 'RETURN_EXISTING');
      // The create committed but the server died before writing the key's lookup entry.
      const key = `${redisPrefix}{ik:${name}}:k-1`;
      const { stdout } = await promisify(execFile)('redis-cli', [
        '-u',
        inject('redisUrl'),
        'DEL',
        key,
      ]);
      expect(stdout.trim()).toBe('1');
      const [retried] = await startMany(name, 'RETURN_EXISTING');
      expect(retried?.body).toBe(first?.body);
      const [failed] = await startMany(name, 'FAIL');
      expect(failed?.status).toBe(409);
      expect(await workflowsOf(name)).toEqual([first?.body]);
    });
  }

  it('keeps NUL and unpaired surrogates in inputs, ids, worker output and search', async () => {
    const name = `text_${randomUUID().slice(0, 8)}`;
    const taskName = `${name}_task`;
    await register(app(0), simpleDef(name, taskName));
    const correlationId = `corr-${HOSTILE}`;
    const started = await app(0).inject({
      method: 'POST',
      url: '/api/workflow',
      payload: { name, input: { x: hostileObject() }, correlationId },
    });
    expect(started.statusCode).toBe(200);
    const id = started.body;
    const polled = await app(1).inject({ url: `/api/tasks/poll/batch/${taskName}?timeout=2000` });
    const [task] = polled.json() as Task[];
    expect(task?.inputData).toEqual({ x: hostileObject() });
    const updated = await app(1).inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        workflowInstanceId: id,
        taskId: task!.taskId,
        status: 'COMPLETED',
        outputData: { result: hostileObject() },
        logs: [{ log: HOSTILE, createdTime: 1 }],
      },
    });
    expect(updated.statusCode).toBe(200);
    const wf = (await app(0).inject({ url: `/api/workflow/${id}` })).json() as {
      status: string;
      output: unknown;
      correlationId: string;
    };
    expect([wf.status, wf.correlationId]).toEqual(['COMPLETED', correlationId]);
    expect(wf.output).toEqual({ result: hostileObject() });
    const logs = await app(0).inject({ url: `/api/tasks/${task!.taskId}/log` });
    expect(logs.json()).toMatchObject([{ log: HOSTILE }]);
    // Every search keeps answering, and finds the workflow by its hostile correlation id.
    for (const url of [
      '/api/workflow/search?size=5',
      '/api/workflow/search?size=5&freeText=nul',
      `/api/workflow/search?query=${encodeURIComponent(`workflowType = ${name}`)}`,
      '/api/workflow/search-v2?size=5',
    ]) {
      const res = await app(1).inject({ url });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    const correlated = await app(1).inject({
      method: 'POST',
      url: `/api/workflow/${name}/correlated?includeClosed=true`,
      payload: [correlationId],
    });
    expect(correlated.statusCode).toBe(200);
    expect(
      (correlated.json() as Record<string, Array<{ workflowId: string }>>)[correlationId]?.map(
        (w) => w.workflowId,
      ),
    ).toEqual([id]);
  });

  it('completes a workflow whose INLINE script outputs NUL, under a name holding NUL', async () => {
    const name = `inline_\u0000_${randomUUID().slice(0, 8)}`;
    await register(app(0), {
      name,
      version: 1,
      schemaVersion: 2,
      tasks: [
        {
          name: 'script',
          taskReferenceName: 'script',
          type: 'INLINE',
          inputParameters: {
            evaluatorType: 'graaljs',
            expression: '(function () { return { text: "a\\u0000b", key: { "\\u0000": 1 } }; })()',
          },
        },
      ],
      outputParameters: { out: '${script.output.result}' },
    });
    const started = await app(1).inject({
      method: 'POST',
      url: '/api/workflow',
      payload: { name, input: {} },
    });
    expect(started.statusCode).toBe(200);
    const wf = (await app(0).inject({ url: `/api/workflow/${started.body}` })).json() as {
      status: string;
      workflowName: string;
      output: unknown;
    };
    expect([wf.status, wf.workflowName]).toEqual(['COMPLETED', name]);
    expect(wf.output).toEqual({ out: { text: 'a\u0000b', key: { '\u0000': 1 } } });
  });

  it('answers 400 naming outputData to an update nested too deep, and takes the next one', async () => {
    const name = `deep_${randomUUID().slice(0, 8)}`;
    const taskName = `${name}_task`;
    await register(app(0), simpleDef(name, taskName));
    const id = (
      await app(0).inject({ method: 'POST', url: '/api/workflow', payload: { name, input: {} } })
    ).body;
    const [task] = (
      await app(1).inject({ url: `/api/tasks/poll/batch/${taskName}?timeout=2000` })
    ).json() as Task[];
    const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    const refused = await app(1).inject({
      method: 'POST',
      url: '/api/tasks',
      headers: { 'content-type': 'application/json' },
      payload: `{"workflowInstanceId":"${id}","taskId":"${task!.taskId}","status":"COMPLETED","outputData":{"deep":${deep}}}`,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/outputData|depth|deep/i);
    const accepted = await app(0).inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        workflowInstanceId: id,
        taskId: task!.taskId,
        status: 'COMPLETED',
        outputData: { result: 'ok' },
      },
    });
    expect(accepted.statusCode).toBe(200);
    const wf = (await app(1).inject({ url: `/api/workflow/${id}` })).json() as { status: string };
    expect(wf.status).toBe('COMPLETED');
  });
});
