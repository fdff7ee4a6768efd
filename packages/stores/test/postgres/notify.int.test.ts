import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ExecutionEvent } from '@baton/engine';
import { createPostgresStores, type SqlStores } from '@baton/stores';

const schema = `notify_${process.pid}_${Date.now()}`;
let serverA: SqlStores;
let serverB: SqlStores;

beforeAll(async () => {
  const connectionString = inject('databaseUrl');
  serverA = await createPostgresStores({ connectionString, schema });
  serverB = await createPostgresStores({ connectionString, schema });
});

afterAll(async () => {
  await serverA.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await Promise.all([serverA.close(), serverB.close()]);
});

describe('postgres LISTEN/NOTIFY between servers', () => {
  it('wakes a long poll on one server when another server pushes', async () => {
    const started = Date.now();
    const waiting = serverA.queue.waitForMessages('notify_q', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await serverB.queue.push('notify_q', [{ id: 'm1', priority: 0, delayMs: 0 }]);
    await waiting;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await serverA.queue.pop('notify_q', 1, 60_000)).toEqual(['m1']);
  });

  it('does not wake a waiter for pushes to other queues', async () => {
    const started = Date.now();
    const waiting = serverA.queue.waitForMessages('quiet_q', 700);
    await serverB.queue.push('busy_q', [{ id: 'm2', priority: 0, delayMs: 0 }]);
    await waiting;
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('delivers events published on one server to subscribers on another', async () => {
    const received: ExecutionEvent[] = [];
    const unsubscribe = serverA.events.subscribe((event) => received.push(event));
    // The subscription's LISTEN is set up asynchronously; publishing on A waits for it.
    await serverA.events.publish([]);
    const event: ExecutionEvent = {
      type: 'task',
      workflowId: 'w1',
      workflowName: 'flow',
      taskId: 't1',
      taskType: 'SIMPLE',
      referenceTaskName: 'a',
      status: 'COMPLETED',
      retryCount: 0,
      time: 42,
    };
    await serverB.events.publish([event]);
    const until = Date.now() + 5_000;
    while (received.length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    unsubscribe();
    expect(received).toEqual([event]);
  });

  it('drops cached definitions on every server when one server changes them', async () => {
    const name = `cached_${process.pid}`;
    await serverB.definitions.saveTaskDefs([{ name, retryCount: 1 }]);
    // Server A starts listening on its first read; read until its reads are served from cache.
    const readA = async () => (await serverA.definitions.getTaskDef(name))?.retryCount;
    expect(await readA()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await readA()).toBe(1);
    // Cached reads are shared, so they are frozen.
    const cached = await serverA.definitions.getTaskDef(name);
    expect(await serverA.definitions.getTaskDef(name)).toBe(cached);
    expect(() => Object.assign(cached ?? {}, { retryCount: 99 })).toThrow(TypeError);
    expect(await readA()).toBe(1);

    await serverB.definitions.updateTaskDef({ name, retryCount: 2 });
    const until = Date.now() + 2_000;
    let seen = await readA();
    while (seen !== 2 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = await readA();
    }
    expect(seen).toBe(2);
    // The server that made the change reads its own write at once.
    await serverA.definitions.updateTaskDef({ name, retryCount: 3 });
    expect(await readA()).toBe(3);
  });

  it('listens again after its LISTEN connection is killed', async () => {
    const applicationName = `reconnect_${process.pid}`;
    const serverC = await createPostgresStores({
      connectionString: inject('databaseUrl'),
      schema,
      applicationName,
    });
    try {
      await serverC.queue.waitForMessages('reconnect_q', 1);
      const listenerPids = `SELECT pid FROM pg_stat_activity WHERE application_name = $1`;
      const killed = await serverA.sql.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
        [`${applicationName}:listen`],
      );
      expect(killed.rows).toHaveLength(1);
      const until = Date.now() + 10_000;
      let back = false;
      while (!back && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const { rows } = await serverA.sql.query<{ pid: number }>(listenerPids, [
          `${applicationName}:listen`,
        ]);
        back = rows.length === 1 && !killed.rows.some((row) => row.pid === rows[0]?.pid);
      }
      expect(back).toBe(true);
      // Give the new connection a moment to finish its LISTEN statements.
      await new Promise((resolve) => setTimeout(resolve, 200));

      const started = Date.now();
      const waiting = serverC.queue.waitForMessages('reconnect_q', 20_000);
      await serverB.queue.push('reconnect_q', [{ id: 'm3', priority: 0, delayMs: 0 }]);
      await waiting;
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await serverC.close();
    }
  });
});
