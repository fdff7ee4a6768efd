import { describe, expect, it } from 'vitest';
import type { TaskDef } from '../model/task-def.js';
import { DECIDER_QUEUE } from '../ports/task-queue.js';
import { createHarness, simple, type Harness } from './harness.testkit.js';

async function oneTask(
  def: TaskDef,
  extra: Parameters<Harness['registerWorkflow']>[0] = { tasks: [] },
): Promise<{ h: Harness; id: string }> {
  const h = createHarness();
  await h.registerTasks(def);
  await h.registerWorkflow({ ...extra, tasks: [simple('t', def.name), ...extra.tasks] });
  return { h, id: await h.start('wf') };
}

describe('retries', () => {
  it.each([
    ['FIXED', { retryLogic: 'FIXED', retryDelaySeconds: 5 }, [5, 5, 5]],
    [
      'LINEAR_BACKOFF',
      { retryLogic: 'LINEAR_BACKOFF', retryDelaySeconds: 2, backoffScaleFactor: 3 },
      [6, 12, 18],
    ],
    ['EXPONENTIAL_BACKOFF', { retryLogic: 'EXPONENTIAL_BACKOFF', retryDelaySeconds: 1 }, [1, 2, 4]],
    [
      'capped EXPONENTIAL',
      { retryLogic: 'EXPONENTIAL_BACKOFF', retryDelaySeconds: 10, maxRetryDelaySeconds: 15 },
      [10, 15, 15],
    ],
  ])('retries with %s delays and fails after the last attempt', async (_name, settings, delays) => {
    const { h, id } = await oneTask({
      name: 'w',
      retryCount: 3,
      ...(settings as Partial<TaskDef>),
    });
    for (const delay of delays) {
      await h.fail('w');
      const wf = await h.workflow(id);
      const attempt = wf.tasks[wf.tasks.length - 1];
      expect([attempt?.status, attempt?.callbackAfterSeconds]).toEqual(['SCHEDULED', delay]);
      expect(await h.executor.pollTasks('w', { count: 1 })).toEqual([]);
      h.clock.advanceSeconds(delay);
    }
    await h.fail('w', 'last');
    const wf = await h.workflow(id);
    expect(wf.status).toBe('FAILED');
    expect(wf.tasks.map((t) => [t.retryCount, t.status, t.retried])).toEqual([
      [0, 'FAILED', true],
      [1, 'FAILED', true],
      [2, 'FAILED', true],
      [3, 'FAILED', false],
    ]);
    expect(wf.reasonForIncompletion).toBe(
      `Task ${wf.tasks[3]?.taskId} failed with status: FAILED and reason: 'last'`,
    );
  });

  it('never retries FAILED_WITH_TERMINAL_ERROR', async () => {
    const { h, id } = await oneTask({ name: 'w', retryCount: 3, retryDelaySeconds: 0 });
    await h.fail('w', 'fatal', 'FAILED_WITH_TERMINAL_ERROR');
    const wf = await h.workflow(id);
    expect(wf.status).toBe('FAILED');
    expect(wf.tasks).toHaveLength(1);
  });

  it('lists retried attempts in failedReferenceTaskNames of a workflow that completes', async () => {
    const { h, id } = await oneTask({ name: 'w', retryCount: 1, retryDelaySeconds: 0 });
    await h.fail('w');
    await h.complete('w');
    const wf = await h.workflow(id);
    expect([wf.status, wf.failedReferenceTaskNames]).toEqual(['COMPLETED', ['t']]);
  });

  it('turns an optional task with no attempt left into COMPLETED_WITH_ERRORS and continues', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'w', retryCount: 0 });
    await h.registerWorkflow({ tasks: [simple('t', 'w', { optional: true }), simple('next')] });
    const id = await h.start('wf');
    await h.fail('w');
    expect((await h.task(id, 't')).status).toBe('COMPLETED_WITH_ERRORS');
    await h.complete('next');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });
});

