import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Redis } from 'ioredis';
import { batonError, type SearchRequest, type Workflow } from '@baton/engine';
import {
  createRedisPostgresStores,
  PgSqlClient,
  type RedisPostgresStores,
} from '../../src/index.js';
import { Archiver } from '../../src/composite/archiver.js';
import { PgSearchSink } from '../../src/composite/pg-search-sink.js';
import { IndexJournal } from '../../src/redis/index-journal.js';
import { RedisExecutionStore } from '../../src/redis/redis-execution-store.js';
import { SearchIndexer, type SearchIndexSink } from '../../src/redis/search-indexer.js';
import './provided-context.js';
import { connect, dropKeys, randomKeys, testTask, testWorkflow } from './support.js';

const keys = randomKeys();
const schema = `redis_indexer_${process.pid}_${Date.now()}`;
let client: Redis;
/** Two "servers" sharing one Redis and one Postgres; only the first archives. */
let first: RedisPostgresStores;
let second: RedisPostgresStores;

beforeAll(async () => {
  client = connect(inject('redisUrl'));
  const common = {
    redis: inject('redisUrl'),
    databaseUrl: inject('databaseUrl'),
    schema,
    keyPrefix: keys.prefix,
    indexIntervalMs: 60_000,
  };
  first = await createRedisPostgresStores({
    ...common,
    archive: { retentionMs: 0, intervalMs: 3_600_000 },
  });
  second = await createRedisPostgresStores(common);
});

afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
  await dropKeys(client, keys);
  await client.quit();
  const db = new PgSqlClient({ connectionString: inject('databaseUrl') });
  await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.close();
});

const byName = (name: string): SearchRequest => ({
  start: 0,
  size: 100,
  sort: [],
  query: { type: 'condition', field: 'workflowType', op: '=', values: [name] },
  freeText: '*',
});

/** A sink that only records the ids of the executions it was given. */
function recordingSink(copied: string[]): SearchIndexSink {
  return {
    upsertExecutions: async (batch) => {
      copied.push(...batch.map((stored) => stored.workflow.workflowId));
    },
    removeExecution: async () => undefined,
  };
}

/** An indexer on `store` passing every 10 ms into a {@link recordingSink}, started. */
function startRecordingIndexer(store: RedisExecutionStore) {
  const copied: string[] = [];
  const indexer = new SearchIndexer({ store, intervalMs: 10, sink: recordingSink(copied) });
  indexer.start();
  return { indexer, copied };
}

/** Records the ids `store` reads from now on. */
function recordReads(store: RedisExecutionStore): string[] {
  const reads: string[] = [];
  const read = store.getExecution.bind(store);
  store.getExecution = async (workflowId) => {
    reads.push(workflowId);
    return read(workflowId);
  };
  return reads;
}

/** An execution created two minutes ago and still running, through a store of its own. */
async function createLongRunning(workflowName: string) {
  const redis = new RedisExecutionStore({ client, keys, journal: true });
  const running = testWorkflow({ workflowName, createTime: Date.now() - 120_000 });
  await redis.createExecution(running);
  return { redis, running };
}

/** Saves a change to `running` at revision 1 (a new variable). */
async function saveSecondRevision(redis: RedisExecutionStore, running: Workflow): Promise<void> {
  await redis.saveExecution({
    workflow: { ...running, variables: { step: 2 } },
    expectedRevision: 1,
    upsertTasks: [],
    deleteTaskIds: [],
  });
}

