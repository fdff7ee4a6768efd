import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '@baton/engine';
import { countTasks, groupsAround, openingCollapsed } from './collapse.js';
import { defToGraph } from '../designer/model/def-to-graph.js';

const t = (ref: string, extra: Partial<WorkflowTask> = {}): WorkflowTask =>
  ({ name: ref, taskReferenceName: ref, type: 'SIMPLE', ...extra }) as WorkflowTask;

/** fork(2 branches: [sw(case a: [x, y]; default: [loop(body: [z])])], [w]), join, tail */
const tasks: WorkflowTask[] = [
  t('fork', {
    type: 'FORK_JOIN',
    forkTasks: [
      [
        t('sw', {
          type: 'SWITCH',
          decisionCases: { a: [t('x'), t('y')] },
          defaultCase: [t('loop', { type: 'DO_WHILE', loopOver: [t('z')] })],
        }),
      ],
      [t('w')],
    ],
  }),
  t('join', { type: 'JOIN' }),
  t('tail'),
];

describe('collapse', () => {
  it('counts tasks at any depth and finds the groups around a task', () => {
    expect(countTasks(tasks)).toBe(9);
    expect(groupsAround(tasks, 'z')).toEqual(['fork', 'sw', 'loop']);
    expect(groupsAround(tasks, 'tail')).toEqual([]);
    expect(groupsAround(tasks, 'nope')).toBeNull();
  });

  it('opens small workflows whole and large ones collapsed except around the focus', () => {
    expect(openingCollapsed(tasks)).toEqual([]);
    expect(openingCollapsed(tasks, [], 5)).toEqual(['fork', 'sw', 'loop']);
    expect(openingCollapsed(tasks, ['x'], 5)).toEqual(['loop']);
  });

  it('draws a collapsed group as one tall box holding its task count, its children hidden', () => {
    const def = { name: 'd', version: 1, tasks } as never;
    const open = defToGraph(def);
    const fork = open.nodes.find((n) => n.id === 't:fork')!;
    expect(fork.data).toMatchObject({ group: { collapsed: false, count: 6 } });
    expect(open.nodes.some((n) => n.id === 't:x')).toBe(true);

    const closed = defToGraph(def, { collapsed: new Set(['fork']) });
    const box = closed.nodes.find((n) => n.id === 't:fork')!;
    expect(box.data).toMatchObject({ group: { collapsed: true, count: 6 } });
    expect(box.height).toBeGreaterThan(fork.height!);
    expect(closed.nodes.map((n) => n.id)).not.toContain('t:x');
    // The fork leads straight to its join.
    expect(closed.edges.some((e) => e.source === 't:fork' && e.target === 't:join')).toBe(true);
    expect(closed.groupRefs.get('fork')).toEqual(['sw', 'x', 'y', 'loop', 'z', 'w']);

    // A collapsed loop is a plain (tall) task box.
    const loopClosed = defToGraph(def, { collapsed: new Set(['loop']) });
    expect(loopClosed.nodes.find((n) => n.id === 't:loop')?.type).toBe('task');
    expect(loopClosed.nodes.map((n) => n.id)).not.toContain('t:z');
  });
});
