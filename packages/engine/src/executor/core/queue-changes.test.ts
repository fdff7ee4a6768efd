import { describe, expect, it } from 'vitest';
import type { QueueChange } from '../../ports/execution-store.js';
import { DECIDER_QUEUE } from '../../ports/task-queue.js';
import { createMemoryStores } from '../../testing/memory-stores.js';
import { createHarness, simple, type Harness } from '../harness.testkit.js';

/** Records the queue changes each write of the execution store was given. */
function recordWrites(h: Harness): Array<{ write: string; changes: QueueChange[] | undefined }> {
  const writes: Array<{ write: string; changes: QueueChange[] | undefined }> = [];
  const store = h.stores.executions;
  const create = store.createExecution.bind(store);
  const save = store.saveExecution.bind(store);
  store.createExecution = (workflow, changes) => {
    writes.push({ write: 'create', changes });
    return create(workflow, changes);
  };
  store.saveExecution = (change) => {
    writes.push({ write: 'save', changes: change.queueChanges });
    return save(change);
  };
  return writes;
}

/** What the queues hold for a workflow of two tasks, `a` and `b` (ids from the execution). */
async function queueState(h: Harness, id: string) {
  const wf = await h.workflow(id);
  const queued = async (type: string) => {
    const task = wf.tasks.find((t) => t.taskType === type);
    return task ? h.stores.queue.contains(type, task.taskId) : false;
  };
  return {
    a: await queued('a'),
    b: await queued('b'),
    decider: await h.stores.queue.contains(DECIDER_QUEUE, id),
  };
}

describe('queue changes of a write', () => {
  it('ride with the create and the saves when the store applies them', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b')] });
    const writes = recordWrites(h);
    const id = await h.start('wf');
    const [create] = writes;
    expect(create?.write).toBe('create');
    expect(create?.changes?.map((c) => `${c.kind} ${c.queue}`).sort()).toEqual([
      `push ${DECIDER_QUEUE}`,
      'push a',
    ]);
    await h.complete('a');
    // The poll's claim acknowledges through the queue; the update's save pushes b.
    const pushesOfB = writes.flatMap((w) => w.changes ?? []).filter((c) => c.queue === 'b');
    expect(pushesOfB).toEqual([
      { kind: 'push', queue: 'b', message: expect.objectContaining({ delayMs: 0 }) },
    ]);
    expect(await queueState(h, id)).toEqual({ a: false, b: true, decider: true });
  });

  it('leave the queues in the same state either way', async () => {
    const states = [];
    for (const queueChangesInWrites of [true, false]) {
      const h = createHarness({}, { queueChangesInWrites });
      await h.registerWorkflow({ tasks: [simple('a'), simple('b')] });
      const id = await h.start('wf');
      const afterStart = await queueState(h, id);
      await h.complete('a');
      const afterA = await queueState(h, id);
      await h.executor.terminate(id, 'enough');
      const afterTerminate = await queueState(h, id);
      states.push({ afterStart, afterA, afterTerminate });
    }
    expect(states[0]).toEqual({
      afterStart: { a: true, b: false, decider: true },
      afterA: { a: false, b: true, decider: true },
      afterTerminate: { a: false, b: false, decider: false },
    });
    expect(states[1]).toEqual(states[0]);
  });

  it('are not handed to a store that does not apply them', async () => {
    const h = createHarness({}, { queueChangesInWrites: false });
    await h.registerWorkflow({ tasks: [simple('a'), simple('b')] });
    const writes = recordWrites(h);
    await h.start('wf');
    await h.complete('a');
    expect(writes.length).toBeGreaterThan(1);
    expect(writes.every((w) => w.changes === undefined || w.changes.length === 0)).toBe(true);
  });
});

describe('MemoryExecutionStore with a queue', () => {
  const workflow = {
    workflowId: 'w1',
    workflowName: 'wf',
    workflowVersion: 1,
    status: 'RUNNING',
    tasks: [],
    createTime: 0,
  } as never;
  const push = (id: string): QueueChange => ({
    kind: 'push',
    queue: 'q',
    message: { id, priority: 0, delayMs: 0 },
  });

  it('applies the queue changes of a write only when the write succeeds', async () => {
    const stores = createMemoryStores();
    await stores.executions.createExecution(workflow, [push('created')]);
    await expect(
      stores.executions.createExecution(workflow, [push('duplicate')]),
    ).rejects.toMatchObject({ code: 'WORKFLOW_ALREADY_EXISTS' });
    await expect(
      stores.executions.saveExecution({
        workflow,
        expectedRevision: 7,
        upsertTasks: [],
        deleteTaskIds: [],
        queueChanges: [push('lost')],
      }),
    ).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    await stores.executions.saveExecution({
      workflow,
      expectedRevision: 1,
      upsertTasks: [],
      deleteTaskIds: [],
      queueChanges: [push('saved'), { kind: 'remove', queue: 'q', id: 'created' }],
    });
    expect(await stores.queue.pop('q', 10, 1000)).toEqual(['saved']);
  });

  it('says it applies them only for its own queue, and refuses them without one', async () => {
    const stores = createMemoryStores();
    expect(stores.executions.appliesQueueChanges(stores.queue)).toBe(true);
    expect(stores.executions.appliesQueueChanges(createMemoryStores().queue)).toBe(false);
    const plain = createMemoryStores({ queueChangesInWrites: false });
    expect(plain.executions.appliesQueueChanges(plain.queue)).toBe(false);
    await expect(plain.executions.createExecution(workflow, [push('x')])).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });
});