describe('timeouts', () => {
  it.each([
    ['RETRY', 'RUNNING', 2],
    ['TIME_OUT_WF', 'TIMED_OUT', 1],
    ['ALERT_ONLY', 'RUNNING', 1],
  ])('applies timeoutSeconds with policy %s', async (policy, status, rows) => {
    const { h, id } = await oneTask({
      name: 'w',
      timeoutSeconds: 10,
      responseTimeoutSeconds: 3600,
      timeoutPolicy: policy as TaskDef['timeoutPolicy'],
      retryDelaySeconds: 0,
    });
    await h.executor.pollTasks('w', { count: 1 });
    h.clock.advanceSeconds(10);
    expect(await h.executor.sweep(10)).toBe(1);
    const wf = await h.workflow(id);
    expect(wf.status).toBe(status);
    expect(wf.tasks).toHaveLength(rows);
    if (policy !== 'ALERT_ONLY') {
      expect(wf.tasks[0]?.status).toBe('TIMED_OUT');
      expect(wf.tasks[0]?.reasonForIncompletion).toBe(
        `Task timed out after 10 seconds. Timeout configured as 10 seconds. Timeout policy configured to ${policy}`,
      );
    }
  });

  it('times out an IN_PROGRESS task whose worker stopped answering (responseTimeoutSeconds)', async () => {
    const { h, id } = await oneTask({ name: 'w', responseTimeoutSeconds: 30, retryCount: 0 });
    await h.executor.pollTasks('w', { count: 1 });
    h.clock.advanceSeconds(29);
    await h.executor.sweep(10);
    expect((await h.workflow(id)).status).toBe('RUNNING');
    h.clock.advanceSeconds(1);
    await h.executor.sweep(10);
    const wf = await h.workflow(id);
    expect(wf.status).toBe('TIMED_OUT');
    expect(wf.tasks[0]?.reasonForIncompletion).toBe(
      `responseTimeout: 30 exceeded for the taskId: ${wf.tasks[0]?.taskId} with Task Definition: w`,
    );
  });

  it('times out a task nobody polls (pollTimeoutSeconds)', async () => {
    const { h, id } = await oneTask({ name: 'w', pollTimeoutSeconds: 5, retryCount: 0 });
    h.clock.advanceSeconds(5);
    await h.executor.sweep(10);
    const wf = await h.workflow(id);
    expect(wf.status).toBe('TIMED_OUT');
    expect(wf.tasks[0]?.reasonForIncompletion).toMatch(/^Task poll timed out after 5 seconds/);
  });

  it('times out the workflow with TIME_OUT_WF but not with ALERT_ONLY', async () => {
    const a = await oneTask(
      { name: 'w' },
      { tasks: [], timeoutSeconds: 60, timeoutPolicy: 'TIME_OUT_WF' },
    );
    a.h.clock.advanceSeconds(60);
    await a.h.executor.sweep(1);
    const wf = await a.h.workflow(a.id);
    expect(wf.status).toBe('TIMED_OUT');
    expect(wf.reasonForIncompletion).toBe(
      'Workflow timed out after 60 seconds. Timeout configured as 60 seconds. Timeout policy configured to TIME_OUT_WF',
    );
    expect(wf.tasks[0]?.status).toBe('CANCELED');
    const b = await oneTask({ name: 'w' }, { tasks: [], timeoutSeconds: 60 });
    b.h.clock.advanceSeconds(120);
    await b.h.executor.sweep(1);
    expect((await b.h.workflow(b.id)).status).toBe('RUNNING');
  });

  it('arms the decider queue at the earliest deadline', async () => {
    const { h, id } = await oneTask({ name: 'w', responseTimeoutSeconds: 30 });
    await h.executor.pollTasks('w', { count: 1 });
    expect(await h.stores.queue.pop(DECIDER_QUEUE, 1, 1000)).toEqual([]);
    h.clock.advanceSeconds(30);
    expect(await h.stores.queue.pop(DECIDER_QUEUE, 1, 1000)).toEqual([id]);
  });
});

describe('worker delays', () => {
  it('keeps a task invisible for startDelay and for callbackAfterSeconds after IN_PROGRESS', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('t', 'w', { startDelay: 10 })] });
    const id = await h.start('wf');
    expect(await h.executor.pollTasks('w', { count: 1 })).toEqual([]);
    h.clock.advanceSeconds(10);
    const [task] = await h.executor.pollTasks('w', { count: 1, workerId: 'x' });
    expect(task).toBeDefined();
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: task?.taskId as string,
      status: 'IN_PROGRESS',
      callbackAfterSeconds: 20,
      outputData: { p: 1 },
    });
    const waiting = await h.task(id, 't');
    expect([waiting.status, waiting.callbackAfterSeconds, waiting.outputData]).toEqual([
      'SCHEDULED',
      20,
      { p: 1 },
    ]);
    h.clock.advanceSeconds(19);
    expect(await h.executor.pollTasks('w', { count: 1 })).toEqual([]);
    h.clock.advanceSeconds(1);
    const [again] = await h.executor.pollTasks('w', { count: 1 });
    expect([again?.taskId, again?.pollCount]).toEqual([task?.taskId, 2]);
  });
});

describe('failureWorkflow', () => {
  it('starts the failure workflow with the failed workflow details', async () => {
    const h = createHarness();
    await h.registerWorkflow({ name: 'onfail', tasks: [simple('cleanup')] });
    await h.registerTasks({ name: 'w', retryCount: 0 });
    await h.registerWorkflow({ failureWorkflow: 'onfail', tasks: [simple('t', 'w')] });
    const id = await h.start('wf', { orig: 1 });
    const failed = await h.fail('w', 'bad');
    const wf = await h.workflow(id);
    const failureId = wf.output['conductor.failure_workflow'] as string;
    const failure = await h.workflow(failureId);
    expect(failure.workflowName).toBe('onfail');
    expect(failure.input).toMatchObject({
      orig: 1,
      workflowId: id,
      failureStatus: 'FAILED',
      failureTaskId: failed.taskId,
    });
    expect((failure.input.failedWorkflow as { status: string }).status).toBe('FAILED');
  });

  it('does not start it when the workflow is terminated through the API', async () => {
    const h = createHarness();
    await h.registerWorkflow({ name: 'onfail', tasks: [simple('cleanup')] });
    await h.registerWorkflow({ failureWorkflow: 'onfail', tasks: [simple('t', 'w')] });
    const id = await h.start('wf');
    await h.executor.terminate(id, 'manual');
    const wf = await h.workflow(id);
    expect([wf.status, wf.reasonForIncompletion, wf.output['conductor.failure_workflow']]).toEqual([
      'TERMINATED',
      'manual',
      undefined,
    ]);
  });
});
