import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { createHarness, simple, type Harness } from '../harness.testkit.js';

const sub = (extra: Partial<WorkflowTask['subWorkflowParam']> = {}): WorkflowTask => ({
  name: 'child',
  taskReferenceName: 'sub',
  type: 'SUB_WORKFLOW',
  inputParameters: { n: '${workflow.input.n}' },
  subWorkflowParam: { name: 'child', ...extra },
});

async function setup(): Promise<Harness> {
  const h = createHarness();
  await h.registerWorkflow({
    name: 'child',
    version: 1,
    tasks: [simple('c1')],
    outputParameters: { v: 1, got: '${c1.output.got}' },
  });
  await h.registerWorkflow({
    name: 'parent',
    tasks: [sub(), simple('after', 'after', { inputParameters: { v: '${sub.output.got}' } })],
  });
  return h;
}

describe('SUB_WORKFLOW', () => {
  it('starts the child with a deterministic id and copies its output back', async () => {
    const h = await setup();
    const id = await h.start('parent', { n: 3 }, undefined);
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    const task = await h.task(id, 'sub');
    expect(task.status).toBe('IN_PROGRESS');
    expect(task.subWorkflowId).toBe(`${task.taskId}-0`);
    const child = await h.workflow(task.subWorkflowId as string);
    expect([child.parentWorkflowId, child.parentWorkflowTaskId, child.input]).toEqual([
      id,
      task.taskId,
      { n: 3 },
    ]);
    await h.complete('c1', { got: 'x' });
    const done = await h.task(id, 'sub');
    expect(done.status).toBe('COMPLETED');
    expect(done.outputData).toEqual({ v: 1, got: 'x', subWorkflowId: task.subWorkflowId });
    expect((await h.complete('after')).inputData).toEqual({ v: 'x' });
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('pins the latest child version when the parent starts', async () => {
    const h = await setup();
    const id = await h.start('parent');
    await h.registerWorkflow({ name: 'child', version: 2, tasks: [simple('v2task')] });
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    const child = await h.workflow((await h.task(id, 'sub')).subWorkflowId as string);
    expect(child.workflowVersion).toBe(1);
  });

  it('fails the parent with the child reason when the child fails', async () => {
    const h = await setup();
    await h.registerTasks({ name: 'c1', retryCount: 0 });
    const id = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    await h.fail('c1', 'child broke');
    const parent = await h.workflow(id);
    expect(parent.status).toBe('FAILED');
    const task = parent.tasks[0];
    expect(task?.status).toBe('FAILED');
    expect(task?.reasonForIncompletion).toMatch(
      /^Sub workflow child\.1\/.* failure reason: Task .* failed with status: FAILED and reason: 'child broke'$/,
    );
  });

  it('terminates the parent when the child is terminated, and the child when the parent is', async () => {
    const h = await setup();
    const a = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    const childA = (await h.task(a, 'sub')).subWorkflowId as string;
    await h.executor.terminate(childA, 'stop child');
    expect((await h.task(a, 'sub')).status).toBe('CANCELED');
    expect((await h.workflow(a)).status).toBe('TERMINATED');

    const b = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    const childB = (await h.task(b, 'sub')).subWorkflowId as string;
    await h.executor.terminate(b, 'stop parent');
    const child = await h.workflow(childB);
    expect(child.status).toBe('TERMINATED');
    expect(child.reasonForIncompletion).toBe(
      'Parent workflow has been terminated with reason: stop parent',
    );
  });

  it('fails the task when the child definition does not exist', async () => {
    const h = createHarness();
    await h.registerWorkflow({ name: 'parent', tasks: [sub({ name: 'missing', version: 1 })] });
    const id = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    const wf = await h.workflow(id);
    expect(wf.status).toBe('FAILED');
    expect(wf.tasks[0]?.reasonForIncompletion).toBe(
      'No such workflow defined. name=missing, version=1',
    );
  });

  it('runs an inline child definition', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      name: 'parent',
      tasks: [
        sub({
          name: 'inline',
          workflowDefinition: {
            name: 'inline',
            tasks: [{ name: 'n', taskReferenceName: 'n', type: 'NOOP' }],
          },
        }),
      ],
    });
    const id = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('reopens the parent when the failed child is retried directly', async () => {
    const h = await setup();
    await h.registerTasks({ name: 'c1', retryCount: 0 });
    const id = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    await h.fail('c1');
    const childId = (await h.task(id, 'sub')).subWorkflowId as string;
    await h.executor.retry(childId);
    expect((await h.workflow(id)).status).toBe('RUNNING');
    expect((await h.task(id, 'sub')).status).toBe('IN_PROGRESS');
    await h.complete('c1', { got: 'again' });
    await h.complete('after');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('reruns from a task inside the child when asked on the parent', async () => {
    const h = await setup();
    const id = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    const c1 = await h.complete('c1', { got: 1 });
    await h.complete('after');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
    expect(await h.executor.rerun(id, { reRunFromTaskId: c1.taskId })).toBe(id);
    expect((await h.workflow(id)).status).toBe('RUNNING');
    const again = await h.complete('c1', { got: 2 });
    expect(again.taskId).toBe(c1.taskId);
    expect((await h.task(id, 'sub')).outputData.got).toBe(2);
  });

  it('lets the sweeper pick up a child that ended without notifying its parent', async () => {
    const h = await setup();
    const id = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    const childId = (await h.task(id, 'sub')).subWorkflowId as string;
    const stored = await h.stores.executions.getExecution(childId);
    if (!stored) throw new Error('child missing');
    await h.stores.executions.saveExecution({
      workflow: { ...stored.workflow, status: 'COMPLETED', output: { v: 9 } },
      expectedRevision: stored.revision,
      upsertTasks: [],
      deleteTaskIds: [],
    });
    h.clock.advanceSeconds(30);
    await h.executor.sweep(10);
    expect((await h.task(id, 'sub')).outputData).toEqual({ v: 9, subWorkflowId: childId });
    expect((await h.task(id, 'after')).status).toBe('SCHEDULED');
  });
});
