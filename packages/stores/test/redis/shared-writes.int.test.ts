import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Redis } from 'ioredis';
import { isBatonError } from '@baton/engine';
import {
  RedisExecutionStore,
  SHARED_WRITES_WINDOW_MS,
} from '../../src/redis/redis-execution-store.js';
import { runScript } from '../../src/redis/script-loader.js';
import type { Task, Workflow } from '@baton/engine';
import './provided-context.js';
import { connect, dropKeys, randomKeys, testTask, testWorkflow } from './support.js';

const keys = randomKeys();
let clients: Redis[] = [];

beforeAll(() => {
  clients = [connect(inject('redisUrl')), connect(inject('redisUrl'))];
});

afterAll(async () => {
  const [first] = clients;
  if (first) await dropKeys(first, keys);
  await Promise.all(clients.map((client) => client.quit()));
});

/** Two stores on one Redis, as two server processes hold them, on one settable clock. */
function twoProcesses() {
  const clock = { time: 1_000_000, now: () => clock.time };
  const [a, b] = clients.map((client) => new RedisExecutionStore({ client, keys, clock }));
  if (!a || !b) throw new Error('two clients expected');
  return { a, b, clock };
}

/** Creates an execution through `store` and saves one change to it there. */
async function createAndSave(store: RedisExecutionStore) {
  const workflow = testWorkflow();
  await store.createExecution(workflow);
  const task = testTask(workflow, 1);
  const revision = await store.saveExecution({
    workflow: { ...workflow, tasks: [task] },
    expectedRevision: 1,
    upsertTasks: [task],
    deleteTaskIds: [],
  });
  return { workflow, task, revision };
}

describe('in-process snapshots when another process writes (issue 20)', () => {
  it('a store alone keeps offering its snapshot, so an operation needs no read', async () => {
    const { a } = twoProcesses();
    const { workflow, revision } = await createAndSave(a);
    expect(a.peekExecution(workflow.workflowId)?.revision).toBe(revision);
    // A read that finds the snapshot current is no sign of another writer.
    await a.getExecution(workflow.workflowId);
    expect(a.peekExecution(workflow.workflowId)?.revision).toBe(revision);
  });

  it('stops offering snapshots for a while once a read finds another process saved', async () => {
    const { a, b, clock } = twoProcesses();
    const { workflow, task, revision } = await createAndSave(a);
    const read = await b.getExecution(workflow.workflowId);
    expect(read?.revision).toBe(revision);
    const done = { ...task, status: 'COMPLETED' as const };
    await b.saveExecution({
      workflow: { ...workflow, tasks: [done] },
      expectedRevision: revision,
      upsertTasks: [done],
      deleteTaskIds: [],
    });
    // Process A still holds the older snapshot and cannot know yet.
    expect(a.peekExecution(workflow.workflowId)?.revision).toBe(revision);
    const fresh = await a.getExecution(workflow.workflowId);
    expect(fresh?.revision).toBe(revision + 1);
    expect(fresh?.workflow.tasks[0]?.status).toBe('COMPLETED');
    // Now A reads before every operation, for this execution and any other.
    expect(a.peekExecution(workflow.workflowId)).toBeUndefined();
    const other = await createAndSave(a);
    expect(a.peekExecution(other.workflow.workflowId)).toBeUndefined();
    // Process B saw nothing of A's after its reads, and keeps its snapshots.
    expect(b.peekExecution(workflow.workflowId)?.revision).toBe(revision + 1);
    clock.time += SHARED_WRITES_WINDOW_MS;
    expect(a.peekExecution(other.workflow.workflowId)?.revision).toBe(other.revision);
  });

  it('also after a save from its snapshot is refused as stale', async () => {
    const { a, b } = twoProcesses();
    const { workflow, task, revision } = await createAndSave(a);
    await b.getExecution(workflow.workflowId);
    const byB = { ...task, status: 'IN_PROGRESS' as const };
    await b.saveExecution({
      workflow: { ...workflow, tasks: [byB] },
      expectedRevision: revision,
      upsertTasks: [byB],
      deleteTaskIds: [],
    });
    const byA = { ...task, status: 'COMPLETED' as const };
    const refused = await a
      .saveExecution({
        workflow: { ...workflow, tasks: [byA] },
        expectedRevision: revision,
        upsertTasks: [byA],
        deleteTaskIds: [],
      })
      .catch((e: unknown) => e);
    expect(isBatonError(refused) && refused.code).toBe('STORE_CONFLICT');
    const other = await createAndSave(a);
    expect(a.peekExecution(other.workflow.workflowId)).toBeUndefined();
  });
});

/** Saves `upserts` and `deletes` to `workflow` at `revision` through `store`. */
async function save(
  store: RedisExecutionStore,
  workflow: Workflow,
  revision: number,
  upserts: Task[],
  deletes: string[] = [],
): Promise<number> {
  return store.saveExecution({
    workflow,
    expectedRevision: revision,
    upsertTasks: upserts,
    deleteTaskIds: deletes,
  });
}

/** What a store that holds nothing reads: the reference for every derived copy. */
async function wholeRead(workflowId: string) {
  const fresh = new RedisExecutionStore({ client: clients[0] as Redis, keys });
  return fresh.getExecution(workflowId);
}

