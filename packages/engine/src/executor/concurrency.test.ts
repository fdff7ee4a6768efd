import { describe, expect, it } from 'vitest';
import type { ExecutionStore, StoredExecution } from '../ports/execution-store.js';
import { createHarness, simple } from './harness.testkit.js';

describe('concurrent operations on one execution', () => {
  it('applies simultaneous updates of two fork branches by re-reading on STORE_CONFLICT', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'f',
          taskReferenceName: 'f',
          type: 'FORK_JOIN',
          forkTasks: [[simple('a')], [simple('b')]],
        },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN', joinOn: ['a', 'b'] },
      ],
    });
    const id = await h.start('wf');
    const [a] = await h.executor.pollTasks('a', { count: 1 });
    const [b] = await h.executor.pollTasks('b', { count: 1 });
    let conflicts = 0;
    const save = h.stores.executions.saveExecution.bind(h.stores.executions);
    h.stores.executions.saveExecution = async (change) => {
      try {
        return await save(change);
      } catch (e) {
        conflicts += 1;
        throw e;
      }
    };
    await Promise.all(
      [a, b].map((t) =>
        h.executor.updateTask({
          workflowInstanceId: id,
          taskId: t?.taskId as string,
          status: 'COMPLETED',
          outputData: { ref: t?.referenceTaskName },
        }),
      ),
    );
    expect(conflicts).toBeGreaterThan(0);
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    expect((await h.task(id, 'j')).outputData).toEqual({ a: { ref: 'a' }, b: { ref: 'b' } });
  });

  it('hands a task to only one of two simultaneous polls', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    await h.start('wf');
    const results = await Promise.all([
      h.executor.pollTasks('a', { count: 1, workerId: 'w1' }),
      h.executor.pollTasks('a', { count: 1, workerId: 'w2' }),
    ]);
    expect(results.flat()).toHaveLength(1);
  });
});

describe('USER_DEFINED tasks', () => {
  it('queue under their type with their TaskDef, and fail the workflow without one', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'custom', retryCount: 0 });
    await h.registerWorkflow({
      name: 'ok',
      tasks: [{ name: 'custom', taskReferenceName: 'c', type: 'MY_TYPE' }],
    });
    await h.registerWorkflow({
      name: 'bad',
      tasks: [{ name: 'unknown', taskReferenceName: 'c', type: 'MY_TYPE' }],
    });
    const ok = await h.start('ok');
    const task = await h.complete('MY_TYPE');
    expect([task.taskType, task.taskDefName]).toEqual(['MY_TYPE', 'custom']);
    expect((await h.workflow(ok)).status).toBe('COMPLETED');
    const bad = await h.workflow(await h.start('bad'));
    expect([bad.status, bad.reasonForIncompletion]).toEqual([
      'FAILED',
      'Invalid task specified.  Cannot find task by name unknown in the task definitions',
    ]);
  });

  it('rejects the start in strict mode when a SIMPLE task has no TaskDef', async () => {
    const h = createHarness({ strictTaskDefs: true });
    await h.registerWorkflow({ tasks: [simple('a', 'nodef')] });
    await expect(h.start('wf')).rejects.toMatchObject({ code: 'REQUEST_INVALID' });
  });
});

describe('optimistic reads of a store copy (peekExecution)', () => {
  /** Makes the memory store hand out the copies in `stale` as its in-process snapshots. */
  function withStaleCopies(h: ReturnType<typeof createHarness>) {
    const stale = new Map<string, StoredExecution>();
    const peeked: string[] = [];
    const store: ExecutionStore = h.stores.executions;
    store.peekExecution = (workflowId: string) => {
      const copy = stale.get(workflowId);
      if (copy) peeked.push(workflowId);
      return copy && (JSON.parse(JSON.stringify(copy)) as StoredExecution);
    };
    const capture = async (workflowId: string) => {
      const current = await h.stores.executions.getExecution(workflowId);
      if (current) stale.set(workflowId, current);
    };
    return { peeked, capture };
  }

  it('completes a task from a stale copy by re-reading when the save conflicts', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b')] });
    const id = await h.start('wf');
    const copies = withStaleCopies(h);
    await copies.capture(id);
    const [a] = await h.executor.pollTasks('a', { count: 1, workerId: 'w1' });
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: a?.taskId as string,
      status: 'COMPLETED',
      outputData: { done: true },
    });
    expect(copies.peeked.length).toBeGreaterThanOrEqual(2);
    const a2 = await h.task(id, 'a');
    expect([a2.status, a2.workerId, a2.pollCount, a2.outputData]).toEqual([
      'COMPLETED',
      'w1',
      1,
      { done: true },
    ]);
    expect((await h.task(id, 'b')).status).toBe('SCHEDULED');
  });

  it('does not conclude "nothing to claim" from a stale copy', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('t', 'w')] });
    const id = await h.start('wf');
    const [task] = await h.executor.pollTasks('w', { count: 1 });
    const copies = withStaleCopies(h);
    // The copy shows the task IN_PROGRESS; the worker then asks to be called back in 5 s.
    await copies.capture(id);
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: task?.taskId as string,
      status: 'IN_PROGRESS',
      callbackAfterSeconds: 5,
    });
    const [before] = await h.executor.pollTasks('w', { count: 1 });
    expect(before).toBeUndefined();
    // The stale copy (IN_PROGRESS) would make the claim a no-op; the fresh read finds it SCHEDULED.
    h.clock.advanceSeconds(5);
    const [again] = await h.executor.pollTasks('w', { count: 1 });
    expect([again?.taskId, again?.pollCount]).toEqual([task?.taskId, 2]);
  });

  it('does not report a task missing because a stale copy lacks it', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b')] });
    const id = await h.start('wf');
    const copies = withStaleCopies(h);
    await copies.capture(id);
    await h.complete('a');
    const b = await h.task(id, 'b');
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: b.taskId,
      status: 'COMPLETED',
    });
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });
});
