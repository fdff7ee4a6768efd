import { describe, expect, it } from 'vitest';
import { attachRefs, designerChecks, pathSegments } from './issues.js';
import { nestedDef, t } from './fixtures.test-util.js';

describe('designerChecks', () => {
  it('finds duplicate refs, forks without a join and dangling joinOn refs', () => {
    const def = {
      name: 'x',
      tasks: [
        t('a'),
        t('a'),
        t('f', { type: 'FORK_JOIN', forkTasks: [[t('b')]] }),
        t('j', { type: 'JOIN', joinOn: ['zz'] }),
      ],
    };
    const attached = attachRefs(def, designerChecks(def), 'designer');
    expect(attached.map((i) => i.message)).toEqual([
      'taskReferenceName: a is used more than once',
      'joinOn names zz, which is not a task of this workflow',
    ]);
    const forkDef = {
      name: 'y',
      tasks: [t('f', { type: 'FORK_JOIN', forkTasks: [[t('b')]] }), t('c')],
    };
    const forkIssues = attachRefs(forkDef, designerChecks(forkDef), 'designer');
    expect(forkIssues).toEqual([
      expect.objectContaining({ ref: 'f', message: 'FORK_JOIN f must be followed by a JOIN' }),
    ]);
  });

  it('accepts a well-formed nested definition', () => {
    expect(designerChecks(nestedDef())).toEqual([]);
  });
});

describe('attachRefs', () => {
  it('maps an issue path onto the deepest task it names', () => {
    const [issue] = attachRefs(
      nestedDef(),
      [{ path: 'tasks[1].forkTasks[0][1].name', message: 'm' }],
      'engine',
    );
    expect(issue!.ref).toBe('b2');
    const [slash] = attachRefs(
      nestedDef(),
      [{ path: 'tasks/3/decisionCases/alpha/1', message: 'm' }],
      'server',
    );
    expect(slash!.ref).toBe('a2');
  });

  it('splits quoted path segments', () => {
    expect(pathSegments('tasks[3].decisionCases["a.b"][0]')).toEqual([
      'tasks',
      '3',
      'decisionCases',
      'a.b',
      '0',
    ]);
  });
});
