import { describe, expect, it } from 'vitest';
import { affectedRefs, canApply, canRetry, canRetryInsideSubWorkflow } from './operations.js';
import type { Task } from '@baton/client';
import { makeTask } from './fixtures.test-util.js';

const refs = ['a', 'b', 'c', 'd'];
const tasks = [
  makeTask('a', { status: 'COMPLETED', seq: 1 }),
  makeTask('b', { status: 'FAILED', seq: 2 }),
  makeTask('c', { status: 'CANCELED', seq: 3 }),
];

describe('affectedRefs', () => {
  it('restarts every node', () => {
    expect([...affectedRefs({ type: 'restart' }, refs, tasks)]).toEqual(refs);
  });

  it('retries the failed and canceled rows and runs what has not run yet', () => {
    expect([...affectedRefs({ type: 'retry' }, refs, tasks)].sort()).toEqual(['b', 'c', 'd']);
  });

  it('does not retry a ref whose latest attempt succeeded', () => {
    const retried = [...tasks, makeTask('b', { status: 'COMPLETED', seq: 4, retryCount: 1 })];
    expect([...affectedRefs({ type: 'retry' }, refs, retried)].sort()).toEqual(['c', 'd']);
  });

  it('reruns from a task: the task, everything scheduled after it and the rest', () => {
    expect([...affectedRefs({ type: 'rerun', ref: 'a' }, refs, tasks)].sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect([...affectedRefs({ type: 'rerun', ref: 'c' }, refs, tasks)].sort()).toEqual(['c', 'd']);
  });

  it('terminates only the tasks still pending', () => {
    const live = [
      makeTask('a', { status: 'COMPLETED', seq: 1 }),
      makeTask('b', { status: 'IN_PROGRESS', seq: 2 }),
    ];
    expect([...affectedRefs({ type: 'terminate' }, refs, live)]).toEqual(['b']);
  });

  it('touches one node for skip, complete and fail, none for pause', () => {
    expect([...affectedRefs({ type: 'skip', ref: 'd' }, refs, tasks)]).toEqual(['d']);
    expect([...affectedRefs({ type: 'complete', ref: 'b' }, refs, tasks)]).toEqual(['b']);
    expect(affectedRefs({ type: 'pause' }, refs, tasks).size).toBe(0);
  });
});

describe('canApply', () => {
  it('follows the workflow status rules of Conductor', () => {
    expect(canApply('pause', 'RUNNING')).toBe(true);
    expect(canApply('pause', 'COMPLETED')).toBe(false);
    expect(canApply('resume', 'PAUSED')).toBe(true);
    expect(canApply('retry', 'RUNNING')).toBe(false);
    expect(canApply('retry', 'FAILED')).toBe(true);
    expect(canApply('terminate', 'COMPLETED')).toBe(false);
    expect(canApply('terminate', 'FAILED')).toBe(true);
  });

  it('skips only tasks that do not exist yet and completes only pending HUMAN or WAIT tasks', () => {
    expect(canApply('skip', 'RUNNING', { type: 'SIMPLE', exists: false })).toBe(true);
    expect(canApply('skip', 'RUNNING', { type: 'SIMPLE', exists: true })).toBe(false);
    expect(
      canApply('complete', 'RUNNING', { type: 'HUMAN', status: 'IN_PROGRESS', exists: true }),
    ).toBe(true);
    expect(
      canApply('complete', 'RUNNING', { type: 'SIMPLE', status: 'IN_PROGRESS', exists: true }),
    ).toBe(false);
    expect(canApply('fail', 'RUNNING', { type: 'WAIT', status: 'COMPLETED', exists: true })).toBe(
      false,
    );
  });
});

describe('canRetry (what the server accepts)', () => {
  const done = makeTask('a', { status: 'COMPLETED', seq: 1 });
  it('is refused for a COMPLETED execution and one still running', () => {
    expect(canRetry('COMPLETED', [done])).toBe(false);
    expect(canRetry('RUNNING', tasks)).toBe(false);
  });

  it('needs a failed, timed-out or canceled latest row that is not a join, loop, fork or switch', () => {
    expect(canRetry('FAILED', tasks)).toBe(true);
    const terminated = makeTask('end', { status: 'COMPLETED', taskType: 'TERMINATE', seq: 2 });
    expect(canRetry('FAILED', [done, terminated])).toBe(false);
    const join = makeTask('j', { status: 'CANCELED', taskType: 'JOIN', seq: 2 });
    expect(canRetry('TERMINATED', [done, join])).toBe(false);
    const retriedOk = [
      makeTask('b', { status: 'FAILED', seq: 1 }),
      makeTask('b', { status: 'COMPLETED', seq: 2, retryCount: 1 }),
    ];
    expect(canRetry('FAILED', retriedOk)).toBe(false);
  });

  it('accepts a TIMED_OUT execution without a failed task, and refuses one that never ran', () => {
    expect(canRetry('TIMED_OUT', [done])).toBe(true);
    expect(canRetry('FAILED', [])).toBe(false);
  });
});

describe('canRetryInsideSubWorkflow', () => {
  it('is offered only when a retried SUB_WORKFLOW row has a child execution', () => {
    const sub = (patch: Partial<Task>) =>
      makeTask('child', { taskType: 'SUB_WORKFLOW', seq: 2, ...patch });
    expect(canRetryInsideSubWorkflow(tasks)).toBe(false);
    expect(canRetryInsideSubWorkflow([sub({ status: 'FAILED', subWorkflowId: 'c-1' })])).toBe(true);
    expect(canRetryInsideSubWorkflow([sub({ status: 'COMPLETED', subWorkflowId: 'c-1' })])).toBe(
      false,
    );
    expect(canRetryInsideSubWorkflow([sub({ status: 'FAILED' })])).toBe(false);
  });
});
