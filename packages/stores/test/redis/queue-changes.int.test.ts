import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Redis } from 'ioredis';
import { isBatonError, type QueueChange, type Workflow } from '@baton/engine';
import type { PgExecutionStore } from '../../src/postgres/pg-execution-store.js';
import type { SearchIndexer } from '../../src/redis/search-indexer.js';
import { RedisPostgresExecutionStore } from '../../src/composite/redis-postgres-execution-store.js';
import { RedisExecutionStore } from '../../src/redis/redis-execution-store.js';
import { RedisTaskQueue } from '../../src/redis/redis-task-queue.js';
import './provided-context.js';
import { connect, dropKeys, randomKeys, testTask, testWorkflow } from './support.js';

const keys = randomKeys();
const NOW = 1_900_000_000_123;
const clock = { now: () => NOW };
let client: Redis;
let otherClient: Redis;
let subscriber: Redis;
let queue: RedisTaskQueue;
let store: RedisExecutionStore;
/** Messages received per channel, in order. */
const heard = new Map<string, string[]>();

beforeAll(() => {
  client = connect(inject('redisUrl'));
  otherClient = connect(inject('redisUrl'));
  subscriber = connect(inject('redisUrl'));
  subscriber.on('message', (channel: string, message: string) => {
    heard.set(channel, [...(heard.get(channel) ?? []), message]);
  });
  queue = new RedisTaskQueue({ client, keys, clock });
  store = new RedisExecutionStore({ client, keys, journal: true, queue, clock });
});

afterAll(async () => {
  await dropKeys(client, keys);
  await Promise.all([client.quit(), otherClient.quit(), subscriber.quit()]);
});

let queueCount = 0;
/** A queue name of its own per test, listened to, so announcements are told apart. */
async function freshQueue(): Promise<string> {
  queueCount += 1;
  const name = `queue-${queueCount}`;
  await subscriber.subscribe(keys.queueChannel(name));
  return name;
}

/**
 * What was published on `queues`' channels so far. A marker published on each channel after the
 * change arrives after anything the change published (one connection, in order), so nothing
 * still in flight is missed.
 */
async function announcements(...queues: string[]): Promise<Record<string, string[]>> {
  for (const name of queues) await client.publish(keys.queueChannel(name), 'marker');
  await expect
    .poll(() => queues.every((name) => heard.get(keys.queueChannel(name))?.includes('marker')))
    .toBe(true);
  return Object.fromEntries(
    queues.map((name) => [
      name,
      (heard.get(keys.queueChannel(name)) ?? []).filter((message) => message !== 'marker'),
    ]),
  );
}

/** Waits for what `queues`' channels got so far, then forgets it. */
async function settle(...queues: string[]): Promise<void> {
  await announcements(...queues);
  for (const name of queues) heard.delete(keys.queueChannel(name));
}

const push = (name: string, id: string, priority = 0, delayMs = 0): QueueChange => ({
  kind: 'push',
  queue: name,
  message: { id, priority, delayMs },
});

async function registered(name: string): Promise<boolean> {
  return (await client.sismember(keys.queueNames(), name)) === 1;
}

/** A save on `store` that changes no task, with `queueChanges` when given. */
function saveQueueChanges(
  workflow: Workflow,
  expectedRevision: number,
  queueChanges?: QueueChange[],
): Promise<number> {
  return store.saveExecution({
    workflow,
    expectedRevision,
    upsertTasks: [],
    deleteTaskIds: [],
    ...(queueChanges ? { queueChanges } : {}),
  });
}

async function created(): Promise<Workflow> {
  const workflow = testWorkflow();
  await store.createExecution(workflow);
  return workflow;
}

