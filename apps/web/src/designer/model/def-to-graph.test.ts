import { describe, expect, it } from 'vitest';
import { defToGraph } from './def-to-graph.js';
import { applyChanges } from './apply-changes.js';
import { nestedDef } from './fixtures.test-util.js';

describe('defToGraph', () => {
  it('makes one labelled node per task plus start, end, merge dots', () => {
    const { nodes } = defToGraph(nestedDef());
    const tasks = nodes.filter((n) => n.type === 'task' || n.type === 'loop');
    expect(tasks).toHaveLength(15);
    const fork = nodes.find((n) => n.id === 't:fork')!;
    expect(fork.ariaLabel).toContain('fork');
    expect(fork.ariaLabel).toContain('FORK_JOIN');
    expect(nodes.filter((n) => n.type === 'merge')).toHaveLength(2);
  });

  it('reuses node objects of tasks that did not change', () => {
    const def = nestedDef();
    const first = defToGraph(def);
    const edited = applyChanges(def, [
      {
        type: 'replaceTask',
        ref: 'b1',
        task: { ...def.tasks[1]!.forkTasks![0]![0]!, name: 'renamed' },
      },
    ]);
    const second = defToGraph(edited, { previous: first });
    const changed = second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id);
    expect(changed).toEqual(['t:b1']);
    expect(second.edges.every((e, i) => e === first.edges[i])).toBe(true);
  });

  it('marks the selected task and attaches its issues', () => {
    const { nodes } = defToGraph(nestedDef(), {
      selectedRef: 'a',
      issuesByRef: new Map([['last', ['broken']]]),
    });
    expect(nodes.find((n) => n.id === 't:a')!.selected).toBe(true);
    expect(nodes.find((n) => n.id === 't:last')!.data).toMatchObject({ issues: ['broken'] });
  });

  it('leaves sizing to React Flow unless asked to give sizes and handles up front', () => {
    expect(defToGraph(nestedDef()).nodes.some((n) => n.measured || n.handles)).toBe(false);
    const { nodes, edges } = defToGraph(nestedDef(), { presized: true });
    for (const n of nodes) expect(n.measured).toEqual({ width: n.width, height: n.height });
    // Every edge finds its handles on its end nodes (the handle id, when it names one).
    for (const e of edges) {
      const source = nodes.find((n) => n.id === e.source)!.handles!;
      const target = nodes.find((n) => n.id === e.target)!.handles!;
      expect(
        source.some((h) => h.type === 'source' && (h.id ?? null) === (e.sourceHandle ?? null)),
      ).toBe(true);
      expect(target.some((h) => h.type === 'target')).toBe(true);
    }
    const task = nodes.find((n) => n.id === 't:a')!;
    const size = { width: 6, height: 6 };
    expect(task.handles).toEqual([
      { type: 'target', position: 'top', x: task.width! / 2 - 3, y: -3, ...size },
      { type: 'source', position: 'bottom', x: task.width! / 2 - 3, y: task.height! - 3, ...size },
    ]);
    // Edges attach at the middle of a node's side (React Flow takes a handle without a size as 1 px).
    for (const n of nodes)
      for (const h of n.handles!) expect(h.x + h.width! / 2).toBe(n.width! / 2);
  });
});
