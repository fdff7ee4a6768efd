import { describe, expect, it } from 'vitest';
import { attachRefs, deepestIssues, designerChecks, pathSegments } from './issues.js';
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

  it('reads server paths, which say where in the request the problem is', () => {
    const issues = attachRefs(
      nestedDef(),
      [
        { path: 'body.tasks[1].forkTasks[0][1].taskDefinition.createTime', message: 'm' },
        { path: 'workflowDef', message: 'm' },
        { path: 'workflowDefs[0].tasks[3].decisionCases.alpha[1]', message: 'm' },
        { path: 'body[0].tasks[0].retryCount', message: 'm' },
        { path: 'body.timeoutSeconds', message: 'm' },
      ],
      'server',
    );
    expect(issues.map((i) => i.ref)).toEqual(['b2', undefined, 'a2', 'a', undefined]);
  });

  it('keeps the deepest of nested issues, as a request-schema answer nests them', () => {
    const leaf = { path: 'body.tasks[1].taskDefinition.createTime', message: 'must be integer' };
    const other = { path: 'body.tasks[0].retryCount', message: 'must be integer' };
    const issues = [
      leaf,
      { path: 'body.tasks[1].taskDefinition', message: 'must be null' },
      { path: 'body.tasks[1].taskDefinition', message: 'must match a schema in anyOf' },
      other,
      { path: 'body.tasks[1].taskDefinitionX', message: 'a sibling, not a parent' },
    ];
    expect(deepestIssues(issues)).toEqual([leaf, other, issues[4]]);
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
