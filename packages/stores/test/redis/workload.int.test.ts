import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Redis } from 'ioredis';
import { isBatonError, type SearchRequest, type Workflow } from '@baton/engine';
import {
  createRedisPostgresStores,
  PgSqlClient,
  type RedisPostgresStores,
} from '../../src/index.js';
import './provided-context.js';
import { connect, dropKeys, randomKeys, testTask, testWorkflow } from './support.js';

const keys = randomKeys();
const schema = `redis_workload_${process.pid}_${Date.now()}`;
let client: Redis;
/** Two servers sharing Redis and Postgres, each with a fast background indexer. */
let servers: RedisPostgresStores[] = [];

beforeAll(async () => {
  client = connect(inject('redisUrl'));
  const options = {
    redis: inject('redisUrl'),
    databaseUrl: inject('databaseUrl'),
    schema,
    keyPrefix: keys.prefix,
    indexIntervalMs: 20,
  };
  servers = [await createRedisPostgresStores(options), await createRedisPostgresStores(options)];
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await dropKeys(client, keys);
  await client.quit();
  const db = new PgSqlClient({ connectionString: inject('databaseUrl') });
  await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.close();
});

/** Saves a change, re-reading and retrying on STORE_CONFLICT as the executor does. */
async function update(
  server: RedisPostgresStores,
  workflowId: string,
  change: (workflow: Workflow) => { workflow: Workflow; tasks: Workflow['tasks'] },
): Promise<void> {
  for (;;) {
    const stored = await server.executions.getExecution(workflowId);
    if (!stored) throw new Error(`lost ${workflowId}`);
    const next = change(stored.workflow);
    try {
      await server.executions.saveExecution({
        workflow: next.workflow,
        expectedRevision: stored.revision,
        upsertTasks: next.tasks,
        deleteTaskIds: [],
      });
      return;
    } catch (error) {
      if (!isBatonError(error) || error.code !== 'STORE_CONFLICT') throw error;
    }
  }
}

describe('Redis+Postgres workload', () => {
  it('indexes every finished workflow, whichever server finished it, while indexers run', async () => {
    const name = 'workload_finish';
    const workflows = Array.from({ length: 150 }, () => testWorkflow({ workflowName: name }));
    await Promise.all(
      workflows.map(async (wf, i) => {
        const server = servers[i % 2] as RedisPostgresStores;
        await server.executions.createExecution(wf);
        // Both servers race to add tasks; the last step completes the workflow.
        await Promise.all(
          [1, 2, 3].map((seq) =>
            update(servers[seq % 2] as RedisPostgresStores, wf.workflowId, (current) => ({
              workflow: current,
              tasks: [testTask(wf, seq, { status: 'COMPLETED' })],
            })),
          ),
        );
        await update(server, wf.workflowId, (current) => ({
          workflow: { ...current, status: 'COMPLETED', endTime: 10 },
          tasks: [],
        }));
      }),
    );
    const request: SearchRequest = {
      start: 0,
      size: 1_000,
      sort: [],
      query: { type: 'condition', field: 'workflowType', op: '=', values: [name] },
      freeText: '*',
    };
    for (const server of servers) {
      const found = await server.executions.searchWorkflows(request, { includeTasks: true });
      expect(found.totalHits).toBe(workflows.length);
      expect(found.results.every((w) => w.status === 'COMPLETED' && w.tasks.length === 3)).toBe(
        true,
      );
    }
    expect(await servers[0]?.indexer.backlog()).toBe(0);
  });
});
