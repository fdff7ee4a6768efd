import { describe, expect, it } from 'vitest';
import { isBatonError } from '../../errors.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import type { TaskDef } from '../../model/task-def.js';
import { createHarness, simple } from '../harness.testkit.js';
import { idempotentWorkflowId } from '../core/idempotency-id.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (isBatonError(e)) return e.code;
    throw e;
  }
  return 'NO_ERROR';
}

describe('pause and resume', () => {
  it('keeps tasks pollable while paused but schedules nothing new until resume', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b')] });
    const id = await h.start('wf');
    await h.executor.pause(id);
    await h.complete('a');
    expect(await h.refs(id)).toEqual(['a:COMPLETED']);
    expect(await codeOf(h.executor.pause(id))).toBe('NO_ERROR');
    await h.executor.resume(id);
    expect(await h.refs(id)).toEqual(['a:COMPLETED', 'b:SCHEDULED']);
    expect((await h.workflow(id)).lastRetriedTime).toBe(h.clock.now());
    expect(await codeOf(h.executor.resume(id))).toBe('WORKFLOW_NOT_PAUSED');
  });
});

describe('terminate', () => {
  it('terminates with a reason, is a no-op twice, and refuses a COMPLETED workflow', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const id = await h.start('wf');
    await h.executor.terminate(id, 'because');
    const wf = await h.workflow(id);
    expect([wf.status, wf.reasonForIncompletion, wf.tasks[0]?.status]).toEqual([
      'TERMINATED',
      'because',
      'CANCELED',
    ]);
    await h.executor.terminate(id, 'again');
    expect((await h.workflow(id)).reasonForIncompletion).toBe('because');
    const done = await h.start('wf');
    await h.complete('a');
    expect(await codeOf(h.executor.terminate(done))).toBe('WORKFLOW_ALREADY_COMPLETED');
  });
});

