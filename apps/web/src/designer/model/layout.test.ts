import { describe, expect, it } from 'vitest';
import { END_ID, layoutDef, SIZES, START_ID, taskNodeId } from './layout.js';
import { applyChanges } from './apply-changes.js';
import { nestedDef, t } from './fixtures.test-util.js';

const byId = (def: ReturnType<typeof nestedDef>) =>
  new Map(layoutDef(def).nodes.map((n) => [n.id, n]));

describe('layoutDef', () => {
  it('draws every task when reference names repeat, and chains the edges through each', () => {
    const def = {
      name: 'dups',
      tasks: [t('a'), t('dup'), t('dup'), t('b')],
    } as unknown as ReturnType<typeof nestedDef>;
    const layout = layoutDef(def);
    const tasks = layout.nodes.filter((n) => n.kind === 'task');
    expect(tasks.map((n) => [n.id, n.duplicate ?? false])).toEqual([
      ['t:a', false],
      ['t:dup', true],
      ['t:dup~2', true],
      ['t:b', false],
    ]);
    const links = layout.edges.map((e) => `${e.source}->${e.target}`);
    expect(links).toEqual([
      `${START_ID}->t:a`,
      't:a->t:dup',
      't:dup->t:dup~2',
      't:dup~2->t:b',
      `t:b->${END_ID}`,
    ]);
  });

  it('gives the same coordinates for the same definition', () => {
    expect(layoutDef(nestedDef())).toEqual(layoutDef(nestedDef()));
  });

  it('places the start node first and the end node below everything', () => {
    const nodes = layoutDef(nestedDef()).nodes;
    const start = nodes.find((n) => n.id === START_ID)!;
    const end = nodes.find((n) => n.id === END_ID)!;
    for (const n of nodes) {
      if (n.id === START_ID) continue;
      expect(n.y).toBeGreaterThan(start.y);
      if (n.id !== END_ID) expect(n.y + n.height).toBeLessThan(end.y);
    }
  });

  it('puts fork branches side by side between the fork and its join', () => {
    const n = byId(nestedDef());
    const fork = n.get(taskNodeId('fork'))!;
    const b1 = n.get(taskNodeId('b1'))!;
    const c1 = n.get(taskNodeId('c1'))!;
    const join = n.get(taskNodeId('join'))!;
    expect(b1.y).toBe(c1.y);
    expect(b1.x).toBeLessThan(c1.x);
    expect(b1.y).toBeGreaterThan(fork.y);
    expect(join.y).toBeGreaterThan(n.get(taskNodeId('b2'))!.y);
  });

  it('orders switch cases as in the definition with the default case last', () => {
    const n = byId(nestedDef());
    const xs = ['z1', 'a1', 'd1'].map((r) => n.get(taskNodeId(r))!.x);
    expect(xs[0]).toBeLessThan(xs[1]!);
    expect(xs[1]).toBeLessThan(xs[2]!);
  });

  it('draws the loop body inside its DO_WHILE container', () => {
    const n = byId(nestedDef());
    const loop = n.get(taskNodeId('loop'))!;
    expect(loop.kind).toBe('loop');
    for (const ref of ['l1', 'l2']) {
      const b = n.get(taskNodeId(ref))!;
      expect(b.x).toBeGreaterThan(loop.x);
      expect(b.x + b.width).toBeLessThan(loop.x + loop.width);
      expect(b.y).toBeGreaterThan(loop.y + SIZES.loopHeader - 1);
      expect(b.y + b.height).toBeLessThan(loop.y + loop.height);
      expect(b.depth).toBe(1);
    }
  });

  it('moves only what follows an inserted task', () => {
    const before = byId(nestedDef());
    const after = byId(
      applyChanges(nestedDef(), [
        { type: 'insertTasks', position: { slot: { type: 'root' }, index: 4 }, tasks: [t('new')] },
      ]),
    );
    for (const ref of ['a', 'fork', 'b1', 'c1', 'join', 'sw', 'z1', 'd1'])
      expect(after.get(taskNodeId(ref))).toEqual(before.get(taskNodeId(ref)));
    const shift = SIZES.taskH + SIZES.gapY;
    expect(after.get(taskNodeId('loop'))!.y).toBe(before.get(taskNodeId('loop'))!.y + shift);
    expect(after.get(taskNodeId('last'))!.y).toBe(before.get(taskNodeId('last'))!.y + shift);
  });

  it('gives every edge an insertion position and a placeholder to empty lists', () => {
    const def = {
      name: 'e',
      tasks: [t('f', { type: 'FORK_JOIN', forkTasks: [[], [t('x')]] }), t('j', { type: 'JOIN' })],
    };
    const layout = layoutDef(def);
    const ph = layout.nodes.find((n) => n.kind === 'placeholder')!;
    expect(ph.position).toEqual({ slot: { type: 'branch', parentRef: 'f', branch: 0 }, index: 0 });
    const intoX = layout.edges.find((e) => e.target === taskNodeId('x'))!;
    expect(intoX.position).toEqual({
      slot: { type: 'branch', parentRef: 'f', branch: 1 },
      index: 0,
    });
    const xToJoin = layout.edges.find((e) => e.source === taskNodeId('x'))!;
    expect(xToJoin.target).toBe(taskNodeId('j'));
    expect(xToJoin.position).toEqual({
      slot: { type: 'branch', parentRef: 'f', branch: 1 },
      index: 1,
    });
    expect(new Set(layout.edges.map((e) => e.id)).size).toBe(layout.edges.length);
  });

  it('labels switch edges with their case value', () => {
    const labels = layoutDef(nestedDef())
      .edges.filter((e) => e.source === taskNodeId('sw'))
      .map((e) => e.label);
    expect(labels).toEqual(['zeta', 'alpha', 'default']);
  });
});
