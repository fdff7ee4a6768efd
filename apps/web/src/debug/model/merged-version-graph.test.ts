import { describe, expect, it } from 'vitest';
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { t } from '../../designer/model/fixtures.test-util.js';
import { mergeVersions } from './merged-version-graph.js';
import { versionDiff } from './version-diff.js';

const def = (tasks: WorkflowTask[], version = 1): WorkflowDef =>
  ({ name: 'wf', version, schemaVersion: 2, tasks }) as WorkflowDef;
const sw = (ref: string, cases: Record<string, WorkflowTask[]>, defaultCase?: WorkflowTask[]) =>
  t(ref, {
    type: 'SWITCH',
    evaluatorType: 'value-param',
    expression: 'x',
    decisionCases: cases,
    ...(defaultCase ? { defaultCase } : {}),
  });
const fork = (ref: string, branches: WorkflowTask[][]) =>
  t(ref, { type: 'FORK_JOIN', forkTasks: branches });
const loop = (ref: string, body: WorkflowTask[]) =>
  t(ref, { type: 'DO_WHILE', loopCondition: 'false', loopOver: body });

/**
 * The merged graph as text: `ref` for a task, `~ref` for a ghost, `ref{key: [...], ...}` for a
 * container's lists (`default` for a SWITCH's default case, `0`, `1`... for fork branches, `body`).
 */
function outline(list: readonly WorkflowTask[], ghosts: ReadonlySet<string>): string {
  return list
    .map((task) => {
      const name = `${ghosts.has(task.taskReferenceName) ? '~' : ''}${task.taskReferenceName}`;
      const lists: [string, WorkflowTask[]][] = [
        ...Object.entries(task.decisionCases ?? {}),
        ...(task.defaultCase ? [['default', task.defaultCase] as [string, WorkflowTask[]]] : []),
        ...(task.forkTasks ?? []).map((b, i) => [String(i), b] as [string, WorkflowTask[]]),
        ...(task.loopOver ? [['body', task.loopOver] as [string, WorkflowTask[]]] : []),
      ];
      if (!lists.length) return name;
      return `${name}{${lists.map(([k, l]) => `${k}: [${outline(l, ghosts)}]`).join(', ')}}`;
    })
    .join(', ');
}

function merged(older: WorkflowTask[], newer: WorkflowTask[]): string {
  const { def: m, ghosts } = mergeVersions(def(older), def(newer, 2));
  return outline(m.tasks, ghosts);
}

