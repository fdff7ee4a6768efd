import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresStores } from '@baton/stores';
import type { Task } from '@baton/engine';
import { createTestApp, register, simpleDef, start } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  const schema = `server_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const stores = await createPostgresStores({ connectionString: inject('databaseUrl'), schema });
  t = await createTestApp({}, stores);
  await register(t.app, simpleDef('pg_wf', 'pg_task'));
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('the API on Postgres', () => {
  it('runs a workflow from start to completion through HTTP', async () => {
    const id = await start(t.app, 'pg_wf', { x: 5 });
    const [task] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/pg_task?timeout=2000' })
    ).json() as Task[];
    expect(task!.inputData).toEqual({ x: 5 });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        workflowInstanceId: id,
        taskId: task!.taskId,
        status: 'COMPLETED',
        outputData: { result: 'pg' },
      },
    });
    expect(res.body).toBe(task!.taskId);
    const wf = (await t.app.inject({ url: `/api/workflow/${id}` })).json();
    expect(wf).toMatchObject({ status: 'COMPLETED', output: { result: 'pg' } });
    const found = (
      await t.app.inject({
        url: `/api/workflow/search?query=${encodeURIComponent(`workflowId = '${id}'`)}`,
      })
    ).json();
    expect(found.results.map((s: { workflowId: string }) => s.workflowId)).toEqual([id]);
  });

  it('wakes a long poll when another request queues a task', async () => {
    const pending = t.app.inject({ url: '/api/tasks/poll/batch/pg_task?timeout=5000' });
    await new Promise((r) => setTimeout(r, 200));
    const began = Date.now();
    const id = await start(t.app, 'pg_wf');
    const tasks = (await pending).json() as Task[];
    expect(tasks.map((x) => x.workflowInstanceId)).toEqual([id]);
    expect(Date.now() - began).toBeLessThan(3000);
  });
});
