import { describe, expect, it } from 'vitest';
import type { WorkflowDef } from '@baton/engine';
import { countRefUses, refNameProblem, renameRefUses } from './ref-names.js';
import { t } from './fixtures.test-util.js';

const def = (): WorkflowDef =>
  ({
    name: 'wf',
    tasks: [
      t('prep'),
      t('use', {
        inputParameters: {
          whole: '${prep.output}',
          deep: { list: ['${prep.output.items[0]}', 'x ${prep.input.a} y'] },
          other: '${prepare.output.x}',
          bracket: "${prep['output']}",
        },
      }),
      t('loop', {
        type: 'DO_WHILE',
        loopCondition: 'if ($.prep.output.more && $.prepare) true;',
        loopOver: [t('inner', { inputParameters: { p: '${prep.output.p}' } })],
      }),
      t('join', { type: 'JOIN', joinOn: ['prep'] }),
    ],
    outputParameters: { done: '${prep.output.done}', keep: 'prep' },
  }) as unknown as WorkflowDef;

describe('refNameProblem', () => {
  it('accepts names Conductor resolves in ${}', () => {
    expect(refNameProblem('make_sandwich-2')).toBeNull();
  });

  it.each(['a.b', 'a b', 'a[0]', 'a{b}', '$a', 'f(x)', 'a*', ''])('rejects %j', (ref) => {
    expect(refNameProblem(ref)).toMatch(/cannot be used|required/);
  });

  it('rejects the reserved name workflow and a name another task has', () => {
    expect(refNameProblem('workflow')).toMatch(/reserved/);
    expect(refNameProblem('use', def(), 'prep')).toMatch(/Another task/);
    expect(refNameProblem('prep', def(), 'prep')).toBeNull();
  });
});

describe('renameRefUses', () => {
  it('counts and rewrites every expression reading the task, and nothing else', () => {
    expect(countRefUses(def(), 'prep')).toBe(7);
    const next = renameRefUses(def(), 'prep', 'ready');
    expect(countRefUses(next, 'prep')).toBe(0);
    expect(next.tasks[1]!.inputParameters).toEqual({
      whole: '${ready.output}',
      deep: { list: ['${ready.output.items[0]}', 'x ${ready.input.a} y'] },
      other: '${prepare.output.x}',
      bracket: "${ready['output']}",
    });
    expect(next.tasks[2]!.loopCondition).toBe('if ($.ready.output.more && $.prepare) true;');
    expect(next.tasks[2]!.loopOver![0]!.inputParameters).toEqual({ p: '${ready.output.p}' });
    expect(next.tasks[3]!.joinOn).toEqual(['prep']); // the rename itself keeps joins in step
    expect(next.outputParameters).toEqual({ done: '${ready.output.done}', keep: 'prep' });
    expect(next.tasks[0]!.taskReferenceName).toBe('prep');
  });

  it('returns the same object when nothing reads the task', () => {
    const d = def();
    expect(renameRefUses(d, 'nobody', 'x')).toBe(d);
  });
});
