/** Small definitions shared by the model tests. */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';

/** A SIMPLE task whose name is its ref. */
export const t = (ref: string, extra: Partial<WorkflowTask> = {}): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type: 'SIMPLE',
  ...extra,
});

/** A definition with a fork (two branches) + join, a switch (two cases + default) and a loop. */
export function nestedDef(): WorkflowDef {
  return {
    name: 'nested',
    version: 1,
    tasks: [
      t('a'),
      t('fork', { type: 'FORK_JOIN', forkTasks: [[t('b1'), t('b2')], [t('c1')]] }),
      t('join', { type: 'JOIN', joinOn: ['b2', 'c1'] }),
      t('sw', {
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'x',
        decisionCases: { zeta: [t('z1')], alpha: [t('a1'), t('a2')] },
        defaultCase: [t('d1')],
      }),
      t('loop', { type: 'DO_WHILE', loopCondition: 'false', loopOver: [t('l1'), t('l2')] }),
      t('last'),
    ],
    unknownTopLevel: { kept: true },
  };
}