describe('restart, retry and rerun', () => {
  it('restarts from the first task with the same id, optionally on the latest definition', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const id = await h.start('wf', { x: 1 });
    expect(await codeOf(h.executor.restart(id))).toBe('WORKFLOW_NOT_TERMINAL');
    await h.complete('a');
    await h.registerWorkflow({ version: 2, tasks: [simple('new')] });
    await h.executor.restart(id);
    expect(await h.refs(id)).toEqual(['a:SCHEDULED']);
    await h.complete('a');
    await h.executor.restart(id, { useLatestDefinitions: true });
    const wf = await h.workflow(id);
    expect([wf.workflowVersion, wf.input, wf.tasks.map((t) => t.referenceTaskName)]).toEqual([
      2,
      { x: 1 },
      ['new'],
    ]);
  });

  it('refuses to restart a completed workflow whose definition is not restartable', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      restartable: false,
      tasks: [{ name: 'n', taskReferenceName: 'n', type: 'NOOP' }],
    });
    const id = await h.start('wf');
    expect(await codeOf(h.executor.restart(id))).toBe('WORKFLOW_NOT_RESTARTABLE');
  });

  it('retries the failed task of a failed fork and resets the JOIN in place', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'a', retryCount: 0 });
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
    await h.fail('a');
    const joinId = (await h.task(id, 'j')).taskId;
    await h.executor.retry(id);
    const wf = await h.workflow(id);
    expect(wf.status).toBe('RUNNING');
    expect(wf.tasks.map((t) => `${t.referenceTaskName}:${t.status}:${t.retryCount}`)).toEqual([
      'f:COMPLETED:0',
      'a:FAILED:0',
      'b:CANCELED:0',
      'j:IN_PROGRESS:0',
      'a:SCHEDULED:1',
      'b:SCHEDULED:1',
    ]);
    expect((await h.task(id, 'j')).taskId).toBe(joinId);
    await h.complete('a');
    await h.complete('b');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
    expect(await codeOf(h.executor.retry(id))).toBe('WORKFLOW_NOT_RETRYABLE');
  });

  it('retries a failed child in place with resumeSubworkflowTasks', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'c1', retryCount: 0 });
    await h.registerWorkflow({ name: 'child', tasks: [simple('c1')] });
    await h.registerWorkflow({
      name: 'parent',
      tasks: [
        {
          name: 'child',
          taskReferenceName: 'sub',
          type: 'SUB_WORKFLOW',
          subWorkflowParam: { name: 'child' },
        },
      ],
    });
    const id = await h.start('parent');
    await h.executor.runSystemTasks('SUB_WORKFLOW', 1);
    await h.fail('c1');
    const childId = (await h.task(id, 'sub')).subWorkflowId as string;
    expect((await h.workflow(id)).status).toBe('FAILED');
    await h.executor.retry(id, { resumeSubworkflowTasks: true });
    expect((await h.workflow(childId)).status).toBe('RUNNING');
    expect((await h.task(id, 'sub')).status).toBe('IN_PROGRESS');
    await h.complete('c1');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
    expect((await h.workflow(id)).tasks).toHaveLength(1);
  });

  it('reruns from the start with a new input, or from a task with a new task input', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b'), simple('c')] });
    const id = await h.start('wf', { v: 1 });
    await h.complete('a');
    const b = await h.complete('b');
    await h.complete('c');
    await h.executor.rerun(id, { reRunFromTaskId: b.taskId, taskInput: { fresh: true } });
    expect(await h.refs(id)).toEqual(['a:COMPLETED', 'b:SCHEDULED']);
    const again = await h.complete('b');
    expect([again.taskId, again.inputData]).toEqual([b.taskId, { fresh: true }]);
    await h.complete('c');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
    expect(await h.executor.rerun(id, { workflowInput: { v: 2 } })).toBe(id);
    const wf = await h.workflow(id);
    expect([wf.input, wf.tasks.map((t) => t.referenceTaskName)]).toEqual([{ v: 2 }, ['a']]);
    expect(await codeOf(h.executor.rerun(id, {}))).toBe('WORKFLOW_NOT_TERMINAL');
  });
  it('reruns from a task inside a fork and schedules the fork again around it', async () => {
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
        simple('c'),
      ],
    });
    const id = await h.start('wf');
    const a = await h.complete('a');
    await h.complete('b');
    await h.complete('c');
    await h.executor.rerun(id, { reRunFromTaskId: a.taskId });
    expect(await h.refs(id)).toEqual([
      'f:COMPLETED',
      'a:SCHEDULED',
      'b:SCHEDULED',
      'j:IN_PROGRESS',
    ]);
    await h.complete('a');
    await h.complete('b');
    await h.complete('c');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });
});

describe('skip task', () => {
  it('passes over a skipped ref and refuses one already scheduled', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b'), simple('c')] });
    const id = await h.start('wf');
    expect(await codeOf(h.executor.skipTask(id, 'a'))).toBe('TASK_NOT_SKIPPABLE');
    expect(await codeOf(h.executor.skipTask(id, 'zz'))).toBe('TASK_NOT_FOUND');
    await h.executor.skipTask(id, 'b', { taskOutput: { skipped: true } });
    await h.complete('a');
    await h.complete('c');
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    expect(wf.tasks.map((t) => `${t.referenceTaskName}:${t.status}:${t.seq}`)).toEqual([
      'b:SKIPPED:0',
      'a:COMPLETED:1',
      'c:COMPLETED:2',
    ]);
  });
});

describe('remove and resetCallbacks', () => {
  it('removes an execution with its queue messages', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const id = await h.start('wf');
    await h.executor.remove(id);
    expect(await codeOf(h.executor.getWorkflow(id))).toBe('WORKFLOW_NOT_FOUND');
    expect(await h.stores.queue.sizes()).toEqual({});
  });

  it('makes a task waiting on a callback visible at once', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a', 'a', { startDelay: 100 })] });
    const id = await h.start('wf');
    expect(await h.executor.pollTasks('a', { count: 1 })).toEqual([]);
    await h.executor.resetCallbacks(id);
    expect(await h.executor.pollTasks('a', { count: 1 })).toHaveLength(1);
  });
});

