import { describe, expect, it } from 'vitest';
import type { Task, WorkflowDef } from '@baton/client';
import { checkRun, coverageGaps, gapsByRef, mockableRefs, traceRun } from './test-cases.js';
import { nestedDef } from './fixtures.test-util.js';

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
