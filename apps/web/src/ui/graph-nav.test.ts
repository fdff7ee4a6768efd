import { describe, expect, it } from 'vitest';
import { nextNode, type NavEdge, type NavNode } from './graph-nav.js';

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
});