describe('idempotency keys', () => {
  it.each([
    ['FAIL', 'WORKFLOW_ALREADY_EXISTS', 'WORKFLOW_ALREADY_EXISTS'],
    ['RETURN_EXISTING', 'same', 'same'],
    ['FAIL_ON_RUNNING', 'WORKFLOW_ALREADY_EXISTS', 'new'],
  ])('enforces %s', async (strategy, whileRunning, afterEnd) => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const request = { name: 'wf', idempotencyKey: 'k1', idempotencyStrategy: strategy as 'FAIL' };
    const first = await h.executor.startWorkflow(request);
    const attempt = async (): Promise<string> => {
      try {
        const id = await h.executor.startWorkflow(request);
        return id === first ? 'same' : 'new';
      } catch (e) {
        return isBatonError(e) ? e.code : 'other';
      }
    };
    expect(await attempt()).toBe(whileRunning);
    await h.executor.terminate(first);
    expect(await attempt()).toBe(afterEnd);
  });
});

describe('idempotency keys under concurrent starts', () => {
  async function outcomes(
    h: ReturnType<typeof createHarness>,
    strategy: 'FAIL' | 'RETURN_EXISTING' | 'FAIL_ON_RUNNING',
  ): Promise<string[]> {
    const request = { name: 'wf', idempotencyKey: 'k1', idempotencyStrategy: strategy };
    return Promise.all(
      Array.from({ length: 20 }, () =>
        h.executor.startWorkflow(request).catch((e: unknown) => {
          if (isBatonError(e)) return e.code;
          throw e;
        }),
      ),
    );
  }

  async function workflowsWithKey(h: ReturnType<typeof createHarness>): Promise<string[]> {
    const found = await h.stores.executions.searchWorkflows({
      start: 0,
      size: 100,
      sort: [],
      query: null,
      freeText: '*',
    });
    return found.results.filter((w) => w.idempotencyKey === 'k1').map((w) => w.workflowId);
  }

  it('creates one workflow for 20 concurrent RETURN_EXISTING starts, all answering its id', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const ids = await outcomes(h, 'RETURN_EXISTING');
    expect(new Set(ids).size).toBe(1);
    expect(await workflowsWithKey(h)).toEqual([ids[0]]);
  });

  it('creates one workflow for 20 concurrent FAIL starts; the others answer WORKFLOW_ALREADY_EXISTS', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const results = await outcomes(h, 'FAIL');
    const created = results.filter((r) => r !== 'WORKFLOW_ALREADY_EXISTS');
    expect(created).toHaveLength(1);
    expect(await workflowsWithKey(h)).toEqual(created);
  });

  it('creates one new workflow for 20 concurrent FAIL_ON_RUNNING starts after the holder ended', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const first = await h.executor.startWorkflow({
      name: 'wf',
      idempotencyKey: 'k1',
      idempotencyStrategy: 'FAIL_ON_RUNNING',
    });
    await h.executor.terminate(first);
    const results = await outcomes(h, 'FAIL_ON_RUNNING');
    const created = results.filter((r) => r !== 'WORKFLOW_ALREADY_EXISTS');
    expect(created).toHaveLength(1);
    expect((await workflowsWithKey(h)).sort()).toEqual([first, created[0]].sort());
  });

  it('starts under a random id when the derived id belongs to a workflow of another key', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const squatter = idempotentWorkflowId('wf', 'k1', '');
    const other = await h.executor.startWorkflow({ name: 'wf', idempotencyKey: 'other' });
    const stored = await h.workflow(other);
    await h.stores.executions.createExecution({ ...stored, workflowId: squatter, tasks: [] });
    const id = await h.executor.startWorkflow({ name: 'wf', idempotencyKey: 'k1' });
    expect(id).not.toBe(squatter);
    expect((await h.workflow(id)).idempotencyKey).toBe('k1');
  });

  it('derives stable UUID-shaped ids that differ per name, key and predecessor', () => {
    const id = idempotentWorkflowId('wf', 'k1', '');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotentWorkflowId('wf', 'k1', '')).toBe(id);
    const others = [
      idempotentWorkflowId('wf', 'k2', ''),
      idempotentWorkflowId('wf2', 'k1', ''),
      idempotentWorkflowId('wf', 'k1', id),
      idempotentWorkflowId('wf|', 'k1', ''),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });
});

