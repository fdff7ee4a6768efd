import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisPostgresStores } from '@baton/stores';
import type { Task } from '@baton/engine';
import { createTestApp, register, simpleDef, start } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
  const stores = await createRedisPostgresStores({
    redis: inject('redisUrl'),
    databaseUrl: inject('databaseUrl'),
    schema: `server_rp_${suffix}`,
    keyPrefix: `server-${suffix}:`,
    indexIntervalMs: 50,
  });
  t = await createTestApp({}, stores);
  await register(t.app, simpleDef('rp_wf', 'rp_task'));
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('the API on Redis + Postgres', () => {
  it('runs a workflow through HTTP and finds it by search', async () => {
    const id = await start(t.app, 'rp_wf', { x: 7 });
    const [task] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/rp_task?timeout=2000' })
    ).json() as Task[];
    expect(task!.inputData).toEqual({ x: 7 });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        workflowInstanceId: id,
        taskId: task!.taskId,
        status: 'COMPLETED',
        outputData: { result: 'rp' },
      },
    });
    expect(res.body).toBe(task!.taskId);
    expect((await t.app.inject({ url: `/api/workflow/${id}` })).json()).toMatchObject({
      status: 'COMPLETED',
      output: { result: 'rp' },
    });
    const q = encodeURIComponent(`workflowId = '${id}'`);
    const found = (await t.app.inject({ url: `/api/workflow/search?query=${q}` })).json();
    expect(found.results.map((s: { workflowId: string }) => s.workflowId)).toEqual([id]);
  });

  it('wakes a long poll when a task is queued', async () => {
    const pending = t.app.inject({ url: '/api/tasks/poll/batch/rp_task?timeout=5000' });
    await new Promise((r) => setTimeout(r, 200));
    const began = Date.now();
    const id = await start(t.app, 'rp_wf');
    expect(((await pending).json() as Task[]).map((x) => x.workflowInstanceId)).toEqual([id]);
    expect(Date.now() - began).toBeLessThan(3000);
  });
});