describe('mergeVersions', () => {
  it('is the newer version unchanged when nothing was removed, with no ghosts', () => {
    const newer = def([t('a'), sw('s', { x: [t('b')] })], 2);
    const result = mergeVersions(def([t('a')]), newer);
    expect(result.def).toEqual(newer);
    expect(result.ghosts.size).toBe(0);
  });

  it('puts a removed task after the predecessor it had, before tasks added there', () => {
    expect(merged([t('a'), t('r'), t('b')], [t('a'), t('n'), t('b')])).toBe('a, ~r, n, b');
  });

  it('keeps a removed first task first and a removed last task last', () => {
    expect(merged([t('r1'), t('a'), t('r2')], [t('a')])).toBe('~r1, a, ~r2');
  });

  it('keeps several removed tasks in a row in their order', () => {
    expect(merged([t('a'), t('r1'), t('r2'), t('b')], [t('a'), t('b')])).toBe('a, ~r1, ~r2, b');
  });

  it('skips a predecessor that moved elsewhere and uses the one before it', () => {
    const older = [t('a'), t('m'), t('r'), sw('s', { x: [] })];
    const newer = [t('a'), sw('s', { x: [t('m')] })];
    expect(merged(older, newer)).toBe('a, ~r, s{x: [m]}');
  });

  it('puts a task removed from a SWITCH case back in that case', () => {
    const older = [sw('s', { x: [t('x1'), t('r')], y: [t('y1')] }, [t('d1')])];
    const newer = [sw('s', { x: [t('x1'), t('n')], y: [t('y1')] }, [t('d1')])];
    expect(merged(older, newer)).toBe('s{x: [x1, ~r, n], y: [y1], default: [d1]}');
  });

  it('puts a task removed from a default case back there', () => {
    const older = [sw('s', { x: [] }, [t('r'), t('d1')])];
    const newer = [sw('s', { x: [] }, [t('d1')])];
    expect(merged(older, newer)).toBe('s{x: [], default: [~r, d1]}');
  });

  it('brings back a removed SWITCH case, with its tasks, in its place among the cases', () => {
    const older = [sw('s', { x: [t('x1')], gone: [t('g1'), t('g2')], y: [t('y1')] })];
    const newer = [sw('s', { x: [t('x1')], y: [t('y1')] })];
    const { def: m } = mergeVersions(def(older), def(newer, 2));
    expect(Object.keys(m.tasks[0]!.decisionCases!)).toEqual(['x', 'gone', 'y']);
    expect(merged(older, newer)).toBe('s{x: [x1], gone: [~g1, ~g2], y: [y1]}');
  });

  it('does not bring back a removed case whose tasks all moved', () => {
    const older = [sw('s', { x: [t('x1')], gone: [t('g1')] })];
    const newer = [sw('s', { x: [t('x1'), t('g1')] })];
    expect(merged(older, newer)).toBe('s{x: [x1, g1]}');
  });

  it('puts a task removed from a loop body back in the body', () => {
    const older = [loop('l', [t('b1'), t('r')]), t('after')];
    const newer = [loop('l', [t('b1')]), t('after')];
    expect(merged(older, newer)).toBe('l{body: [b1, ~r]}, after');
  });

  it('puts a task removed from a fork branch back in the branch it shared tasks with', () => {
    // The branches were swapped in the newer version: matching goes by the tasks they share.
    const older = [fork('f', [[t('a1'), t('r')], [t('b1')]]), t('j')];
    const newer = [fork('f', [[t('b1')], [t('a1')]]), t('j')];
    expect(merged(older, newer)).toBe('f{0: [b1], 1: [a1, ~r]}, j');
  });

  it('brings back a removed fork branch as a ghost branch in its place', () => {
    const older = [fork('f', [[t('a1')], [t('g1'), t('g2')], [t('c1')]])];
    const newer = [fork('f', [[t('a1')], [t('c1')]])];
    expect(merged(older, newer)).toBe('f{0: [a1], 1: [~g1, ~g2], 2: [c1]}');
  });

  it('draws a removed container with its removed children, leaving out the ones still there', () => {
    const older = [
      t('a'),
      sw('s', { x: [t('x1'), loop('l', [t('kept'), t('l2')])] }, [t('d1')]),
      t('z'),
    ];
    const newer = [t('a'), t('kept'), t('z')];
    expect(merged(older, newer)).toBe('a, ~s{x: [~x1, ~l{body: [~l2]}], default: [~d1]}, kept, z');
    const { ghosts } = mergeVersions(def(older), def(newer, 2));
    expect([...ghosts].sort()).toEqual(['d1', 'l', 'l2', 's', 'x1']);
  });

  it('draws a removed fork with its JOIN', () => {
    const older = [t('a'), fork('f', [[t('f1')], [t('f2')]]), t('j', { type: 'JOIN' }), t('b')];
    expect(merged(older, [t('a'), t('b')])).toBe('a, ~f{0: [~f1], 1: [~f2]}, ~j, b');
  });

  it('puts the removed children of a task that changed type right after it', () => {
    const older = [sw('s', { x: [t('x1')] }), t('b')];
    const newer = [t('s'), t('b')];
    expect(merged(older, newer)).toBe('s, ~x1, b');
  });

  it('draws every removed task once, and every task of the newer version', () => {
    const older = def([
      t('a'),
      fork('f', [[t('f1'), t('r1')], [sw('s', { x: [t('r2')], y: [t('y1')] }, [t('r3')])]]),
      t('j', { type: 'JOIN' }),
      loop('l', [t('r4'), loop('inner', [t('r5')])]),
      t('r6'),
    ]);
    const newer = def(
      [t('n1'), t('a'), fork('f', [[t('f1')], [sw('s', { y: [t('y1'), t('n2')] })]]), t('j')],
      2,
    );
    const { def: m, ghosts } = mergeVersions(older, newer);
    expect([...ghosts].sort()).toEqual([...versionDiff(older, newer).removed].sort());
    const drawn: string[] = [];
    const walk = (list: WorkflowTask[]) =>
      list.forEach((task) => {
        drawn.push(task.taskReferenceName);
        Object.values(task.decisionCases ?? {}).forEach(walk);
        walk(task.defaultCase ?? []);
        (task.forkTasks ?? []).forEach(walk);
        walk(task.loopOver ?? []);
      });
    walk(m.tasks);
    expect(drawn.length).toBe(new Set(drawn).size);
    expect(new Set(drawn)).toEqual(
      new Set(['n1', 'a', 'f', 'f1', 's', 'y1', 'n2', 'j', ...ghosts]),
    );
  });

  it('leaves both inputs unchanged', () => {
    const older = def([sw('s', { x: [t('x1'), t('r')] }), t('gone')]);
    const newer = def([sw('s', { x: [t('x1')] })], 2);
    const before = JSON.stringify([older, newer]);
    mergeVersions(older, newer);
    expect(JSON.stringify([older, newer])).toBe(before);
  });
});
