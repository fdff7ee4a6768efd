import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '@baton/client';
import {
  baseRef,
  failedIterationsOf,
  groupByNode,
  iterationsOf,
  loopBodyRefs,
} from './iterations.js';
import { makeTask } from './fixtures.test-util.js';

const loop: WorkflowTask = {
  name: 'items',
  taskReferenceName: 'items',
  type: 'DO_WHILE',
  loopCondition: 'true',
  loopOver: [
    { name: 'pick', taskReferenceName: 'pick', type: 'SIMPLE' },
    { name: 'pack', taskReferenceName: 'pack', type: 'SIMPLE' },
  ],
};
const loops = new Map([['items', { bodyRefs: loopBodyRefs(loop) }]]);
const rows = [
  makeTask('items', { status: 'IN_PROGRESS', seq: 1 }),
  makeTask('pick__1', { status: 'COMPLETED', iteration: 1, seq: 2 }),
  makeTask('pack__1', { status: 'COMPLETED', iteration: 1, seq: 3 }),
  makeTask('pick__2', { status: 'FAILED', iteration: 2, seq: 4 }),
  makeTask('pick__2', { status: 'IN_PROGRESS', iteration: 2, seq: 5, retryCount: 1 }),
];

describe('baseRef', () => {
  it('strips the loop iteration suffix only', () => {
    expect(baseRef('pick__12')).toBe('pick');
    expect(baseRef('my__ref')).toBe('my__ref');
  });
});

describe('iterationsOf', () => {
  it('lists the iterations that have body rows', () => {
    expect(iterationsOf(rows, loop)).toEqual([1, 2]);
  });
});

describe('failedIterationsOf', () => {
  it('lists the iterations in which a body row failed or timed out, not the loop itself', () => {
    expect(failedIterationsOf(rows, loop)).toEqual([2]);
    const more = [
      ...rows,
      makeTask('items', { status: 'FAILED', seq: 6 }),
      makeTask('pack__3', { status: 'TIMED_OUT', iteration: 3, seq: 7 }),
      makeTask('other__4', { status: 'FAILED', iteration: 4, seq: 8 }),
    ];
    expect(failedIterationsOf(more, loop)).toEqual([2, 3]);
  });
});

describe('groupByNode', () => {
  it('shows the latest iteration of a loop by default, with its retried attempts', () => {
    const g = groupByNode(rows, loops);
    expect(g.get('pick')?.attempts.map((t) => t.status)).toEqual(['FAILED', 'IN_PROGRESS']);
    expect(g.get('pick')?.latest.retryCount).toBe(1);
    expect(g.has('pack')).toBe(false);
    expect(g.get('items')?.latest.status).toBe('IN_PROGRESS');
  });

  it('shows an earlier iteration when asked', () => {
    const g = groupByNode(rows, loops, new Map([['items', 1]]));
    expect(g.get('pick')?.latest.status).toBe('COMPLETED');
    expect(g.get('pack')?.latest.status).toBe('COMPLETED');
  });
});
