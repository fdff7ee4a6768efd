import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '@baton/client';
import { makeDef, makeTask } from '../../executions/model/fixtures.test-util.js';
import { failedTask, rerunFromTaskPlan, restartPlan } from './rerun-preview.js';

const t = (ref: string, extra: Partial<WorkflowTask> = {}): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type: 'SIMPLE',
  ...extra,
});

// a → b → c → d; b was retried once and then failed for good, so c and d never ran.
const def = makeDef([t('a'), t('b'), t('c'), t('d')]);
const rows = [
  makeTask('a', { taskId: 'a1', seq: 1, status: 'COMPLETED' }),
  makeTask('b', { taskId: 'b1', seq: 2, status: 'FAILED', retried: true }),
  makeTask('b', { taskId: 'b2', seq: 3, status: 'FAILED', retryCount: 1 }),
];

describe('rerunFromTaskPlan', () => {
  it('keeps the earlier successful tasks and runs the chosen one again', () => {
    expect(rerunFromTaskPlan(def, rows, 'b2')).toEqual({
      action: 'rerun',
      again: ['b'],
      kept: ['a'],
      ifReached: ['c', 'd'],
    });
  });

  it('runs every task scheduled after the chosen one again, whatever its status', () => {
    const done = [
      makeTask('a', { taskId: 'a1', seq: 1, status: 'COMPLETED' }),
      makeTask('b', { taskId: 'b1', seq: 2, status: 'COMPLETED' }),
      makeTask('c', { taskId: 'c1', seq: 3, status: 'FAILED' }),
    ];
    expect(rerunFromTaskPlan(def, done, 'a1')).toMatchObject({
      again: ['a', 'b', 'c'],
      kept: [],
      ifReached: ['d'],
    });
  });

  it('resets an earlier failed task that was not retried (an optional one the run went past)', () => {
    const past = [
      makeTask('a', { taskId: 'a1', seq: 1, status: 'FAILED' }),
      makeTask('b', { taskId: 'b1', seq: 2, status: 'COMPLETED' }),
      makeTask('c', { taskId: 'c1', seq: 3, status: 'FAILED' }),
    ];
    expect(rerunFromTaskPlan(def, past, 'c1')).toMatchObject({ again: ['a', 'c'], kept: ['b'] });
  });

  it('maps loop iterations to their loop-body task', () => {
    const loopDef = makeDef([t('loop', { type: 'DO_WHILE', loopOver: [t('step')] }), t('end')]);
    const iter = [
      makeTask('loop', { taskId: 'l', seq: 1, status: 'FAILED', taskType: 'DO_WHILE' }),
      makeTask('step__1', { taskId: 's1', seq: 2, status: 'COMPLETED' }),
      makeTask('step__2', { taskId: 's2', seq: 3, status: 'FAILED' }),
    ];
    expect(rerunFromTaskPlan(loopDef, iter, 's2')).toMatchObject({
      again: ['loop', 'step'],
      kept: [],
      ifReached: ['end'],
    });
  });

  it('answers null for a task the run does not hold', () => {
    expect(rerunFromTaskPlan(def, rows, 'nope')).toBeNull();
  });
});

describe('restartPlan', () => {
  it('runs everything again on the new definition; new tasks run if reached', () => {
    const fixed = makeDef([t('a'), t('b_fixed'), t('c'), t('d')]);
    expect(restartPlan(fixed, rows)).toEqual({
      action: 'restart',
      again: ['a'],
      kept: [],
      ifReached: ['b_fixed', 'c', 'd'],
    });
  });
});

describe('failedTask', () => {
  it('is the latest failed row that was not retried', () => {
    expect(failedTask(rows)?.taskId).toBe('b2');
  });
  it('is null for a run without failures', () => {
    expect(failedTask([makeTask('a', { status: 'COMPLETED' })])).toBeNull();
  });
});
