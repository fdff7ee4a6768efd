/**
 * Retention on a real server, on the embedded store and on Redis + Postgres: finished executions
 * older than the retention are removed in batches by the server's own timer; running and recent
 * ones stay.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRedisPostgresStores } from '@baton/stores';
import type { Task } from '@baton/engine';
import { createTestApp, openPgliteStores, register, simpleDef, start } from './helpers.js';
import type { TestApp } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const apps: TestApp[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

const stores = {
  pglite: () => openPgliteStores(),
  'redis+postgres': () => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
    return createRedisPostgresStores({
      redis: inject('redisUrl'),
      databaseUrl: inject('databaseUrl'),
      schema: `retention_${suffix}`,
      keyPrefix: `retention-${suffix}:`,
      indexIntervalMs: 50,
    });
  },
};

describe.each(Object.keys(stores) as Array<keyof typeof stores>)('retention on %s', (kind) => {
  it('removes finished executions older than the retention, in batches, and keeps the rest', async () => {
    // The server's clock runs two days ahead: everything finished now is two days old to it.
    let ahead = 0;
    const t = await createTestApp(
      {
        retention: {
          maxAgeMs: DAY,
          firstDelayMs: 0,
          intervalMs: 100,
          batchSize: 2,
          pauseMs: 10,
          now: () => Date.now() + ahead,
        },
      },
      await stores[kind](),
    );
    apps.push(t);
    await register(t.app, simpleDef('rt_wf', 'rt_task'));
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await start(t.app, 'rt_wf', { x: i }));
    const tasks = (
      await t.app.inject({ url: '/api/tasks/poll/batch/rt_task?count=4&timeout=2000' })
    ).json() as Task[];
    expect(tasks).toHaveLength(4);
    for (const [i, task] of tasks.entries()) {
      await t.app.inject({
        method: 'POST',
        url: '/api/tasks',
        payload: {
          workflowInstanceId: task.workflowInstanceId,
          taskId: task.taskId,
          status: i === 0 ? 'FAILED' : 'COMPLETED',
        },
      });
    }
    const finished = tasks.map((x) => x.workflowInstanceId);
    const running = ids.filter((id) => !finished.includes(id));
    expect(running).toHaveLength(1);
    const status = async (id: string) =>
      (await t.app.inject({ url: `/api/workflow/${id}` })).statusCode;
    // Before the clock moves nothing is old enough.
    await new Promise((r) => setTimeout(r, 400));
    for (const id of finished) expect(await status(id)).toBe(200);

    ahead = 2 * DAY;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const codes = await Promise.all(finished.map(status));
      if (codes.every((c) => c === 404)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const id of finished) expect(await status(id), id).toBe(404);
    expect(await status(running[0]!)).toBe(200);
    const [left] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/rt_task?timeout=1000' })
    ).json() as Task[];
    expect(left?.workflowInstanceId).toBe(running[0]);
  });
});