describe('task updates and polls', () => {
  it('refuses with REQUEST_INVALID naming outputData an update nested too deep, and keeps the task', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const id = await h.start('wf');
    const [task] = await h.executor.pollTasks('a', { count: 1, workerId: 'w' });
    if (!task) throw new Error('no task');
    let deep: unknown = [];
    for (let i = 0; i < 6000; i += 1) deep = [deep];
    const refused = await h.executor
      .updateTask({
        workflowInstanceId: id,
        taskId: task.taskId,
        status: 'COMPLETED',
        outputData: { deep },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isBatonError(refused) && [refused.code, refused.message]).toEqual([
      'REQUEST_INVALID',
      'outputData nests deeper than 1000 levels',
    ]);
    expect(await h.refs(id)).toEqual(['a:IN_PROGRESS']);
    expect(await codeOf(h.executor.startWorkflow({ name: 'wf', input: { deep } }))).toBe(
      'REQUEST_INVALID',
    );
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: task.taskId,
      status: 'COMPLETED',
      outputData: { ok: true },
    });
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('ignores updates to terminal tasks: the first terminal update wins', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b')] });
    const id = await h.start('wf');
    const a = await h.complete('a', { first: true });
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: a.taskId,
      status: 'FAILED',
      outputData: { late: true },
    });
    const task = await h.task(id, 'a');
    expect([task.status, task.outputData]).toEqual(['COMPLETED', { first: true }]);
    expect(await h.refs(id)).toEqual(['a:COMPLETED', 'b:SCHEDULED']);
  });

  it('rejects an update without a valid status and an unknown task', async () => {
    const h = createHarness();
    expect(
      await codeOf(
        h.executor.updateTask({
          workflowInstanceId: '',
          taskId: 'x',
          status: 'NOPE' as 'COMPLETED',
        }),
      ),
    ).toBe('REQUEST_INVALID');
    expect(
      await codeOf(
        h.executor.updateTask({ workflowInstanceId: '', taskId: 'x', status: 'COMPLETED' }),
      ),
    ).toBe('TASK_NOT_FOUND');
    expect(await codeOf(h.executor.getTask('x'))).toBe('TASK_NOT_FOUND');
  });

  it('marks polled tasks IN_PROGRESS with worker, poll count and poll data; skips stale messages', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const id = await h.start('wf');
    const aId = (await h.task(id, 'a')).taskId;
    await h.executor.updateTaskByRef(id, 'a', 'COMPLETED', { by: 'ref' });
    await h.stores.queue.push('a', [{ id: aId, priority: 0, delayMs: 0 }]);
    expect(await h.executor.pollTasks('a', { count: 5 })).toEqual([]);
    expect(await h.stores.queue.size('a')).toBe(0);
    const id2 = await h.start('wf');
    h.clock.advanceSeconds(1);
    const [polled] = await h.executor.pollTasks('a', { count: 5, workerId: 'w-9' });
    expect(polled).toMatchObject({
      workflowInstanceId: id2,
      status: 'IN_PROGRESS',
      workerId: 'w-9',
      pollCount: 1,
      startTime: h.clock.now(),
    });
    expect(await h.stores.executions.getPollData('a')).toContainEqual({
      queueName: 'a',
      domain: null,
      workerId: 'w-9',
      lastPollTime: h.clock.now(),
    });
    expect(await codeOf(h.executor.updateTaskByRef(id2, 'zz', 'COMPLETED', {}))).toBe(
      'TASK_NOT_FOUND',
    );
  });

  it('acknowledges at the poll, so completing a polled task removes no message again', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a'), simple('b')] });
    const id = await h.start('wf');
    const [polled] = await h.executor.pollTasks('a', { count: 1, workerId: 'w' });
    expect(await h.stores.queue.contains('a', polled!.taskId)).toBe(false);
    // A crash between the claim and the acknowledgement leaves the message behind.
    await h.stores.queue.push('a', [{ id: polled!.taskId, priority: 0, delayMs: 0 }]);
    const removed: string[] = [];
    const remove = h.stores.queue.remove.bind(h.stores.queue);
    h.stores.queue.remove = async (queue, taskId) => {
      removed.push(`${queue}/${taskId}`);
      await remove(queue, taskId);
    };
    await h.executor.updateTask({
      workflowInstanceId: id,
      taskId: polled!.taskId,
      status: 'COMPLETED',
    });
    expect(removed).not.toContain(`a/${polled!.taskId}`);
    // The leftover is dropped as stale when delivered; the next task is handed out.
    expect(await h.executor.pollTasks('a', { count: 5 })).toEqual([]);
    expect(await h.stores.queue.size('a')).toBe(0);
    expect(await h.executor.pollTasks('b', { count: 5 })).toHaveLength(1);
    // A task completed without a poll (still SCHEDULED) has its message removed.
    const id2 = await h.start('wf');
    const a2 = await h.task(id2, 'a');
    await h.executor.updateTaskByRef(id2, 'a', 'COMPLETED', {});
    expect(removed).toContain(`a/${a2.taskId}`);
    expect(await h.stores.queue.contains('a', a2.taskId)).toBe(false);
  });

  it('writes poll data at most once a second per worker', async () => {
    const h = createHarness();
    const lastPoll = async (workerId: string) =>
      (await h.stores.executions.getPollData('idle')).find((p) => p.workerId === workerId)
        ?.lastPollTime;
    await h.registerTasks({ name: 'idle' } as TaskDef);
    await h.executor.pollTasks('idle', { count: 1, workerId: 'w1' });
    const first = h.clock.now();
    h.clock.advance(400);
    await h.executor.pollTasks('idle', { count: 1, workerId: 'w1' });
    await h.executor.pollTasks('idle', { count: 1, workerId: 'w2' });
    expect(await lastPoll('w1')).toBe(first);
    expect(await lastPoll('w2')).toBe(h.clock.now());
    h.clock.advance(600);
    await h.executor.pollTasks('idle', { count: 1, workerId: 'w1' });
    expect(await lastPoll('w1')).toBe(h.clock.now());
  });

  it('routes tasks to domain queues from taskToDomain', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    await h.executor.startWorkflow({ name: 'wf', taskToDomain: { a: 'blue' } });
    expect(await h.executor.pollTasks('a', { count: 1 })).toEqual([]);
    expect(await h.executor.pollTasks('a', { count: 1, domain: 'blue' })).toHaveLength(1);
  });
});

describe('sweeper and events', () => {
  it('repairs a lost queue message and publishes status changes', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const id = await h.start('wf');
    const aId = (await h.task(id, 'a')).taskId;
    await h.stores.queue.remove('a', aId);
    h.clock.advanceSeconds(30);
    expect(await h.executor.sweep(10)).toBe(1);
    expect(await h.stores.queue.contains('a', aId)).toBe(true);
    await h.complete('a');
    const kinds = h.events.map((e) =>
      e.type === 'workflow' ? `wf:${e.status}` : `${e.referenceTaskName}:${e.status}`,
    );
    expect(kinds).toEqual([
      'wf:RUNNING',
      'a:SCHEDULED',
      'a:IN_PROGRESS',
      'a:COMPLETED',
      'wf:COMPLETED',
    ]);
  });

  it('removes finished workflows from the decider queue', async () => {
    const h = createHarness();
    const tasks: WorkflowTask[] = [{ name: 'n', taskReferenceName: 'n', type: 'NOOP' }];
    await h.registerWorkflow({ tasks });
    await h.start('wf');
    expect(await h.stores.queue.size('_deciderQueue')).toBe(0);
  });
});
