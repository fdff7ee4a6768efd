/**
 * The Conductor surface endpoints whose answers depend on the store, on Redis + Postgres:
 * synchronous execute (woken by the Redis event bus), test runs kept out of the Postgres search
 * index's workflow search, and task search.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisPostgresStores } from '@baton/stores';
import type { Task } from '@baton/engine';
import { createTestApp, register, simpleDef } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
  const stores = await createRedisPostgresStores({
    redis: inject('redisUrl'),
    databaseUrl: inject('databaseUrl'),
    schema: `surface_${suffix}`,
    keyPrefix: `surface-${suffix}:`,
    indexIntervalMs: 50,
  });
  t = await createTestApp(
    { background: { sweepIntervalMs: 100, systemTaskIntervalMs: 50 } },
    stores,
  );
  await register(t.app, simpleDef('srp_wf', 'srp_task'));
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('surface endpoints on Redis + Postgres', () => {
  it('executes synchronously, answering as soon as a worker completes the run', async () => {
    const pending = t.app.inject({
      method: 'POST',
      url: '/api/workflow/execute/srp_wf/1?waitForSeconds=20',
      payload: { input: { x: 1 } },
    });
    let task: Task | undefined;
    while (task === undefined) {
      [task] = (
        await t.app.inject({ url: '/api/tasks/poll/batch/srp_task?timeout=500' })
      ).json() as Task[];
    }
    const completedAt = Date.now();
    await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        workflowInstanceId: task.workflowInstanceId,
        taskId: task.taskId,
        status: 'COMPLETED',
        outputData: { result: 'rp' },
      },
    });
    const res = await pending;
    expect(Date.now() - completedAt).toBeLessThan(2000);
    expect(res.json()).toMatchObject({
      workflowId: task.workflowInstanceId,
      status: 'COMPLETED',
      output: { result: 'rp' },
      signalTimeout: false,
    });
  });

  it('runs a mocked test run, hidden from workflow search but found by test = true', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/test',
      payload: {
        name: 'srp_wf',
        correlationId: 'rp-test',
        taskRefToMockOutput: { srp_task_ref: [{ output: { result: 'mocked' } }] },
      },
    });
    const run = res.json() as { workflowId: string; status: string; output: unknown };
    expect(run).toMatchObject({ status: 'COMPLETED', output: { result: 'mocked' } });
    const search = async (query: string, route = 'search') =>
      (
        (
          await t.app.inject({
            url: `/api/workflow/${route}?query=${encodeURIComponent(query)}`,
          })
        ).json() as { results: Array<{ workflowId: string }> }
      ).results.map((x) => x.workflowId);
    expect(await search("correlationId = 'rp-test'")).toEqual([]);
    expect(await search("correlationId = 'rp-test'", 'search-v2')).toEqual([]);
    expect(await search("correlationId = 'rp-test' AND test = true")).toEqual([run.workflowId]);
    const tasks = await t.app.inject({
      url: `/api/tasks/search?query=${encodeURIComponent(`workflowId = '${run.workflowId}'`)}`,
    });
    expect(
      (tasks.json() as { results: Array<{ taskType: string; output: string }> }).results,
    ).toMatchObject([{ taskType: 'srp_task', output: JSON.stringify({ result: 'mocked' }) }]);
  });
});
