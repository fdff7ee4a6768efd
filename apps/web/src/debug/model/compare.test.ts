import { describe, expect, it } from 'vitest';
import type { WorkflowDef, WorkflowTask } from '@baton/client';
import { makeDef, makeTask } from '../../executions/model/fixtures.test-util.js';
import { compareRuns, firstDivergence } from './compare-runs.js';
import { versionDiff } from './version-diff.js';
import { versionMarks, type CanvasView } from './version-marks.js';

const t = (ref: string, extra: Partial<WorkflowTask> = {}): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type: 'SIMPLE',
  ...extra,
});

// route (SWITCH) → small | big; then done.
const def = makeDef([
  t('route', {
    type: 'SWITCH',
    evaluatorType: 'value-param',
    expression: 'size',
    decisionCases: { small: [t('small')], big: [t('big')] },
  }),
  t('done'),
]);
const ok = { status: 'COMPLETED' as const };
const runA = [
  makeTask('route', { ...ok, seq: 1, outputData: { evaluationResult: ['small'] } }),
  makeTask('small', { ...ok, seq: 2, startTime: 10, endTime: 40 }),
  makeTask('done', { ...ok, seq: 3, outputData: { n: 1 } }),
];
const runB = [
  makeTask('route', { ...ok, seq: 1, outputData: { evaluationResult: ['big'] } }),
  makeTask('big', { ...ok, seq: 2 }),
  makeTask('done', { ...ok, seq: 3, outputData: { n: 1 } }),
];

describe('firstDivergence', () => {
  it('is the SWITCH whose output (the case taken) differs', () => {
    expect(firstDivergence(def, runA, runB)).toEqual({
      defRef: 'route',
      refA: 'route',
      refB: 'route',
      reason: 'output',
    });
  });

  it('is the first task that differs when the same step ran another task', () => {
    const sameRoute = runB.map((r) => (r.referenceTaskName === 'route' ? runA[0]! : r));
    expect(firstDivergence(def, runA, sameRoute)).toMatchObject({
      defRef: 'small',
      refA: 'small',
      refB: 'big',
      reason: 'different-task',
    });
  });

  it('finds a status difference, and where one run stopped early', () => {
    const failed = [runA[0]!, { ...runA[1]!, status: 'FAILED' as const }];
    expect(firstDivergence(def, runA, failed)).toMatchObject({ defRef: 'small', reason: 'status' });
    expect(firstDivergence(def, runA, runA.slice(0, 2))).toMatchObject({
      defRef: 'done',
      refA: 'done',
      refB: null,
      reason: 'only-one-ran',
    });
  });

  it('is null for runs that did the same (key order does not count)', () => {
    const withOut = (out: Record<string, unknown>) =>
      runA.map((r) => (r.referenceTaskName === 'done' ? { ...r, outputData: out } : r));
    expect(firstDivergence(def, withOut({ n: 1, m: 2 }), withOut({ m: 2, n: 1 }))).toBeNull();
  });
});

describe('compareRuns', () => {
  it('lists every reference either run reached with status, attempts, duration, output', () => {
    const retried = [
      ...runB,
      makeTask('big', { ...ok, taskId: 'big2', seq: 4, retryCount: 1, endTime: 90 }),
    ];
    const rows = compareRuns(def, runA, retried);
    expect(rows.map((r) => [r.ref, r.differs])).toEqual([
      ['route', true],
      ['small', true],
      ['done', false],
      ['big', true],
    ]);
    expect(rows[1]).toMatchObject({
      a: { status: 'COMPLETED', attempts: 1, durationMs: 30 },
      b: null,
    });
    expect(rows[3]?.b?.attempts).toBe(2);
  });
});

describe('versionDiff', () => {
  const v1: WorkflowDef = makeDef([t('a'), t('b', { inputParameters: { x: 1 } }), t('c')]);
  it('names added, removed and changed tasks by reference', () => {
    const v2 = makeDef([t('a'), t('b', { inputParameters: { x: 2 } }), t('d')]);
    const diff = versionDiff(v1, v2);
    expect(diff).toMatchObject({ added: ['d'], removed: ['c'], changed: ['b'] });
    expect(diff.byRef.get('a')).toBeUndefined();
  });

  it('puts a change inside a branch on the nested task, not on its SWITCH', () => {
    const before = makeDef([t('sw', { type: 'SWITCH', decisionCases: { x: [t('in')] } })]);
    const after = makeDef([
      t('sw', { type: 'SWITCH', decisionCases: { x: [t('in', { inputParameters: { y: 1 } })] } }),
    ]);
    expect(versionDiff(before, after)).toMatchObject({ changed: ['in'], added: [], removed: [] });
  });

  it('leaves a SWITCH unchanged when a task is only added to or removed from its cases', () => {
    const before = makeDef([t('sw', { type: 'SWITCH', decisionCases: { x: [t('in'), t('r')] } })]);
    const after = makeDef([t('sw', { type: 'SWITCH', decisionCases: { x: [t('in'), t('n')] } })]);
    expect(versionDiff(before, after)).toMatchObject({ added: ['n'], removed: ['r'], changed: [] });
  });

  it('counts reordered tasks in a loop body as a change of the loop', () => {
    const loop = (body: string[]) => t('l', { type: 'DO_WHILE', loopOver: body.map((r) => t(r)) });
    expect(versionDiff(makeDef([loop(['p', 'q'])]), makeDef([loop(['q', 'p'])])).changed).toEqual([
      'l',
    ]);
  });

  it('counts a task moved into another branch as a change of the SWITCH', () => {
    const before = makeDef([t('sw', { type: 'SWITCH', decisionCases: { x: [t('in')], y: [] } })]);
    const after = makeDef([t('sw', { type: 'SWITCH', decisionCases: { x: [], y: [t('in')] } })]);
    expect(versionDiff(before, after).changed).toEqual(['sw']);
  });
});

describe('versionMarks', () => {
  const diff = versionDiff(
    makeDef([t('kept'), t('old'), t('edited', { inputParameters: { x: 1 } })]),
    makeDef([t('kept'), t('new'), t('edited', { inputParameters: { x: 2 } })]),
  );
  const tones = (view: CanvasView) =>
    Object.fromEntries(
      [...versionMarks(diff, view, { a: 1, b: 2 })].map(([ref, m]) => [ref, m.tone]),
    );

  it('marks every change on the merged canvas, the removed task as a ghost drawn where it was', () => {
    expect(tones('merged')).toEqual({ new: 'added', old: 'removed', edited: 'changed' });
    expect(versionMarks(diff, 'merged', { a: 1, b: 2 }).get('old')).toEqual({
      tone: 'removed',
      label: 'Removed',
      detail: 'Only in v1: removed in v2, drawn where it was.',
    });
  });

  it('marks only what each version alone has', () => {
    expect(tones('newer')).toEqual({ new: 'added', edited: 'changed' });
    expect(tones('older')).toEqual({ old: 'removed', edited: 'changed' });
    expect(versionMarks(diff, 'older', { a: 1, b: 2 }).get('old')?.detail).toBe(
      'Only in v1: removed in v2.',
    );
  });
});
