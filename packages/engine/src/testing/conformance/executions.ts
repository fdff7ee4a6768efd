import { describe, expect, it } from 'vitest';
import { errorCodeOf, task, uniqueName, workflow, type GetStores } from './fixtures.js';

/** ExecutionStore: create, read, revision-checked saves, removal and the lookups by key. */
export function describeExecutionConformance(stores: GetStores): void {
  describe('executions', () => {
    it('creates an execution at revision 1 and returns its tasks ordered by seq', async () => {
      const { executions } = stores();
      const wf = workflow(uniqueName('wf'));
      wf.tasks = [task(wf, 3), task(wf, 1), task(wf, 2)];
      await executions.createExecution(wf);
      const stored = await executions.getExecution(wf.workflowId);
      expect(stored?.revision).toBe(1);
      expect(stored?.workflow.tasks.map((t) => t.seq)).toEqual([1, 2, 3]);
      expect(stored?.workflow.input).toEqual({ orderId: 'order-1' });
      expect(stored?.workflow.workflowDefinition.name).toBe(wf.workflowName);
      expect(await executions.getExecution(uniqueName('missing'))).toBeNull();
    });

    it('refuses a second execution with the same id with WORKFLOW_ALREADY_EXISTS', async () => {
      const { executions } = stores();
      const wf = workflow(uniqueName('wf'));
      await executions.createExecution(wf);
      expect(await errorCodeOf(executions.createExecution({ ...wf, status: 'FAILED' }))).toBe(
        'WORKFLOW_ALREADY_EXISTS',
      );
      expect((await executions.getExecution(wf.workflowId))?.workflow.status).toBe('RUNNING');
    });

    it('saves a change when the revision matches and returns the next revision', async () => {
      const { executions } = stores();
      const wf = workflow(uniqueName('wf'));
      const first = task(wf, 1);
      const second = task(wf, 2);
      wf.tasks = [first, second];
      await executions.createExecution(wf);
      const third = task(wf, 3);
      const revision = await executions.saveExecution({
        workflow: { ...wf, status: 'COMPLETED', output: { done: true }, tasks: [] },
        expectedRevision: 1,
        upsertTasks: [{ ...first, status: 'COMPLETED' }, third],
        deleteTaskIds: [second.taskId],
      });
      expect(revision).toBe(2);
      const stored = await executions.getExecution(wf.workflowId);
      expect(stored?.revision).toBe(2);
      expect(stored?.workflow.status).toBe('COMPLETED');
      expect(stored?.workflow.output).toEqual({ done: true });
      expect(stored?.workflow.tasks.map((t) => [t.taskId, t.status])).toEqual([
        [first.taskId, 'COMPLETED'],
        [third.taskId, 'SCHEDULED'],
      ]);
      expect(await executions.getTask(second.taskId)).toBeNull();
    });

    it('ignores the tasks field of the saved workflow row', async () => {
      const { executions } = stores();
      const wf = workflow(uniqueName('wf'));
      wf.tasks = [task(wf, 1)];
      await executions.createExecution(wf);
      await executions.saveExecution({
        workflow: { ...wf, tasks: [task(wf, 2)] },
        expectedRevision: 1,
        upsertTasks: [],
        deleteTaskIds: [],
      });
      const stored = await executions.getExecution(wf.workflowId);
      expect(stored?.workflow.tasks.map((t) => t.seq)).toEqual([1]);
    });

    it('rejects a stale revision with STORE_CONFLICT and leaves the execution unchanged', async () => {
      const { executions } = stores();
      const wf = workflow(uniqueName('wf'));
      await executions.createExecution(wf);
      const change = { workflow: wf, upsertTasks: [], deleteTaskIds: [] };
      await executions.saveExecution({ ...change, expectedRevision: 1 });
      const code = await errorCodeOf(
        executions.saveExecution({
          ...change,
          workflow: { ...wf, status: 'TERMINATED' },
          upsertTasks: [task(wf, 1)],
          expectedRevision: 1,
        }),
      );
      expect(code).toBe('STORE_CONFLICT');
      const stored = await executions.getExecution(wf.workflowId);
      expect(stored?.revision).toBe(2);
      expect(stored?.workflow.status).toBe('RUNNING');
      expect(stored?.workflow.tasks).toEqual([]);
    });

    it('lets exactly one of two concurrent saves of the same revision win', async () => {
      const { executions } = stores();
      const wf = workflow(uniqueName('wf'));
      await executions.createExecution(wf);
      const save = (status: 'COMPLETED' | 'FAILED') =>
        executions.saveExecution({
          workflow: { ...wf, status },
          expectedRevision: 1,
          upsertTasks: [],
          deleteTaskIds: [],
        });
      const results = await Promise.allSettled([save('COMPLETED'), save('FAILED')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(await errorCodeOf(Promise.reject(rejected?.reason))).toBe('STORE_CONFLICT');
      expect((await executions.getExecution(wf.workflowId))?.revision).toBe(2);
    });

    it('answers WORKFLOW_NOT_FOUND when saving an execution that does not exist', async () => {
      const { executions } = stores();
      const wf = workflow(uniqueName('wf'));
      const code = await errorCodeOf(
        executions.saveExecution({
          workflow: wf,
          expectedRevision: 1,
          upsertTasks: [],
          deleteTaskIds: [],
        }),
      );
      expect(code).toBe('WORKFLOW_NOT_FOUND');
    });

    it('reads a task by id and returns copies that callers cannot change', async () => {
      const { executions } = stores();
      const wf = workflow(uniqueName('wf'));
      const t = task(wf, 1, { outputData: { list: [1] } });
      wf.tasks = [t];
      await executions.createExecution(wf);
      const read = await executions.getTask(t.taskId);
      expect(read?.status).toBe('SCHEDULED');
      expect(read?.workflowInstanceId).toBe(wf.workflowId);
      (read?.outputData.list as number[]).push(2);
      expect((await executions.getTask(t.taskId))?.outputData).toEqual({ list: [1] });
      expect(await executions.getTask(uniqueName('missing'))).toBeNull();
    });

    it('removes an execution with its tasks and logs', async () => {
      const { executions } = stores();
      const wf = workflow(uniqueName('wf'));
      const t = task(wf, 1);
      wf.tasks = [t];
      await executions.createExecution(wf);
      await executions.addTaskLogs([{ taskId: t.taskId, log: 'hello', createdTime: 5 }]);
      expect(await executions.removeExecution(wf.workflowId)).toBe(true);
      expect(await executions.getExecution(wf.workflowId)).toBeNull();
      expect(await executions.getTask(t.taskId)).toBeNull();
      expect(await executions.getTaskLogs(t.taskId)).toEqual([]);
      expect(await executions.removeExecution(wf.workflowId)).toBe(false);
    });

    it('lists running workflow ids of a name and version within a time window', async () => {
      const { executions } = stores();
      const name = uniqueName('running');
      const early = workflow(name, { createTime: 100, startTime: 100 });
      const late = workflow(name, { createTime: 500, startTime: 500 });
      const done = workflow(name, { status: 'COMPLETED' });
      const otherVersion = workflow(name, { workflowVersion: 2 });
      for (const wf of [early, late, done, otherVersion]) await executions.createExecution(wf);
      expect((await executions.getRunningWorkflowIds(name, 1)).sort()).toEqual(
        [early.workflowId, late.workflowId].sort(),
      );
      expect(await executions.getRunningWorkflowIds(name, 1, 200, 1_000)).toEqual([
        late.workflowId,
      ]);
      expect(await executions.getRunningWorkflowIds(name, 2)).toEqual([otherVersion.workflowId]);
    });

    it('finds workflows by correlation id, closed ones only when asked', async () => {
      const { executions } = stores();
      const name = uniqueName('corr');
      const running = workflow(name, { correlationId: 'c-1', createTime: 1 });
      running.tasks = [task(running, 1)];
      const closed = workflow(name, { correlationId: 'c-1', status: 'COMPLETED', createTime: 2 });
      const other = workflow(name, { correlationId: 'c-2' });
      for (const wf of [running, closed, other]) await executions.createExecution(wf);
      const open = await executions.getWorkflowsByCorrelationId(name, 'c-1', {
        includeClosed: false,
        includeTasks: true,
      });
      expect(open.map((w) => w.workflowId)).toEqual([running.workflowId]);
      expect(open[0]?.tasks).toHaveLength(1);
      const all = await executions.getWorkflowsByCorrelationId(name, 'c-1', {
        includeClosed: true,
        includeTasks: false,
      });
      expect(all.map((w) => w.workflowId).sort()).toEqual(
        [running.workflowId, closed.workflowId].sort(),
      );
      expect(all.every((w) => (w.tasks ?? []).length === 0)).toBe(true);
    });

    it('finds the newest workflow started with an idempotency key', async () => {
      const { executions } = stores();
      const name = uniqueName('idem');
      const older = workflow(name, { idempotencyKey: 'k', createTime: 10, startTime: 10 });
      const newer = workflow(name, { idempotencyKey: 'k', createTime: 20, startTime: 20 });
      await executions.createExecution(newer);
      await executions.createExecution(older);
      expect((await executions.findByIdempotencyKey(name, 'k'))?.workflowId).toBe(newer.workflowId);
      expect(await executions.findByIdempotencyKey(name, 'other')).toBeNull();
      expect(await executions.findByIdempotencyKey(uniqueName('x'), 'k')).toBeNull();
    });

    it('keeps task logs oldest first', async () => {
      const { executions } = stores();
      const taskId = uniqueName('task');
      await executions.addTaskLogs([
        { taskId, log: 'second', createdTime: 20 },
        { taskId, log: 'first', createdTime: 10 },
      ]);
      await executions.addTaskLogs([{ taskId, log: 'third', createdTime: 30 }]);
      expect((await executions.getTaskLogs(taskId)).map((l) => l.log)).toEqual([
        'first',
        'second',
        'third',
      ]);
      expect(await executions.getTaskLogs(uniqueName('none'))).toEqual([]);
    });

    it('keeps the latest poll per queue and worker', async () => {
      const { executions } = stores();
      const [q1, q2] = [uniqueName('q'), uniqueName('q')];
      await executions.recordPoll({ queueName: q1, workerId: 'w1', lastPollTime: 1 });
      await executions.recordPoll({ queueName: q1, workerId: 'w1', lastPollTime: 2 });
      await executions.recordPoll({ queueName: q1, workerId: 'w2', lastPollTime: 3, domain: 'd' });
      await executions.recordPoll({ queueName: q2, workerId: 'w1', lastPollTime: 4 });
      const polls = await executions.getPollData(q1);
      expect(polls.map((p) => [p.workerId, p.lastPollTime])).toEqual([
        ['w1', 2],
        ['w2', 3],
      ]);
      expect(polls[1]?.domain).toBe('d');
      const all = (await executions.getPollData()).filter((p) => [q1, q2].includes(p.queueName));
      expect(all).toHaveLength(3);
    });
  });
}
