import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Redis } from 'ioredis';
import { isBatonError } from '@baton/engine';
import { IndexJournal } from '../../src/redis/index-journal.js';
import { RedisExecutionStore } from '../../src/redis/redis-execution-store.js';
import { RedisTaskQueue } from '../../src/redis/redis-task-queue.js';
import './provided-context.js';
import { connect, dropKeys, randomKeys, testTask, testWorkflow } from './support.js';

const keys = randomKeys();
const CONNECTIONS = 8;
let clients: Redis[] = [];

beforeAll(() => {
  clients = Array.from({ length: CONNECTIONS }, () => connect(inject('redisUrl')));
});

afterAll(async () => {
  const [first] = clients;
  if (first) await dropKeys(first, keys);
  await Promise.all(clients.map((client) => client.quit()));
});

const stores = (): RedisExecutionStore[] =>
  clients.map((client) => new RedisExecutionStore({ client, keys, journal: true }));
const queues = (clock?: { now(): number }): RedisTaskQueue[] =>
  clients.map((client) => new RedisTaskQueue({ client, keys, ...(clock ? { clock } : {}) }));

describe('saveExecution-3+.lua', () => {
  it('lets exactly one of many concurrent saves win at each revision', async () => {
    const all = stores();
    const [first] = all;
    const workflow = testWorkflow();
    await first?.createExecution(workflow);
    for (let revision = 1; revision <= 10; revision++) {
      const outcomes = await Promise.allSettled(
        all.map((store, i) =>
          store.saveExecution({
            workflow: { ...workflow, variables: { writer: i } },
            expectedRevision: revision,
            upsertTasks: [testTask(workflow, revision, { referenceTaskName: `w${i}` })],
            deleteTaskIds: [],
          }),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won).toHaveLength(1);
      expect(won[0]?.status === 'fulfilled' && won[0].value).toBe(revision + 1);
      for (const lost of outcomes.filter((o) => o.status === 'rejected')) {
        const reason: unknown = lost.reason;
        expect(isBatonError(reason) && reason.code).toBe('STORE_CONFLICT');
      }
    }
    const stored = await first?.getExecution(workflow.workflowId);
    expect(stored?.revision).toBe(11);
    expect(stored?.workflow.tasks).toHaveLength(10);
  });

  it('never shows a task of a losing save, even through the task index', async () => {
    const [store] = stores();
    const workflow = testWorkflow();
    await store?.createExecution(workflow);
    const loser = testTask(workflow, 1);
    await store?.saveExecution({
      workflow,
      expectedRevision: 1,
      upsertTasks: [],
      deleteTaskIds: [],
    });
    const stale = store?.saveExecution({
      workflow,
      expectedRevision: 1,
      upsertTasks: [loser],
      deleteTaskIds: [],
    });
    await expect(stale).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    expect(await store?.getTask(loser.taskId)).toBeNull();
  });

  it('writes the task index and the announcement with the change on standalone Redis, and neither for a losing save', async () => {
    const [store] = stores();
    const [client] = clients;
    if (!store || !client) throw new Error('no client');
    const journal = new IndexJournal(client, keys);
    const announced = async (workflowId: string) =>
      (await journal.pending(keys.shardOf(workflowId), 0, 10_000)).find(
        (e) => e.workflowId === workflowId,
      )?.revision;
    const workflow = testWorkflow();
    const first = testTask(workflow, 1);
    await store.createExecution({ ...workflow, tasks: [first] });
    expect(await client.get(keys.taskIndex(first.taskId))).toBe(workflow.workflowId);
    expect(await announced(workflow.workflowId)).toBe(1);

    await store.saveExecution({
      workflow,
      expectedRevision: 1,
      upsertTasks: [],
      deleteTaskIds: [],
    });
    const loser = testTask(workflow, 2);
    await expect(
      store.saveExecution({
        workflow,
        expectedRevision: 1,
        upsertTasks: [loser],
        deleteTaskIds: [],
      }),
    ).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    expect(await client.exists(keys.taskIndex(loser.taskId))).toBe(0);
    expect(await announced(workflow.workflowId)).toBe(2);
  });

  it('keeps the stored workflow row when a change says it is unchanged', async () => {
    const [store, other] = stores();
    if (!store || !other) throw new Error('no store');
    const workflow = testWorkflow({ updateTime: 5 });
    const task = testTask(workflow, 1);
    await store.createExecution({ ...workflow, tasks: [task] });
    const claimed = { ...task, status: 'IN_PROGRESS' as const };
    const revision = await store.saveExecution({
      // A stale copy of the row: it must not be written.
      workflow: { ...workflow, updateTime: 9, variables: { stale: true } },
      expectedRevision: 1,
      upsertTasks: [claimed],
      deleteTaskIds: [],
      workflowUnchanged: true,
    });
    expect(revision).toBe(2);
    const read = await other.getExecution(workflow.workflowId);
    expect(read?.revision).toBe(2);
    expect(read?.workflow.updateTime).toBe(5);
    expect(read?.workflow.variables).toEqual({});
    expect(read?.workflow.tasks.map((t) => t.status)).toEqual(['IN_PROGRESS']);
  });

  it('announces the revision to index before the save commits', async () => {
    const [store] = stores();
    const [client] = clients;
    if (!store || !client) throw new Error('no client');
    const journal = new IndexJournal(client, keys);
    const workflow = testWorkflow();
    await store.createExecution(workflow);
    await store.saveExecution({
      workflow,
      expectedRevision: 1,
      upsertTasks: [],
      deleteTaskIds: [],
    });
    const shard = keys.shardOf(workflow.workflowId);
    const entry = (await journal.pending(shard, 0, 10_000)).find(
      (e) => e.workflowId === workflow.workflowId,
    );
    expect(entry?.revision).toBe(2);
    expect(await journal.acknowledge([{ workflowId: workflow.workflowId, revision: 1 }])).toBe(0);
    expect(await journal.acknowledge([{ workflowId: workflow.workflowId, revision: 2 }])).toBe(1);
  });
});

describe('popMessages-3.lua', () => {
  it('never hands one message to two of many concurrent pollers', async () => {
    const all = queues();
    const queue = 'concurrent';
    const ids = Array.from({ length: 600 }, (_, i) => `m${i}`);
    await all[0]?.push(
      queue,
      ids.map((id, i) => ({ id, priority: i % 100, delayMs: 0 })),
    );
    const seen: string[] = [];
    await Promise.all(
      all.map(async (q) => {
        // Bounded, so a broken script fails the test instead of looping forever.
        for (let round = 0; round < ids.length; round++) {
          const popped = await q.pop(queue, 7, 60_000);
          if (popped.length === 0) return;
          seen.push(...popped);
        }
      }),
    );
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('redelivers a leased message when its lease ends, and not before', async () => {
    const [q] = queues();
    const queue = 'lease';
    await q?.push(queue, [{ id: 'job', priority: 5, delayMs: 0 }]);
    expect(await q?.pop(queue, 1, 300)).toEqual(['job']);
    expect(await q?.pop(queue, 1, 300)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await q?.pop(queue, 1, 300)).toEqual(['job']);
    expect(await q?.size(queue)).toBe(1);
  });

  it('orders by priority at real epoch times without losing score precision', async () => {
    let now = 1_900_000_000_123;
    const [q] = queues({ now: () => now });
    const queue = 'precision';
    await q?.push(queue, [{ id: 'old-low', priority: 0, delayMs: 0 }]);
    now += 1;
    await q?.push(queue, [
      { id: 'new-high', priority: 99, delayMs: 0 },
      { id: 'later', priority: 99, delayMs: 5 },
    ]);
    now += 1;
    await q?.push(queue, [{ id: 'newer-low', priority: 0, delayMs: 0 }]);
    expect(await q?.pop(queue, 3, 1_000)).toEqual(['new-high', 'old-low', 'newer-low']);
    now += 10;
    expect(await q?.pop(queue, 3, 1_000)).toEqual(['later']);
  });
});