describe('reads of only what changed since the revision held (change log)', () => {
  it('brings a stale copy up to date from the tasks changed since, deletes and re-adds included', async () => {
    const { a, b } = twoProcesses();
    const workflow = testWorkflow();
    await a.createExecution(workflow);
    const t1 = testTask(workflow, 1);
    const t2 = testTask(workflow, 2);
    let revision = await save(a, workflow, 1, [t1, t2]);
    const held = revision;
    expect((await b.getExecution(workflow.workflowId))?.revision).toBe(held);
    // Process B moves on: changes t1, adds two tasks of one seq, deletes t2, adds it back.
    const t3 = testTask(workflow, 3);
    const t3b = testTask(workflow, 3);
    revision = await save(b, workflow, revision, [{ ...t1, status: 'IN_PROGRESS' }]);
    revision = await save(b, workflow, revision, [t3, t3b]);
    revision = await save(b, workflow, revision, [], [t2.taskId]);
    revision = await save(b, workflow, revision, [{ ...t2, status: 'COMPLETED' }]);
    revision = await save(b, workflow, revision, [{ ...t1, status: 'COMPLETED' }]);
    const { keys: k } = { keys: keys.execution(workflow.workflowId) };
    const reply = (await runScript(
      clients[0] as Redis,
      'getExecution',
      [k.workflow, k.tasks, k.order],
      [held],
    )) as unknown[];
    // Six elements: only the tasks upserted since (t1, t3, t3b, t2) and the one deleted.
    expect(reply).toHaveLength(6);
    expect((reply[2] as string[]).length / 2).toBe(4);
    expect(reply[5]).toEqual([t2.taskId]);
    const derived = await a.getExecution(workflow.workflowId);
    const whole = await wholeRead(workflow.workflowId);
    expect(derived?.revision).toBe(revision);
    expect(derived?.workflow.tasks).toEqual(whole?.workflow.tasks);
    expect(derived?.workflow.tasks.map((t) => [t.referenceTaskName, t.status])).toEqual([
      ['t1', 'COMPLETED'],
      ['t2', 'COMPLETED'],
      ['t3', 'SCHEDULED'],
      ['t3', 'SCHEDULED'],
    ]);
    expect(derived?.workflow.tasks.slice(2).map((t) => t.taskId)).toEqual([t3.taskId, t3b.taskId]);
  });

  it('reads the whole execution when the log no longer reaches back, or a save was too big to list', async () => {
    const { a, b } = twoProcesses();
    const workflow = testWorkflow();
    await a.createExecution(workflow);
    const t1 = testTask(workflow, 1);
    let revision = await save(a, workflow, 1, [t1]);
    const held = revision;
    await b.getExecution(workflow.workflowId);
    for (let i = 0; i < 9; i += 1)
      revision = await save(b, workflow, revision, [{ ...t1, pollCount: i }]);
    const k = keys.execution(workflow.workflowId);
    const read = async (known: number) =>
      (await runScript(
        clients[0] as Redis,
        'getExecution',
        [k.workflow, k.tasks, k.order],
        [known],
      )) as unknown[];
    // Nine saves since: the log keeps eight, so it reaches back to one revision later only.
    expect(await read(held)).toHaveLength(5);
    expect(await read(held + 1)).toHaveLength(6);
    const derived = await a.getExecution(workflow.workflowId);
    expect(derived?.workflow.tasks).toEqual((await wholeRead(workflow.workflowId))?.workflow.tasks);
    const many = Array.from({ length: 17 }, (_, i) => testTask(workflow, 10 + i));
    const before = revision;
    revision = await save(b, workflow, revision, many);
    expect(await read(before)).toHaveLength(5);
    const again = await a.getExecution(workflow.workflowId);
    expect(again?.revision).toBe(revision);
    expect(again?.workflow.tasks).toEqual((await wholeRead(workflow.workflowId))?.workflow.tasks);
  });

  it('agrees with a whole read after any mix of saves by two processes', async () => {
    const { a, b } = twoProcesses();
    const workflow = testWorkflow();
    await a.createExecution(workflow);
    let revision = 1;
    let tasks: Task[] = [];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 60; step += 1) {
      const writer = random(2) === 0 ? a : b;
      const current = await writer.getExecution(workflow.workflowId);
      expect(current?.workflow.tasks).toEqual(
        (await wholeRead(workflow.workflowId))?.workflow.tasks,
      );
      tasks = current?.workflow.tasks ?? [];
      const upserts: Task[] = [];
      const deletes: string[] = [];
      const kind = random(3);
      if (kind === 0 || tasks.length === 0) {
        upserts.push(testTask(workflow, 1 + random(4)));
      } else if (kind === 1) {
        const task = tasks[random(tasks.length)] as Task;
        upserts.push({ ...task, pollCount: step });
      } else {
        deletes.push((tasks[random(tasks.length)] as Task).taskId);
      }
      revision = await save(writer, workflow, revision, upserts, deletes);
    }
  });
});

describe('task locations when another process wrote the task', () => {
  it('locates a task another process stored, reading only the index, and gives null for none', async () => {
    const { a, b } = twoProcesses();
    const { workflow, task } = await createAndSave(a);
    // B has never seen the task: no hint, but one read of the index finds its workflow.
    expect(b.peekTaskLocation(task.taskId)).toBeUndefined();
    const bClient = clients[1];
    if (!bClient) throw new Error('client expected');
    const hgets: string[] = [];
    const hget = bClient.hget.bind(bClient);
    bClient.hget = ((key: string, field: string) => {
      hgets.push(field);
      return hget(key, field);
    }) as typeof bClient.hget;
    try {
      expect(await b.locateTask(task.taskId)).toBe(workflow.workflowId);
      expect(hgets).toEqual([]);
      // Remembered: the next poll of it needs no read at all.
      expect(b.peekTaskLocation(task.taskId)).toBe(workflow.workflowId);
      expect(await b.locateTask('no-such-task')).toBeNull();
    } finally {
      bClient.hget = hget;
    }
  });
});