describe('search indexer', () => {
  it('shows one server the changes another server just made', async () => {
    const wf = testWorkflow({ workflowName: 'cross_server' });
    await first.executions.createExecution(wf);
    await first.executions.saveExecution({
      workflow: { ...wf, status: 'COMPLETED', endTime: 5 },
      expectedRevision: 1,
      upsertTasks: [testTask(wf, 1, { status: 'COMPLETED' })],
      deleteTaskIds: [],
    });
    const found = await second.executions.searchWorkflows(byName('cross_server'), {
      includeTasks: true,
    });
    expect(found.results.map((w) => [w.workflowId, w.status, w.tasks.length])).toEqual([
      [wf.workflowId, 'COMPLETED', 1],
    ]);
  });

  it('keeps an announced change pending until the commit it announced is indexed', async () => {
    const wf = testWorkflow({ workflowName: 'in_flight' });
    await first.executions.createExecution(wf);
    await first.indexer.flush();
    // A save that announced revision 2 but has not committed yet (or crashed right after).
    const journal = new IndexJournal(client, keys);
    await journal.announce(wf.workflowId, 2);
    await first.indexer.flush();
    const shard = keys.shardOf(wf.workflowId);
    const pending = await journal.pending(shard, 0, 10_000);
    expect(pending.map((e) => e.workflowId)).toContain(wf.workflowId);

    await first.executions.saveExecution({
      workflow: { ...wf, status: 'FAILED' },
      expectedRevision: 1,
      upsertTasks: [],
      deleteTaskIds: [],
    });
    const found = await second.executions.searchWorkflows(byName('in_flight'));
    expect(found.results.map((w) => w.status)).toEqual(['FAILED']);
    const after = await journal.pending(shard, 0, 10_000);
    expect(after.map((e) => e.workflowId)).not.toContain(wf.workflowId);
  });
  it('leaves out, and reports, an execution the index refuses, so searches keep answering', async () => {
    const own = randomKeys();
    const redis = new RedisExecutionStore({ client, keys: own, journal: true });
    const poisoned = testWorkflow({ workflowName: 'poisoned', input: { poison: true } });
    const healthy = testWorkflow({ workflowName: 'healthy' });
    await redis.createExecution(poisoned);
    await redis.createExecution(healthy);
    const copied: string[] = [];
    const errors: unknown[] = [];
    let unavailable = true;
    const indexer = new SearchIndexer({
      store: redis,
      onError: (error) => errors.push(error),
      sink: {
        upsertExecutions: async (batch) => {
          if (unavailable) throw batonError('STORE_UNAVAILABLE', 'Postgres is down');
          if (batch.some((stored) => stored.workflow.input['poison'])) {
            throw Object.assign(new Error('unsupported Unicode escape sequence'), {
              code: '22P05',
              severity: 'ERROR',
            });
          }
          copied.push(...batch.map((stored) => stored.workflow.workflowId));
        },
        removeExecution: async () => undefined,
      },
    });
    // A sink that is down fails the flush and keeps everything announced.
    await expect(indexer.flush()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(await indexer.backlog()).toBe(2);
    unavailable = false;
    await indexer.flush();
    expect(copied).toEqual([healthy.workflowId]);
    expect(errors).toMatchObject([{ code: '22P05' }]);
    expect(await indexer.backlog()).toBe(0);
    await dropKeys(client, own);
  });

  it('leaves young running executions to later passes, but flush() copies them', async () => {
    const redis = new RedisExecutionStore({ client, keys, journal: true });
    const running = testWorkflow({ workflowName: 'young_running', createTime: Date.now() });
    const done = testWorkflow({ workflowName: 'young_done', createTime: Date.now() });
    await redis.createExecution(running);
    await redis.createExecution(done);
    await redis.saveExecution({
      workflow: { ...done, status: 'COMPLETED', endTime: Date.now() },
      expectedRevision: 1,
      upsertTasks: [],
      deleteTaskIds: [],
    });
    const { indexer, copied } = startRecordingIndexer(redis);
    await expect.poll(() => copied.includes(done.workflowId)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(copied).not.toContain(running.workflowId);
    await indexer.flush();
    await indexer.stop();
    expect(copied).toContain(running.workflowId);
  });

  it("never copies one shard's changes in two processes' background passes at once, and carries on in one when the other stops", async () => {
    const redis = new RedisExecutionStore({ client, keys, journal: true });
    const done = Array.from({ length: 24 }, (_, i) => testWorkflow({ workflowName: `lease_${i}` }));
    for (const wf of done) {
      await redis.createExecution(wf);
      await redis.saveExecution({
        workflow: { ...wf, status: 'COMPLETED', endTime: Date.now() },
        expectedRevision: 1,
        upsertTasks: [],
        deleteTaskIds: [],
      });
    }
    const ids = new Set(done.map((wf) => wf.workflowId));
    /** Per shard, how many sink calls are running now, and the most ever at once. */
    const running = new Map<number, number>();
    let mostAtOnce = 0;
    const copiedBy: Array<Set<string>> = [new Set(), new Set()];
    const indexer = (n: 0 | 1) =>
      new SearchIndexer({
        store: new RedisExecutionStore({ client, keys, journal: true }),
        intervalMs: 5,
        leaseMs: 300,
        sink: {
          upsertExecutions: async (batch) => {
            const shards = new Set(batch.map((s) => keys.shardOf(s.workflow.workflowId)));
            for (const shard of shards) running.set(shard, (running.get(shard) ?? 0) + 1);
            mostAtOnce = Math.max(mostAtOnce, ...[...shards].map((sh) => running.get(sh) ?? 0));
            // Slow enough that two passes over one shard would overlap if nothing kept them apart.
            await new Promise((resolve) => setTimeout(resolve, 20));
            for (const shard of shards) running.set(shard, (running.get(shard) ?? 1) - 1);
            for (const stored of batch) copiedBy[n]?.add(stored.workflow.workflowId);
          },
          removeExecution: async () => undefined,
        },
      });
    const a = indexer(0);
    const b = indexer(1);
    a.start();
    b.start();
    await expect
      .poll(() => [...ids].every((id) => copiedBy[0]?.has(id) || copiedBy[1]?.has(id)), {
        timeout: 5_000,
      })
      .toBe(true);
    expect(mostAtOnce).toBe(1);
    // Process A stops without handing anything back mid-pass; B alone copies what comes next.
    await a.stop();
    const later = testWorkflow({ workflowName: 'lease_later' });
    await redis.createExecution(later);
    await redis.saveExecution({
      workflow: { ...later, status: 'COMPLETED', endTime: Date.now() },
      expectedRevision: 1,
      upsertTasks: [],
      deleteTaskIds: [],
    });
    await expect.poll(() => copiedBy[1]?.has(later.workflowId), { timeout: 5_000 }).toBe(true);
    await b.stop();
  });

  it('copies a running execution again no sooner than the deferral, but flush() at once', async () => {
    const { redis, running } = await createLongRunning('long_running');
    const copies: number[] = [];
    const indexer = new SearchIndexer({
      store: redis,
      intervalMs: 10,
      deferYoungMs: 60_000,
      sink: {
        upsertExecutions: async (batch) => {
          for (const stored of batch) {
            if (stored.workflow.workflowId === running.workflowId) copies.push(stored.revision);
          }
        },
        removeExecution: async () => undefined,
      },
    });
    indexer.start();
    try {
      await expect.poll(() => copies).toEqual([1]);
      await saveSecondRevision(redis, running);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(copies).toEqual([1]);
      await indexer.flush();
      expect(copies).toEqual([1, 2]);
    } finally {
      await indexer.stop();
    }
  });

  it('copies a running execution again no sooner than the deferral when two processes index, and hands its shards over when it stops', async () => {
    const { redis, running } = await createLongRunning('long_running_two');
    const copies: Array<[number, number]> = [];
    const indexer = (n: number) =>
      new SearchIndexer({
        // Each with its own store: what one process read or deferred, the other does not know.
        store: new RedisExecutionStore({ client, keys, journal: true }),
        intervalMs: 10,
        deferYoungMs: 60_000,
        leaseMs: 60_000,
        sink: {
          upsertExecutions: async (batch) => {
            for (const stored of batch) {
              if (stored.workflow.workflowId === running.workflowId)
                copies.push([n, stored.revision]);
            }
          },
          removeExecution: async () => undefined,
        },
      });
    const [a, b] = [indexer(0), indexer(1)];
    a.start();
    b.start();
    try {
      await expect.poll(() => copies.length).toBe(1);
      const [holder] = copies[0] ?? [];
      await saveSecondRevision(redis, running);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The process that copied it keeps the shard, and with it the deferral.
      expect(copies.map(([, revision]) => revision)).toEqual([1]);
      // Stopped, it hands the shard back at once (not after the 60 s lease): the other process's
      // background passes take it over and copy the change.
      await (holder === 0 ? a : b).stop();
      await expect.poll(() => copies.length, { timeout: 3_000 }).toBe(2);
      expect(copies[1]).toEqual([holder === 0 ? 1 : 0, 2]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('defers a young running execution it holds a copy of without reading it', async () => {
    const redis = new RedisExecutionStore({ client, keys, journal: true });
    const young = testWorkflow({ workflowName: 'young_held', createTime: Date.now() });
    await redis.createExecution(young);
    const reads = recordReads(redis);
    const { indexer, copied } = startRecordingIndexer(redis);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await indexer.stop();
    expect(reads).not.toContain(young.workflowId);
    expect(copied).not.toContain(young.workflowId);
    // A process without a copy reads it once, then defers it too.
    const other = new RedisExecutionStore({ client, keys, journal: true });
    const otherReads = recordReads(other);
    const second = new SearchIndexer({
      store: other,
      intervalMs: 10,
      sink: recordingSink([]),
    });
    second.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await second.stop();
    expect(otherReads.filter((id) => id === young.workflowId)).toHaveLength(1);
  });

  it('does not bring back the search copy of an execution removed while it was being copied', async () => {
    const wf = testWorkflow({ workflowName: 'removed_mid_copy' });
    const redis = new RedisExecutionStore({ client, keys, journal: true });
    await redis.createExecution(wf);
    const db = new PgSqlClient({ connectionString: inject('databaseUrl'), schema });
    const sink = new PgSearchSink(db);
    const indexer = new SearchIndexer({
      store: redis,
      sink: {
        upsertExecutions: async (batch) => {
          // Another server removes the execution (Redis, then its search copy) mid-copy.
          for (const stored of batch) {
            await first.executions.removeExecution(stored.workflow.workflowId);
          }
          await sink.upsertExecutions(batch);
        },
        removeExecution: (workflowId) => sink.removeExecution(workflowId),
      },
    });
    await indexer.flush();
    await db.close();
    const found = await second.executions.searchWorkflows(byName('removed_mid_copy'));
    expect(found.totalHits).toBe(0);
    expect(await second.executions.getExecution(wf.workflowId)).toBeNull();
  });
});

describe('Postgres search sink', () => {
  it('never lowers the revision of a copy when indexers race', async () => {
    const db = new PgSqlClient({ connectionString: inject('databaseUrl'), schema });
    const sink = new PgSearchSink(db);
    const wf = testWorkflow({ workflowName: 'racing_indexers' });
    const [t1, t2] = [testTask(wf, 1), testTask(wf, 2)];
    const newer = {
      workflow: { ...wf, status: 'COMPLETED' as const, tasks: [t1, t2] },
      revision: 3,
    };
    const older = { workflow: { ...wf, tasks: [t1] }, revision: 2 };
    await sink.upsertExecutions([newer]);
    await sink.upsertExecutions([older]);
    await db.close();
    const found = await second.executions.searchWorkflows(byName('racing_indexers'), {
      includeTasks: true,
    });
    expect(found.results.map((w) => [w.status, w.tasks.length])).toEqual([['COMPLETED', 2]]);
  });
});

describe('archiver', () => {
  it('moves a finished execution to Postgres, reads it back, and restores it on a save', async () => {
    const wf = testWorkflow({ workflowName: 'archived', status: 'COMPLETED', endTime: 1 });
    const task = testTask(wf, 1, { status: 'COMPLETED' });
    wf.tasks = [task];
    await first.executions.createExecution(wf);
    await first.executions.addTaskLogs([{ taskId: task.taskId, log: 'done', createdTime: 3 }]);
    await first.indexer.flush();
    expect(await first.archiver?.archiveDue()).toBeGreaterThanOrEqual(1);

    expect(await client.exists(keys.execution(wf.workflowId).workflow)).toBe(0);
    const archived = await second.executions.getExecution(wf.workflowId);
    expect(archived?.revision).toBe(1);
    expect(archived?.workflow.tasks.map((t) => t.taskId)).toEqual([task.taskId]);
    expect((await second.executions.getTask(task.taskId))?.status).toBe('COMPLETED');
    expect((await second.executions.getTaskLogs(task.taskId)).map((l) => l.log)).toEqual(['done']);

    const revision = await second.executions.saveExecution({
      workflow: { ...wf, status: 'RUNNING' },
      expectedRevision: 1,
      upsertTasks: [testTask(wf, 2)],
      deleteTaskIds: [],
    });
    expect(revision).toBe(2);
    expect(await client.exists(keys.execution(wf.workflowId).workflow)).toBe(1);
    expect((await first.executions.getExecution(wf.workflowId))?.workflow.tasks).toHaveLength(2);
  });

  it('archives what the indexer copied without reading it again, and copies what it did not', async () => {
    const db = new PgSqlClient({ connectionString: inject('databaseUrl'), schema });
    const storeClient = connect(inject('redisUrl'));
    try {
      const redis = new RedisExecutionStore({ client: storeClient, keys, journal: true });
      const sink = new PgSearchSink(db);
      const archiver = new Archiver({ redis, sink, retentionMs: 0 });
      const copied = testWorkflow({ workflowName: 'archive_copied', status: 'COMPLETED' });
      const changed = testWorkflow({ workflowName: 'archive_changed', status: 'COMPLETED' });
      for (const wf of [copied, changed]) {
        await redis.createExecution({ ...wf, tasks: [testTask(wf, 1, { status: 'COMPLETED' })] });
        await archiver.track({ workflow: wf, revision: 1 });
      }
      const indexedCopy = await redis.getExecution(copied.workflowId);
      const indexedChanged = await redis.getExecution(changed.workflowId);
      if (!indexedCopy || !indexedChanged) throw new Error('not created');
      await sink.upsertExecutions([indexedCopy, indexedChanged]);
      // After it was indexed, `changed` changes again: Postgres holds an older revision.
      await redis.saveExecution({
        workflow: { ...changed, output: { late: true } },
        expectedRevision: 1,
        upsertTasks: [],
        deleteTaskIds: [],
      });
      const reads: string[] = [];
      const getExecution = redis.getExecution.bind(redis);
      redis.getExecution = async (workflowId) => {
        reads.push(workflowId);
        return getExecution(workflowId);
      };

      expect(await archiver.archiveDue()).toBe(2);
      expect(reads).toEqual([changed.workflowId]);
      for (const wf of [copied, changed]) {
        expect(await storeClient.exists(keys.execution(wf.workflowId).workflow)).toBe(0);
      }
      const archived = await second.executions.getExecution(changed.workflowId);
      expect(archived?.revision).toBe(2);
      expect(archived?.workflow.output).toEqual({ late: true });
      expect((await second.executions.getExecution(copied.workflowId))?.revision).toBe(1);
    } finally {
      storeClient.disconnect();
      await db.close();
    }
  });

  it('leaves running executions in Redis', async () => {
    const wf = testWorkflow({ workflowName: 'still_running' });
    await first.executions.createExecution(wf);
    await first.indexer.flush();
    await first.archiver?.archiveDue();
    expect(await client.exists(keys.execution(wf.workflowId).workflow)).toBe(1);
  });
});
