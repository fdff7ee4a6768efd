import { describe, expect, it } from 'vitest';
import type { ExecutionChange, ExecutionStore } from '../../ports/execution-store.js';
import { DECIDER_QUEUE } from '../../ports/task-queue.js';
import type { TaskDef } from '../../model/task-def.js';
import { createHarness, simple } from '../harness.testkit.js';

describe("a poll's claim", () => {
  it('changes the task only: the workflow row keeps its updateTime and is marked unchanged', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b')] });
    const id = await h.start('wf');
    const before = await h.workflow(id);
    const saves: ExecutionChange[] = [];
    const save = h.stores.executions.saveExecution.bind(h.stores.executions);
    h.stores.executions.saveExecution = async (change) => {
      saves.push(change);
      return save(change);
    };
    h.clock.advanceSeconds(5);
    const [task] = await h.executor.pollTasks('a', { count: 1, workerId: 'w' });
    expect(task?.status).toBe('IN_PROGRESS');
    expect(task?.updateTime).toBe(h.clock.now());
    expect(saves).toHaveLength(1);
    expect(saves[0]?.workflowUnchanged).toBe(true);
    const claimed = await h.workflow(id);
    expect(claimed.updateTime).toBe(before.updateTime);
    expect(claimed.tasks.find((t) => t.referenceTaskName === 'a')?.status).toBe('IN_PROGRESS');

    // Completing the task is a workflow change again.
    h.clock.advanceSeconds(5);
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: task?.taskId ?? '',
      status: 'COMPLETED',
      outputData: {},
    });
    expect(saves.at(-1)?.workflowUnchanged).toBeUndefined();
    expect((await h.workflow(id)).updateTime).toBe(h.clock.now());
  });

  it("finds a popped task's workflow by the store's location read when it has one, not a task read", async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const id = await h.start('wf');
    const located: string[] = [];
    const executions: ExecutionStore = h.stores.executions;
    executions.locateTask = async (taskId) => {
      located.push(taskId);
      return id;
    };
    executions.getTask = async () => {
      throw new Error('a poll must not read the whole task to find its workflow');
    };
    const [task] = await h.executor.pollTasks('a', { count: 1, workerId: 'w' });
    expect(task?.status).toBe('IN_PROGRESS');
    expect(located).toEqual([task?.taskId]);
    // A message whose task the store no longer has is dropped, not served.
    executions.locateTask = async () => null;
    await h.stores.queue.push('a', [{ id: 'gone', priority: 0, delayMs: 0 }]);
    expect(await h.executor.pollTasks('a', { count: 1, workerId: 'w' })).toEqual([]);
    expect(await h.stores.queue.contains('a', 'gone')).toBe(false);
  });

  it('never serves an internal queue: a worker polling the decider queue gets nothing', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [simple('a')],
      timeoutSeconds: 60,
      timeoutPolicy: 'TIME_OUT_WF',
    });
    const id = await h.start('wf');
    h.clock.advanceSeconds(3600);
    expect(await h.stores.queue.contains(DECIDER_QUEUE, id)).toBe(true);
    expect(await h.executor.pollTasks(DECIDER_QUEUE, { count: 10, workerId: 'w' })).toEqual([]);
    expect(await h.executor.pollTasks('_health', { count: 10, workerId: 'w' })).toEqual([]);
    // The workflow is still armed: the sweeper times it out.
    expect(await h.stores.queue.contains(DECIDER_QUEUE, id)).toBe(true);
    await h.executor.sweep(10);
    expect((await h.workflow(id)).status).toBe('TIMED_OUT');
  });

  it('records poll data only for types with a TaskDef or queued tasks', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'known' } as TaskDef);
    await h.executor.pollTasks('invented_1', { count: 1, workerId: 'w' });
    await h.executor.pollTasks('known', { count: 1, workerId: 'w' });
    const queues = (await h.stores.executions.getPollData()).map((p) => p.queueName);
    expect(queues).toEqual(['known']);
  });

  it('claims no task of another type that found its way into the polled queue', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const id = await h.start('wf');
    const a = await h.task(id, 'a');
    await h.stores.queue.push('other', [{ id: a.taskId, priority: 0, delayMs: 0 }]);
    expect(await h.executor.pollTasks('other', { count: 5, workerId: 'w' })).toEqual([]);
    expect((await h.task(id, 'a')).status).toBe('SCHEDULED');
    expect(await h.executor.pollTasks('a', { count: 5, workerId: 'w' })).toHaveLength(1);
  });
});
