import { describe, expect, it } from 'vitest';
import type { Task, WorkflowDef } from '@baton/client';
import { checkRun, coverageGaps, gapsByRef, mockableRefs, traceRun } from './test-cases.js';
import { nestedDef, t } from './fixtures.test-util.js';

/** A task of a run as the test endpoint answers it. */
const task = (ref: string, status = 'COMPLETED', outputData: Record<string, unknown> = {}) =>
  ({ referenceTaskName: ref, status, outputData, taskType: 'SIMPLE' }) as unknown as Task;

const withOptional = (): WorkflowDef => {
  const def = nestedDef();
  def.tasks[0] = { ...def.tasks[0]!, optional: true };
  return def;
};

describe('coverageGaps', () => {
  it('lists every case (default too), fork branch, loop body and optional path when nothing ran', () => {
    const gaps = coverageGaps(withOptional(), []);
    expect(gaps.map((g) => `${g.ref}:${g.label}`)).toEqual([
      'a:optional failure path',
      'fork:branch 1',
      'fork:branch 2',
      'sw:case "zeta"',
      'sw:case "alpha"',
      'sw:default case',
      'loop:loop body',
    ]);
  });

  it('drops what the runs reached: the case each SWITCH took, branches and loop bodies that ran', () => {
    const def = withOptional();
    const run1 = traceRun(def, {
      status: 'COMPLETED',
      output: {},
      tasks: [
        task('a', 'COMPLETED_WITH_ERRORS'),
        task('b1'),
        task('sw', 'COMPLETED', { selectedCase: 'alpha' }),
        task('l1__1'),
      ],
    });
    // An unknown key is the default case; `evaluationResult` is read when there is no selectedCase.
    const run2 = traceRun(def, {
      status: 'COMPLETED',
      output: {},
      tasks: [task('sw', 'COMPLETED', { evaluationResult: ['nope'] })],
    });
    const gaps = coverageGaps(def, [run1, run2]);
    expect(gaps.map((g) => `${g.ref}:${g.label}`)).toEqual(['fork:branch 2', 'sw:case "zeta"']);
    expect(gapsByRef(gaps).get('sw')).toEqual(['case "zeta"']);
  });

  it('does not count an optional task that completed as its failure path', () => {
    const def = withOptional();
    const run = traceRun(def, { status: 'COMPLETED', output: {}, tasks: [task('a')] });
    expect(coverageGaps(def, [run]).some((g) => g.kind === 'optional')).toBe(true);
  });
});

describe('checkRun', () => {
  const def = nestedDef();
  const run = traceRun(def, {
    status: 'COMPLETED',
    output: { heated: { with: 'oven' }, n: 1 },
    tasks: [task('a'), task('sw', 'COMPLETED', { selectedCase: 'zeta' }), task('z1')],
  });

  it('passes when the status, chosen outputs and tasks match', () => {
    expect(
      checkRun(
        {
          name: 'ok',
          expect: {
            status: 'COMPLETED',
            output: { heated: { with: 'oven' } },
            tasksRan: ['a', 'z1'],
            tasksNotRan: ['a1'],
          },
        },
        run,
      ),
    ).toEqual([]);
  });

  it('names every expectation the run failed', () => {
    expect(
      checkRun(
        {
          name: 'bad',
          expect: {
            status: 'FAILED',
            output: { heated: { with: 'microwave' }, missing: 1 },
            tasksRan: ['a1'],
            tasksNotRan: ['z1'],
          },
        },
        run,
      ),
    ).toEqual([
      'status is COMPLETED, expected FAILED',
      'output.heated is {"with":"oven"}, expected {"with":"microwave"}',
      'output.missing is missing, expected 1',
      'a1 did not run',
      'z1 ran, expected it not to',
    ]);
  });
});

describe('mockableRefs', () => {
  it('lists the worker tasks, not the operators', () => {
    expect(mockableRefs(nestedDef())).toEqual([
      'a',
      'b1',
      'b2',
      'c1',
      'z1',
      'a1',
      'a2',
      'd1',
      'l1',
      'l2',
      'last',
    ]);
  });
});

