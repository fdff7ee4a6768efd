import { describe, expect, it } from 'vitest';
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
