import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Cluster } from 'ioredis';
import { createManualClock, runStoreConformance } from '@baton/engine/testing';
import {
  createRedisPostgresStores,
  PgSqlClient,
  type RedisPostgresStores,
} from '../../src/index.js';
import { RedisExecutionStore } from '../../src/redis/redis-execution-store.js';
import { RedisTaskQueue } from '../../src/redis/redis-task-queue.js';
import './provided-context.js';
import { randomKeys, testTask, testWorkflow } from './support.js';

/** The part of scripts/services/redis-cluster.ts this file uses (that file is outside this project). */
interface ClusterService {
  nodes: Array<{ host: string; port: number }>;
  stop(): Promise<void>;
}
const CLUSTER_HELPER = '../../../../scripts/services/redis-cluster.ts';

const clock = createManualClock(Date.now());
const keys = randomKeys();
const schema = `redis_cluster_${process.pid}_${Date.now()}`;
let cluster: ClusterService | undefined;
let client: Cluster | undefined;
let stores: RedisPostgresStores | undefined;

beforeAll(async () => {
  const helper = (await import(/* @vite-ignore */ CLUSTER_HELPER)) as {
    startRedisCluster(): Promise<ClusterService>;
  };
  cluster = await helper.startRedisCluster();
  client = new Cluster(cluster.nodes, { enableAutoPipelining: true });
  stores = await createRedisPostgresStores({
    redis: client,
    databaseUrl: inject('databaseUrl'),
    schema,
    keyPrefix: keys.prefix,
    clock,
  });
});

afterAll(async () => {
  await stores?.close();
  await client?.quit();
  await cluster?.stop();
  const db = new PgSqlClient({ connectionString: inject('databaseUrl') });
  await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.close();
});

runStoreConformance('redis cluster+postgres', async () => {
  if (!stores) throw new Error('the cluster stores did not start');
  return { ...stores, clock, cleanup: async () => {} };
});

describe('Redis Cluster workload', () => {
  it('spreads executions and queues over all three masters', async () => {
    if (!client) throw new Error('no cluster client');
    const nodes = client.nodes('master');
    expect(nodes).toHaveLength(3);
    const store = new RedisExecutionStore({ client, keys });
    const workflows = Array.from({ length: 60 }, () => testWorkflow());
    await Promise.all(workflows.map((wf) => store.createExecution(wf)));
    const perNode = await Promise.all(nodes.map((node) => node.dbsize()));
    expect(perNode.every((n) => n > 0)).toBe(true);
  });

  it('never applies queue changes in execution scripts, whose queues live in other slots', async () => {
    if (!client) throw new Error('no cluster client');
    const queue = new RedisTaskQueue({ client, keys });
    const store = new RedisExecutionStore({ client, keys, queue });
    expect(store.appliesQueueChanges(queue)).toBe(false);
    expect(stores?.executions.appliesQueueChanges?.(stores.queue)).toBe(false);
    const workflow = testWorkflow();
    const create = store.createExecution(workflow, [
      { kind: 'push', queue: 'work', message: { id: 'm', priority: 0, delayMs: 0 } },
    ]);
    await expect(create).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await store.getExecution(workflow.workflowId)).toBeNull();
  });

  it('runs concurrent saves, task lookups and queue hand-offs without loss or duplicates', async () => {
    if (!client) throw new Error('no cluster client');
    const store = new RedisExecutionStore({ client, keys });
    const queue = new RedisTaskQueue({ client, keys });
    const workflows = Array.from({ length: 40 }, () => testWorkflow());
    await Promise.all(workflows.map((wf) => store.createExecution(wf)));

    // Each workflow schedules 5 tasks, one save at a time, each pushed to one of 4 queues.
    const scheduled: string[] = [];
    await Promise.all(
      workflows.map(async (wf) => {
        for (let seq = 1; seq <= 5; seq++) {
          const task = testTask(wf, seq);
          await store.saveExecution({
            workflow: wf,
            expectedRevision: seq,
            upsertTasks: [task],
            deleteTaskIds: [],
          });
          await queue.push(`work-${seq % 4}`, [{ id: task.taskId, priority: 0, delayMs: 0 }]);
          scheduled.push(task.taskId);
        }
      }),
    );

    const polled: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (;;) {
          const ids = await queue.pop(`work-${worker % 4}`, 10, 60_000);
          if (ids.length === 0) return;
          for (const id of ids) {
            const task = await store.getTask(id);
            expect(task?.taskId).toBe(id);
            await queue.remove(`work-${worker % 4}`, id);
            polled.push(id);
          }
        }
      }),
    );
    expect(polled).toHaveLength(scheduled.length);
    expect(new Set(polled)).toEqual(new Set(scheduled));
    const revisions = await Promise.all(
      workflows.map(async (wf) => (await store.getExecution(wf.workflowId))?.revision),
    );
    expect(revisions.every((r) => r === 6)).toBe(true);
  });
});