describe('coverageGaps after the definition changed', () => {
  const ranAll = (def: WorkflowDef) =>
    traceRun(def, {
      status: 'COMPLETED',
      output: {},
      tasks: [
        task('a'),
        task('b1'),
        task('c1'),
        task('sw', 'COMPLETED', { selectedCase: 'zeta' }),
        task('z1'),
        task('l1__1'),
      ],
    });

  it('marks a task added since the runs as unreached, not one whose path is already a gap', () => {
    const before = nestedDef();
    const run = ranAll(before);
    const after = nestedDef();
    after.tasks.push(t('new_top'));
    // A task added in the taken case and one in the untaken alpha case.
    const sw = after.tasks[3]!;
    sw.decisionCases = { ...sw.decisionCases, zeta: [t('z1'), t('z2')], alpha: [t('a1'), t('a3')] };
    const gaps = coverageGaps(after, [run]).map((g) => `${g.ref}:${g.label}`);
    expect(gaps).toContain('new_top:added since the last run');
    expect(gaps).toContain('z2:added since the last run');
    expect(gaps).not.toContain('a3:added since the last run');
    expect(gaps).toContain('sw:case "alpha"');
    // Once a run used the edited definition, added tasks are ordinary ones again.
    expect(coverageGaps(after, [ranAll(after)]).some((g) => g.kind === 'added')).toBe(false);
  });

  it('drops what was removed from the definition and adds what a new case needs', () => {
    const before = nestedDef();
    const run = ranAll(before);
    const after = nestedDef();
    after.tasks.splice(1, 2); // the fork and its join are gone
    const sw = after.tasks[1]!;
    sw.decisionCases = { zeta: [t('z1')], omega: [t('o1')] }; // alpha removed, omega added
    const gaps = coverageGaps(after, [run]).map((g) => `${g.ref}:${g.label}`);
    expect(gaps).toEqual(['sw:case "omega"', 'sw:default case']);
  });
});

describe('coverageGaps with sub-workflows and dynamic forks', () => {
  const def = (): WorkflowDef => ({
    name: 'outer',
    version: 1,
    tasks: [
      t('fork', {
        type: 'FORK_JOIN',
        forkTasks: [
          [
            t('sub', {
              type: 'SUB_WORKFLOW',
              subWorkflowParam: {
                name: 'inner',
                workflowDefinition: {
                  name: 'inner',
                  tasks: [t('inner_sw', { type: 'SWITCH', decisionCases: { x: [t('ix')] } })],
                },
              },
            }),
          ],
          [t('other')],
        ],
      }),
      t('join', { type: 'JOIN' }),
      t('dyn', { type: 'FORK_JOIN_DYNAMIC', dynamicForkTasksParam: 'tasks' }),
      t('dyn_join', { type: 'JOIN' }),
    ],
  });

  it("counts a SUB_WORKFLOW as reached when it ran and never lists the sub-workflow's own cases", () => {
    const run = traceRun(def(), {
      status: 'COMPLETED',
      output: {},
      tasks: [{ ...task('sub'), taskType: 'SUB_WORKFLOW' } as Task],
    });
    const gaps = coverageGaps(def(), [run]).map((g) => `${g.ref}:${g.label}`);
    expect(gaps).toEqual(['fork:branch 2', 'dyn:dynamic branches']);
    expect(coverageGaps(def(), []).some((g) => g.ref.startsWith('inner'))).toBe(false);
  });

  it('counts the dynamic branches reached when any forked branch ran', () => {
    const fork = (forkedTasks: string[]) =>
      ({ ...task('dyn'), taskType: 'FORK_JOIN_DYNAMIC', inputData: { forkedTasks } }) as Task;
    const none = traceRun(def(), { status: 'COMPLETED', output: {}, tasks: [fork([])] });
    const one = traceRun(def(), {
      status: 'COMPLETED',
      output: {},
      tasks: [fork(['img_1', 'img_2']), task('img_2')],
    });
    expect(coverageGaps(def(), [none]).some((g) => g.key === 'dynamic')).toBe(true);
    expect(coverageGaps(def(), [none, one]).some((g) => g.key === 'dynamic')).toBe(false);
  });
});
