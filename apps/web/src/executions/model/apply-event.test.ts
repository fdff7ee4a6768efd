import { describe, expect, it } from 'vitest';
import type { ExecutionEvent, WorkflowSummary } from '@baton/client';
import {
  applyEventToSearch,
  applyEventToWorkflow,
  mergeFetched,
  PROVISIONAL,
} from './apply-event.js';
import { makeDef, makeTask, makeWorkflow } from './fixtures.test-util.js';

const def = makeDef([{ name: 'a', taskReferenceName: 'a', type: 'SIMPLE' }]);
const task = makeTask('a', { status: 'IN_PROGRESS', startTime: 50 });
const wf = makeWorkflow(def, [task]);
const taskEvent = (patch: Partial<Extract<ExecutionEvent, { type: 'task' }>>): ExecutionEvent => ({
  type: 'task',
  workflowId: 'wf-1',
  workflowName: 'wf',
  taskId: task.taskId,
  taskType: 'a',
  referenceTaskName: 'a',
  status: 'COMPLETED',
  retryCount: 0,
  time: 100,
  ...patch,
});

describe('applyEventToWorkflow', () => {
  it('patches the status and end time of a known task', () => {
    const r = applyEventToWorkflow(wf, taskEvent({ workerId: 'w1' }));
    expect(r.type).toBe('patched');
    if (r.type !== 'patched') return;
    expect(r.workflow.tasks[0]).toMatchObject({
      status: 'COMPLETED',
      endTime: 100,
      workerId: 'w1',
      startTime: 50,
    });
    expect(wf.tasks[0]?.status).toBe('IN_PROGRESS');
  });

  it('adds a provisional row for a task the cache does not hold yet', () => {
    const loopDef = makeDef([
      {
        name: 'loop',
        taskReferenceName: 'loop',
        type: 'DO_WHILE',
        loopCondition: 'false',
        loopOver: [{ name: 'body', taskReferenceName: 'body', type: 'SIMPLE' }],
      },
    ]);
    const cached = makeWorkflow(loopDef, [makeTask('loop', { seq: 4 })]);
    const r = applyEventToWorkflow(
      cached,
      taskEvent({
        taskId: 'new',
        referenceTaskName: 'body__2',
        taskType: 'body',
        status: 'IN_PROGRESS',
        retryCount: 1,
        time: 700,
      }),
      9_000,
    );
    expect(r.type).toBe('added');
    if (r.type !== 'added') return;
    expect(r.workflow.tasks).toHaveLength(2);
    expect(r.workflow.tasks[1]).toMatchObject({
      taskId: 'new',
      referenceTaskName: 'body__2',
      status: 'IN_PROGRESS',
      iteration: 2,
      retryCount: 1,
      seq: 5,
      scheduledTime: 700,
      startTime: 700,
      endTime: 0,
      workflowTask: { taskReferenceName: 'body', type: 'SIMPLE' },
      [PROVISIONAL]: 9_000,
    });
    expect(cached.tasks).toHaveLength(1);
  });

  it('ignores events of other executions and repeated statuses', () => {
    expect(applyEventToWorkflow(wf, taskEvent({ workflowId: 'x' })).type).toBe('unchanged');
    expect(applyEventToWorkflow(wf, taskEvent({ status: 'IN_PROGRESS' })).type).toBe('unchanged');
  });

  it('sets the workflow status and its end time when it ends', () => {
    const r = applyEventToWorkflow(wf, {
      type: 'workflow',
      workflowId: 'wf-1',
      workflowName: 'wf',
      workflowVersion: 1,
      status: 'FAILED',
      time: 300,
      reasonForIncompletion: 'boom',
    });
    expect(r.type === 'patched' && r.workflow).toMatchObject({
      status: 'FAILED',
      endTime: 300,
      reasonForIncompletion: 'boom',
    });
  });
});

describe('applyEventToSearch', () => {
  const row = { workflowId: 'wf-1', status: 'RUNNING', workflowType: 'wf' } as WorkflowSummary;
  const page = { totalHits: 1, results: [row] };

  it('updates the status of a listed execution', () => {
    const next = applyEventToSearch(page, {
      type: 'workflow',
      workflowId: 'wf-1',
      workflowName: 'wf',
      workflowVersion: 1,
      status: 'COMPLETED',
      time: 0,
    });
    expect(next?.results[0]).toMatchObject({
      status: 'COMPLETED',
      endTime: '1970-01-01T00:00:00.000Z',
    });
  });

  it('returns null for an execution not on the page or a task event', () => {
    expect(
      applyEventToSearch(page, {
        type: 'workflow',
        workflowId: 'zz',
        workflowName: 'wf',
        workflowVersion: 1,
        status: 'COMPLETED',
        time: 0,
      }),
    ).toBeNull();
    expect(applyEventToSearch(page, taskEvent({}))).toBeNull();
  });
});

describe('mergeFetched', () => {
  it('keeps a status the stream set after the re-read was taken', () => {
    const cached = makeWorkflow(def, [
      makeTask('a', { status: 'COMPLETED', updateTime: 200, endTime: 200 }),
    ]);
    const stale = makeWorkflow(def, [
      makeTask('a', { status: 'IN_PROGRESS', updateTime: 100, startTime: 90 }),
    ]);
    const merged = mergeFetched(cached, stale);
    expect(merged.tasks[0]).toMatchObject({ status: 'COMPLETED', endTime: 200, startTime: 90 });
  });

  it('takes the re-read when it is newer, and as-is without a cache', () => {
    const cached = makeWorkflow(def, [makeTask('a', { status: 'IN_PROGRESS', updateTime: 100 })]);
    const fresh = makeWorkflow(def, [makeTask('a', { status: 'COMPLETED', updateTime: 300 })]);
    expect(mergeFetched(cached, fresh)).toBe(fresh);
    expect(mergeFetched(undefined, fresh)).toBe(fresh);
  });

  it('keeps a provisional row a re-read that began before it does not hold yet', () => {
    const provisional = makeTask('b', { status: 'IN_PROGRESS', [PROVISIONAL]: 500 });
    const cached = makeWorkflow(def, [makeTask('a'), provisional]);
    const fresh = makeWorkflow(def, [makeTask('a', { status: 'COMPLETED', updateTime: 300 })]);
    expect(mergeFetched(cached, fresh, 400).tasks).toEqual([fresh.tasks[0], provisional]);
    // A read that began after the row was added is the truth: the task is gone.
    expect(mergeFetched(cached, fresh, 600)).toBe(fresh);
    // A read that holds the row replaces it.
    const full = makeWorkflow(def, [fresh.tasks[0]!, makeTask('b', { status: 'COMPLETED' })]);
    expect(mergeFetched(cached, full, 400)).toBe(full);
  });

  it('keeps a newer workflow status from the stream', () => {
    const cached = makeWorkflow(def, [], { status: 'COMPLETED', updateTime: 500, endTime: 500 });
    const stale = makeWorkflow(def, [], { status: 'RUNNING', updateTime: 400 });
    expect(mergeFetched(cached, stale)).toMatchObject({ status: 'COMPLETED', endTime: 500 });
  });
});
