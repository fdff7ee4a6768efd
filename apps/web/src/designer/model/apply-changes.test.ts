import { describe, expect, it } from 'vitest';
import { applyChanges } from './apply-changes.js';
import { findTask } from './slots.js';
import { nestedDef, t } from './fixtures.test-util.js';

const refs = (list: { taskReferenceName: string }[] | undefined) =>
  (list ?? []).map((x) => x.taskReferenceName);

describe('applyChanges', () => {
  it('renames the JOIN named after a fork with the fork, but not a JOIN named by hand', () => {
    const named = applyChanges(nestedDef(), [
      {
        type: 'replaceTask',
        ref: 'join',
        task: t('fork_join', { type: 'JOIN', joinOn: ['b2', 'c1'] }),
      },
    ]);
    const fork = findTask(named, 'fork')!.task;
    const renamed = applyChanges(named, [
      { type: 'replaceTask', ref: 'fork', task: { ...fork, taskReferenceName: 'split' } },
    ]);
    expect(findTask(renamed, 'fork_join')).toBeUndefined();
    expect(findTask(renamed, 'split_join')!.task).toMatchObject({
      name: 'split_join',
      type: 'JOIN',
      joinOn: ['b2', 'c1'],
    });
    const byHand = applyChanges(nestedDef(), [
      { type: 'replaceTask', ref: 'fork', task: { ...fork, taskReferenceName: 'split' } },
    ]);
    expect(findTask(byHand, 'join')).toBeDefined();
    expect(findTask(byHand, 'split_join')).toBeUndefined();
  });

  it('inserts tasks into a fork branch and keeps the JOIN waiting on the branch ends', () => {
    const def = applyChanges(nestedDef(), [
      {
        type: 'insertTasks',
        position: { slot: { type: 'branch', parentRef: 'fork', branch: 1 }, index: 1 },
        tasks: [t('c2')],
      },
    ]);
    expect(refs(findTask(def, 'fork')!.task.forkTasks![1])).toEqual(['c1', 'c2']);
    expect(findTask(def, 'join')!.task.joinOn).toEqual(['b2', 'c2']);
  });

  it('keeps a hand-chosen joinOn when branches change', () => {
    const start = applyChanges(nestedDef(), [
      { type: 'replaceTask', ref: 'join', task: t('join', { type: 'JOIN', joinOn: ['b1'] }) },
    ]);
    const def = applyChanges(start, [{ type: 'addBranch', ref: 'fork' }]);
    expect(findTask(def, 'join')!.task.joinOn).toEqual(['b1']);
    expect(findTask(def, 'fork')!.task.forkTasks).toHaveLength(3);
  });

  it('removes a fork together with its JOIN', () => {
    const def = applyChanges(nestedDef(), [{ type: 'removeTask', ref: 'fork' }]);
    expect(refs(def.tasks)).toEqual(['a', 'sw', 'loop', 'last']);
  });

  it('moves a task over a fork and its join as one unit', () => {
    const def = applyChanges(nestedDef(), [{ type: 'moveTask', ref: 'a', delta: 1 }]);
    expect(refs(def.tasks)).toEqual(['fork', 'join', 'a', 'sw', 'loop', 'last']);
    const back = applyChanges(def, [{ type: 'moveTask', ref: 'a', delta: -1 }]);
    expect(refs(back.tasks)).toEqual(refs(nestedDef().tasks));
  });

  it('does not move the first task further up', () => {
    const def = nestedDef();
    expect(refs(applyChanges(def, [{ type: 'moveTask', ref: 'a', delta: -1 }]).tasks)).toEqual(
      refs(def.tasks),
    );
  });

  it('renames a switch case in place, keeping the case order', () => {
    const def = applyChanges(nestedDef(), [
      { type: 'renameCase', ref: 'sw', from: 'zeta', to: 'omega' },
    ]);
    expect(Object.keys(findTask(def, 'sw')!.task.decisionCases!)).toEqual(['omega', 'alpha']);
  });

  it('adds and removes switch cases', () => {
    const added = applyChanges(nestedDef(), [{ type: 'addCase', ref: 'sw', caseKey: 'new' }]);
    expect(Object.keys(findTask(added, 'sw')!.task.decisionCases!)).toEqual([
      'zeta',
      'alpha',
      'new',
    ]);
    const removed = applyChanges(added, [{ type: 'removeCase', ref: 'sw', caseKey: 'zeta' }]);
    expect(Object.keys(findTask(removed, 'sw')!.task.decisionCases!)).toEqual(['alpha', 'new']);
  });

  it('renames a reference in joinOn lists when a task reference changes', () => {
    const def = applyChanges(nestedDef(), [{ type: 'replaceTask', ref: 'c1', task: t('c1x') }]);
    expect(findTask(def, 'join')!.task.joinOn).toEqual(['b2', 'c1x']);
  });

  it('keeps untouched tasks and unknown fields identical', () => {
    const before = nestedDef();
    const after = applyChanges(before, [
      {
        type: 'insertTasks',
        position: { slot: { type: 'loop', parentRef: 'loop' }, index: 2 },
        tasks: [t('l3')],
      },
    ]);
    expect(after.unknownTopLevel).toBe(before.unknownTopLevel);
    expect(after.tasks[0]).toBe(before.tasks[0]);
    expect(after.tasks[3]).toBe(before.tasks[3]);
    expect(after.tasks[4]).not.toBe(before.tasks[4]);
    expect(refs(after.tasks[4]!.loopOver)).toEqual(['l1', 'l2', 'l3']);
  });

  it('replaces the whole definition', () => {
    const def = applyChanges(nestedDef(), [{ type: 'replaceDef', def: { name: 'x', tasks: [] } }]);
    expect(def).toEqual({ name: 'x', tasks: [] });
  });
});
