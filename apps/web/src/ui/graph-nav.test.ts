import { describe, expect, it } from 'vitest';
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { defToGraph } from '../designer/model/def-to-graph.js';
import { enclosingLoop, nextNode, type NavEdge, type NavNode } from './graph-nav.js';

// start → a → sw ⇉ (b | c) → merge → d → end
const box = (id: string, x: number, y: number): NavNode => ({
  id,
  position: { x, y },
  width: 100,
  height: 40,
});
const nodes = [
  box('start', 50, 0),
  box('a', 50, 100),
  box('sw', 50, 200),
  box('b', 0, 300),
  box('c', 140, 300),
  box('merge', 95, 400),
  box('d', 50, 500),
  box('end', 50, 600),
];
const edges: NavEdge[] = [
  ['start', 'a'],
  ['a', 'sw'],
  ['sw', 'b'],
  ['sw', 'c'],
  ['b', 'merge'],
  ['c', 'merge'],
  ['merge', 'd'],
  ['d', 'end'],
].map(([source, target]) => ({ source: source!, target: target! }));
const stops = new Set(['a', 'sw', 'b', 'c', 'd']);
const go = (from: string, dir: 'up' | 'down' | 'left' | 'right') =>
  nextNode(nodes, edges, (id) => stops.has(id), from, dir);

describe('nextNode', () => {
  it('follows the flow down and up, through merge dots, and stops at the ends', () => {
    expect(go('a', 'down')).toBe('sw');
    expect(go('b', 'down')).toBe('d');
    expect(go('d', 'up')).not.toBeNull();
    expect(go('d', 'down')).toBeNull();
    expect(go('a', 'up')).toBeNull();
  });

  it('goes down into the branch nearest below, and sideways between branches', () => {
    expect(['b', 'c']).toContain(go('sw', 'down'));
    expect(go('b', 'right')).toBe('c');
    expect(go('c', 'left')).toBe('b');
    expect(go('c', 'right')).toBeNull();
  });

  // a → loop[ b → inner[ c ] ] → d, edges as the layout draws them: each loop enters its body from
  // its `body` handle, the body ends at a dot with no way out, and the loop leaves from `out`.
  const loopNodes = [
    box('a', 50, 0),
    box('loop', 0, 100),
    box('b', 50, 200),
    box('inner', 25, 300),
    box('c', 50, 400),
    box('innerEnd', 95, 500),
    box('loopEnd', 95, 600),
    box('d', 50, 700),
    box('end', 50, 800),
  ];
  const loopEdges: NavEdge[] = [
    { source: 'a', target: 'loop' },
    { source: 'loop', target: 'b', sourceHandle: 'body' },
    { source: 'b', target: 'inner' },
    { source: 'inner', target: 'c', sourceHandle: 'body' },
    { source: 'c', target: 'innerEnd' },
    { source: 'inner', target: 'loopEnd', sourceHandle: 'out' },
    { source: 'loop', target: 'd', sourceHandle: 'out' },
    { source: 'd', target: 'end' },
  ];
  const loopStops = new Set(['a', 'loop', 'b', 'inner', 'c', 'd']);
  const inLoop = (from: string, dir: 'up' | 'down') =>
    nextNode(loopNodes, loopEdges, (id) => loopStops.has(id), from, dir);

  it('goes down from the last task of a DO_WHILE body to the task after the loop', () => {
    expect(inLoop('loop', 'down')).toBe('b');
    expect(inLoop('b', 'down')).toBe('inner');
    expect(inLoop('inner', 'down')).toBe('c');
    // Out of both loops at once: the inner loop is the last task of the outer body.
    expect(inLoop('c', 'down')).toBe('d');
    expect(inLoop('d', 'down')).toBeNull();
    expect(inLoop('b', 'up')).toBe('loop');
    expect(inLoop('d', 'up')).toBe('loop');
  });

  it('finds the loop around a task, or none at the top level', () => {
    expect(enclosingLoop(loopEdges, 'c')).toBe('inner');
    expect(enclosingLoop(loopEdges, 'inner')).toBe('loop');
    expect(enclosingLoop(loopEdges, 'b')).toBe('loop');
    expect(enclosingLoop(loopEdges, 'loop')).toBeNull();
    expect(enclosingLoop(loopEdges, 'd')).toBeNull();
  });

  it('leaves a loop of the designer graph for the task after it, as it leaves a switch case', () => {
    const task = (ref: string, extra: Partial<WorkflowTask> = {}) =>
      ({ name: ref, taskReferenceName: ref, type: 'SIMPLE', ...extra }) as WorkflowTask;
    const def = {
      name: 'nav',
      tasks: [
        task('first'),
        task('loop', {
          type: 'DO_WHILE',
          loopCondition: 'false',
          loopOver: [task('body1'), task('body2')],
        }),
        task('sw', { type: 'SWITCH', decisionCases: { a: [task('caseA')] }, defaultCase: [] }),
        task('last'),
      ],
    } as unknown as WorkflowDef;
    const graph = defToGraph(def);
    const isStop = (id: string) => id.startsWith('t:') || id.startsWith('ph:');
    const down = (from: string) => nextNode(graph.nodes, graph.edges, isStop, `t:${from}`, 'down');
    expect(down('loop')).toBe('t:body1');
    expect(down('body1')).toBe('t:body2');
    expect(down('body2')).toBe('t:sw');
    expect(down('caseA')).toBe('t:last');
  });
});
