import { describe, expect, it } from 'vitest';
import type { Task, Workflow } from '@baton/engine';
import { findBlocking, isSettled, toSignalResponse } from './signal-response.js';

function task(ref: string, taskType: string, status: string, extra: Partial<Task> = {}): Task {
  return {
    taskId: `${ref}-id`,
    referenceTaskName: ref,
    taskType,
    taskDefName: ref,
    status,
    inputData: { in: ref },
    outputData: { out: ref },
    retryCount: 0,
    workflowInstanceId: 'parent',
    workflowType: 'flow',
    workflowPriority: 0,
    startTime: 10,
    updateTime: 20,
    ...extra,
  } as unknown as Task;
}

function workflow(id: string, status: string, tasks: Task[]): Workflow {
  return {
    workflowId: id,
    workflowName: 'flow',
    status,
    tasks,
    input: { a: 1 },
    output: {},
    variables: {},
    priority: 0,
    createTime: 1,
  } as unknown as Workflow;
}

const child = workflow('child', 'RUNNING', [
  task('inner_wait', 'WAIT', 'IN_PROGRESS', { workflowInstanceId: 'child' }),
]);
const parent = workflow('parent', 'RUNNING', [
  task('first', 'SIMPLE', 'COMPLETED'),
  task('sub', 'SUB_WORKFLOW', 'IN_PROGRESS', { subWorkflowId: 'child' }),
]);
const load = async (id: string) => (id === 'child' ? child : undefined);

describe('synchronous execute answers', () => {
  it('finds an open WAIT inside a running sub-workflow, and that sub-workflow as the blocker', async () => {
    const blocking = await findBlocking(parent, [], load);
    expect(blocking.tasks.map((t) => t.referenceTaskName)).toEqual(['inner_wait']);
    expect(blocking.workflow?.workflowId).toBe('child');
    expect(isSettled(parent, blocking)).toBe(true);
    const run = toSignalResponse(parent, blocking, 'BLOCKING_WORKFLOW', 'r', false)!;
    expect(run).toMatchObject({
      responseType: 'BLOCKING_WORKFLOW',
      workflowId: 'child',
      targetWorkflowId: 'parent',
      targetWorkflowStatus: 'RUNNING',
    });
    const taskRun = toSignalResponse(parent, blocking, 'BLOCKING_TASK_INPUT', 'r', false)!;
    expect(taskRun).toMatchObject({
      taskId: 'inner_wait-id',
      workflowId: 'child',
      input: { in: 'inner_wait' },
    });
  });

  it('counts an ended task named in waitUntilTaskRef, not a running one, nor a timed WAIT', async () => {
    const flow = workflow('w', 'RUNNING', [
      task('done', 'SIMPLE', 'COMPLETED'),
      task('busy', 'SIMPLE', 'IN_PROGRESS'),
      task('nap', 'WAIT', 'IN_PROGRESS', { waitTimeout: 99 }),
    ]);
    expect((await findBlocking(flow, ['busy'], load)).tasks).toEqual([]);
    expect(
      (await findBlocking(flow, ['done'], load)).tasks.map((t) => t.referenceTaskName),
    ).toEqual(['done']);
    expect(isSettled(flow, await findBlocking(flow, [], load))).toBe(false);
  });

  it('answers nothing for a task strategy without a blocking task', async () => {
    const done = workflow('w', 'COMPLETED', [task('a', 'SIMPLE', 'COMPLETED')]);
    const blocking = await findBlocking(done, [], load);
    expect(isSettled(done, blocking)).toBe(true);
    expect(toSignalResponse(done, blocking, 'BLOCKING_TASK', 'r', false)).toBeUndefined();
    expect(toSignalResponse(done, blocking, 'TARGET_WORKFLOW', 'r', true)).toMatchObject({
      status: 'COMPLETED',
      signalTimeout: true,
      requestId: 'r',
    });
  });
});