describe('queue changes in saveExecution-3+.lua', () => {
  it('applies a save’s pushes and removes with it and announces visible pushes', async () => {
    const [work, delayed, acked] = [await freshQueue(), await freshQueue(), await freshQueue()];
    await queue.push(acked, [{ id: 'old', priority: 0, delayMs: 0 }]);
    await settle(acked);
    const workflow = await created();
    const task = testTask(workflow, 1);

    const revision = await store.saveExecution({
      workflow,
      expectedRevision: 1,
      upsertTasks: [task],
      deleteTaskIds: [],
      queueChanges: [
        push(work, task.taskId, 7),
        push(delayed, 'later', 150, 5_000),
        { kind: 'remove', queue: acked, id: 'old' },
      ],
    });

    expect(revision).toBe(2);
    const workKeys = keys.queue(work);
    expect(await client.zscore(workKeys.ready, task.taskId)).toBe(String(92e13 + NOW));
    expect(await client.hget(workKeys.priorities, task.taskId)).toBe('7');
    const delayedKeys = keys.queue(delayed);
    expect(await client.zscore(delayedKeys.delayed, 'later')).toBe(String(NOW + 5_000));
    expect(await client.hget(delayedKeys.priorities, 'later')).toBe('99');
    expect(await queue.contains(acked, 'old')).toBe(false);
    expect(await registered(work)).toBe(true);
    expect(await registered(delayed)).toBe(true);
    expect(await queue.sizes()).toMatchObject({ [work]: 1, [delayed]: 1 });
    // A delayed push that is the earliest hidden message announces too; a remove never does.
    expect(await announcements(work, delayed, acked)).toEqual({
      [work]: ['1'],
      [delayed]: ['1'],
      [acked]: [],
    });
    expect(await queue.pop(work, 1, 1_000)).toEqual([task.taskId]);
  });

  it('does not announce a delayed push behind an earlier hidden message', async () => {
    const work = await freshQueue();
    await queue.push(work, [{ id: 'first', priority: 0, delayMs: 1_000 }]);
    await settle(work);
    const workflow = await created();

    await saveQueueChanges(workflow, 1, [push(work, 'second', 0, 2_000)]);

    expect(await queue.contains(work, 'second')).toBe(true);
    expect((await announcements(work))[work]).toEqual([]);
  });

  it('applies no queue change and publishes nothing when the save fails, and all when it wins', async () => {
    const work = await freshQueue();
    await queue.push(work, [{ id: 'acked', priority: 0, delayMs: 0 }]);
    await settle(work);
    const workflow = await created();
    await saveQueueChanges(workflow, 1);
    const changes = [push(work, 'lost'), { kind: 'remove', queue: work, id: 'acked' } as const];

    const stale = saveQueueChanges(workflow, 1, changes);
    await expect(stale).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    const missing = saveQueueChanges(testWorkflow(), 1, changes);
    await expect(missing).rejects.toMatchObject({ code: 'WORKFLOW_NOT_FOUND' });

    expect(await queue.contains(work, 'lost')).toBe(false);
    expect(await queue.contains(work, 'acked')).toBe(true);
    expect((await announcements(work))[work]).toEqual([]);

    await saveQueueChanges(workflow, 2, changes);
    expect(await queue.contains(work, 'lost')).toBe(true);
    expect(await queue.contains(work, 'acked')).toBe(false);
    expect((await announcements(work))[work]).toEqual(['1']);
  });

  it('resends the queue changes when the stored definition differs from the one named', async () => {
    const work = await freshQueue();
    const workflow = await created();
    const read = await store.getExecution(workflow.workflowId);
    if (!read) throw new Error('not created');
    // Another server stores a new definition (a restart with a changed one).
    const replaced = { ...read.workflow.workflowDefinition, description: 'replaced' };
    await new RedisExecutionStore({ client, keys }).saveExecution({
      workflow: { ...workflow, workflowDefinition: replaced },
      expectedRevision: 1,
      upsertTasks: [],
      deleteTaskIds: [],
    });

    const revision = await saveQueueChanges(read.workflow, 2, [push(work, 'after-mismatch')]);

    expect(revision).toBe(3);
    expect(await queue.contains(work, 'after-mismatch')).toBe(true);
    expect((await announcements(work))[work]).toEqual(['1']);
  });
});

describe('queue changes in createExecution-3+.lua', () => {
  it('applies a create’s queue changes with the execution', async () => {
    const [work, decider] = [await freshQueue(), await freshQueue()];
    const workflow = testWorkflow();
    const task = testTask(workflow, 1);

    await store.createExecution({ ...workflow, tasks: [task] }, [
      push(work, task.taskId, 3),
      push(decider, workflow.workflowId, 0, 60_000),
    ]);

    expect((await store.getExecution(workflow.workflowId))?.revision).toBe(1);
    expect(await client.zscore(keys.queue(work).ready, task.taskId)).toBe(String(96e13 + NOW));
    expect(await client.zscore(keys.queue(decider).delayed, workflow.workflowId)).toBe(
      String(NOW + 60_000),
    );
    expect(await registered(work)).toBe(true);
    expect(await announcements(work, decider)).toEqual({ [work]: ['1'], [decider]: ['1'] });
  });

  it('applies no queue change and publishes nothing when the id exists', async () => {
    const work = await freshQueue();
    const workflow = await created();

    const again = store.createExecution(workflow, [push(work, 'duplicate')]);

    await expect(again).rejects.toMatchObject({ code: 'WORKFLOW_ALREADY_EXISTS' });
    expect(await queue.contains(work, 'duplicate')).toBe(false);
    expect(await registered(work)).toBe(false);
    expect((await announcements(work))[work]).toEqual([]);

    await store.createExecution(testWorkflow(), [push(work, 'duplicate')]);
    expect(await queue.contains(work, 'duplicate')).toBe(true);
    expect(await registered(work)).toBe(true);
    expect((await announcements(work))[work]).toEqual(['1']);
  });
});

describe('RedisExecutionStore.appliesQueueChanges', () => {
  it('is true only for the store’s own queue on its standalone client', () => {
    const other = new RedisTaskQueue({ client, keys });
    const elsewhere = new RedisTaskQueue({ client: otherClient, keys });
    const composite = new RedisPostgresExecutionStore(
      store,
      {} as PgExecutionStore,
      {} as SearchIndexer,
    );

    expect(store.appliesQueueChanges(queue)).toBe(true);
    expect(composite.appliesQueueChanges(queue)).toBe(true);
    expect(store.appliesQueueChanges(other)).toBe(false);
    expect(new RedisExecutionStore({ client, keys }).appliesQueueChanges(queue)).toBe(false);
    const onAnotherClient = new RedisExecutionStore({ client, keys, queue: elsewhere });
    expect(onAnotherClient.appliesQueueChanges(elsewhere)).toBe(false);
  });

  it('throws INTERNAL instead of dropping queue changes it cannot apply', async () => {
    const work = await freshQueue();
    const plain = new RedisExecutionStore({ client, keys });
    const workflow = testWorkflow();

    const create = plain.createExecution(workflow, [push(work, 'dropped')]);
    await expect(create).rejects.toSatisfy((e) => isBatonError(e) && e.code === 'INTERNAL');
    expect(await plain.getExecution(workflow.workflowId)).toBeNull();

    await plain.createExecution(workflow);
    const save = plain.saveExecution({
      workflow,
      expectedRevision: 1,
      upsertTasks: [],
      deleteTaskIds: [],
      queueChanges: [push(work, 'dropped')],
    });
    await expect(save).rejects.toSatisfy((e) => isBatonError(e) && e.code === 'INTERNAL');
    expect((await plain.getExecution(workflow.workflowId))?.revision).toBe(1);
    expect(await queue.contains(work, 'dropped')).toBe(false);
  });
});
