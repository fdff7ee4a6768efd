import { describe, expect, it } from 'vitest';
import type { ExecutionChange } from '../ports/execution-store.js';
import { createHarness, simple } from './harness.testkit.js';

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
});
