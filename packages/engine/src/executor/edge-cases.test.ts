import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '../model/workflow-def.js';
import { createHarness, simple } from './harness.testkit.js';

describe('edge cases', () => {
  it('completes an inline definition with no tasks at once', async () => {
    const h = createHarness();
    const id = await h.executor.startWorkflow({
      name: 'empty',
      workflowDef: { name: 'empty', tasks: [] },
    });
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('waits forever without duration or until, until an update by reference', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [{ name: 'w', taskReferenceName: 'w', type: 'WAIT' }] });
    const id = await h.start('wf');
    h.clock.advanceSeconds(86_400);
    await h.executor.sweep(10);
    expect((await h.task(id, 'w')).status).toBe('IN_PROGRESS');
    await h.executor.updateTaskByRef(id, 'w', 'COMPLETED', { signal: 1 });
    expect((await h.workflow(id)).output).toEqual({ signal: 1 });
  });

  it('keeps a system task IN_PROGRESS on an IN_PROGRESS update and extends a lease without changes', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'a', responseTimeoutSeconds: 10 });
    await h.registerWorkflow({
      tasks: [{ name: 'human', taskReferenceName: 'hm', type: 'HUMAN' }, simple('a')],
    });
    const id = await h.start('wf');
    const human = await h.task(id, 'hm');
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: human.taskId,
      status: 'IN_PROGRESS',
      outputData: { step: 1 },
    });
    expect((await h.task(id, 'hm')).status).toBe('IN_PROGRESS');
    await h.executor.updateTaskByRef(id, 'hm', 'COMPLETED', {});
    const [a] = await h.executor.pollTasks('a', { count: 1 });
    h.clock.advanceSeconds(8);
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: a?.taskId as string,
      status: 'IN_PROGRESS',
      extendLease: true,
    });
    h.clock.advanceSeconds(8);
    await h.executor.decide(id);
    expect((await h.task(id, 'a')).status).toBe('IN_PROGRESS');
    h.clock.advanceSeconds(2);
    await h.executor.decide(id);
    expect((await h.workflow(id)).tasks.map((t) => t.status)).toEqual([
      'COMPLETED',
      'TIMED_OUT',
      'SCHEDULED',
    ]);
  });

  it('restarts the workflow timeout window on resume', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      timeoutSeconds: 60,
      timeoutPolicy: 'TIME_OUT_WF',
      tasks: [simple('a')],
    });
    const id = await h.start('wf');
    await h.executor.pause(id);
    h.clock.advanceSeconds(50);
    await h.executor.resume(id);
    h.clock.advanceSeconds(50);
    await h.executor.decide(id);
    expect((await h.workflow(id)).status).toBe('RUNNING');
    h.clock.advanceSeconds(10);
    await h.executor.decide(id);
    expect((await h.workflow(id)).status).toBe('TIMED_OUT');
  });

  it('uses the default exclusive join task when no joinOn task ran', async () => {
    const h = createHarness();
    const tasks: WorkflowTask[] = [
      {
        name: 'sw',
        taskReferenceName: 'sw',
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'k',
        inputParameters: { k: 'none' },
        decisionCases: { a: [simple('a')] },
        defaultCase: [simple('d')],
      },
      {
        name: 'xj',
        taskReferenceName: 'xj',
        type: 'EXCLUSIVE_JOIN',
        joinOn: ['a'],
        defaultExclusiveJoinTask: ['d'],
      },
    ];
    await h.registerWorkflow({ tasks });
    const id = await h.start('wf');
    await h.complete('d', { from: 'd' });
    expect((await h.task(id, 'xj')).outputData).toEqual({ from: 'd' });
  });

  it('makes every forked task optional when the dynamic fork is optional', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'work', retryCount: 0 });
    await h.registerWorkflow({
      tasks: [
        {
          name: 'dyn',
          taskReferenceName: 'dyn',
          type: 'FORK_JOIN_DYNAMIC',
          optional: true,
          inputParameters: { forkTaskName: 'work', forkTaskInputs: [{}, {}] },
        },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN' },
      ],
    });
    const id = await h.start('wf');
    await h.fail('work');
    await h.complete('work');
    expect((await h.task(id, 'j')).status).toBe('COMPLETED_WITH_ERRORS');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('resolves CPEWF_TASK_ID to each attempt own id', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'a', retryCount: 1, retryDelaySeconds: 0 });
    await h.registerWorkflow({
      tasks: [simple('a', 'a', { inputParameters: { me: '${CPEWF_TASK_ID}' } })],
    });
    await h.start('wf');
    const first = await h.fail('a');
    const [second] = await h.executor.pollTasks('a', { count: 1 });
    expect(first.inputData.me).toBe(first.taskId);
    expect(second?.inputData.me).toBe(second?.taskId);
  });
});

describe('poll-time limits', () => {
  it('hands out no more than concurrentExecLimit tasks of a type at once', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'a', concurrentExecLimit: 1 });
    await h.registerWorkflow({ tasks: [simple('a')] });
    await h.start('wf');
    await h.start('wf');
    const first = await h.executor.pollTasks('a', { count: 5 });
    expect(first).toHaveLength(1);
    expect(await h.executor.pollTasks('a', { count: 5 })).toHaveLength(0);
    const done = first[0];
    await h.executor.updateTask({
      workflowInstanceId: done?.workflowInstanceId as string,
      taskId: done?.taskId as string,
      status: 'COMPLETED',
    });
    h.clock.advanceSeconds(60);
    expect(await h.executor.pollTasks('a', { count: 5 })).toHaveLength(1);
  });

  it('hands out no more than rateLimitPerFrequency tasks per window', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'a', rateLimitPerFrequency: 2, rateLimitFrequencyInSeconds: 10 });
    await h.registerWorkflow({ tasks: [simple('a')] });
    for (let i = 0; i < 3; i += 1) await h.start('wf');
    expect(await h.executor.pollTasks('a', { count: 5 })).toHaveLength(2);
    h.clock.advanceSeconds(60);
    expect(await h.executor.pollTasks('a', { count: 5 })).toHaveLength(1);
  });
});
