import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '@baton/client';
import {
  buildBaseGraph,
  decorateNodes,
  expandDynamicForks,
  nodeAriaLabel,
  type ExecNodeData,
} from './execution-graph.js';
import { groupByNode } from './iterations.js';
import { makeDef, makeTask } from './fixtures.test-util.js';

const dynFork: WorkflowTask = {
  name: 'fan',
  taskReferenceName: 'fan',
  type: 'FORK_JOIN_DYNAMIC',
  dynamicForkTasksParam: 'tasks',
  dynamicForkTasksInputParamName: 'inputs',
};
const def = makeDef([
  { name: 'a', taskReferenceName: 'a', type: 'SIMPLE' },
  dynFork,
  { name: 'join', taskReferenceName: 'join', type: 'JOIN' },
]);
const forked = [
  { name: 'x', taskReferenceName: 'x1', type: 'SIMPLE' },
  { name: 'x', taskReferenceName: 'x2', type: 'SIMPLE' },
];
const forkRow = makeTask('fan', {
  taskType: 'FORK',
  workflowTask: dynFork,
  inputData: { forkedTasks: ['x1', 'x2'], forkedTaskDefs: forked },
  status: 'COMPLETED',
});

describe('expandDynamicForks', () => {
  it('draws the branches that were actually forked', () => {
    const { def: drawn, dynamicForkRefs } = expandDynamicForks(def, [forkRow]);
    expect(drawn.tasks[1]?.type).toBe('FORK_JOIN');
    expect(drawn.tasks[1]?.forkTasks?.map((b) => b[0]?.taskReferenceName)).toEqual(['x1', 'x2']);
    expect([...dynamicForkRefs]).toEqual(['fan']);
  });

  it('leaves a fork that has not run yet as one node', () => {
    expect(expandDynamicForks(def, []).def).toBe(def);
  });
});

describe('decorateNodes', () => {
  const tasks = [
    makeTask('a', { status: 'COMPLETED', seq: 1 }),
    forkRow,
    makeTask('x1', { status: 'FAILED', seq: 3 }),
    makeTask('x1', { status: 'IN_PROGRESS', seq: 4, retryCount: 1 }),
  ];
  const base = buildBaseGraph(def, tasks);
  const input = (selectedRef: string | null = null) => ({
    groups: groupByNode(tasks, base.loops),
    affected: new Set<string>(),
    selectedRef,
    iterationByLoop: new Map(),
    loopIterations: new Map(),
  });

  it('gives each task node its latest status and attempt count', () => {
    const nodes = decorateNodes(base, input());
    const byRef = new Map(nodes.map((n) => [(n.data as ExecNodeData).ref, n]));
    expect((byRef.get('a')?.data as ExecNodeData).status).toBe('COMPLETED');
    expect(byRef.get('x1')?.data as ExecNodeData).toMatchObject({
      status: 'IN_PROGRESS',
      attempts: 2,
    });
    expect((byRef.get('x2')?.data as ExecNodeData).status).toBe('NOT_SCHEDULED');
    expect((byRef.get('fan')?.data as ExecNodeData).taskType).toBe('FORK_JOIN_DYNAMIC');
    expect(byRef.get('x1')?.ariaLabel).toBe('x1: In progress, attempt 2 (SIMPLE)');
  });

  it('keeps positions and reuses unchanged node objects', () => {
    const first = decorateNodes(base, input());
    const again = decorateNodes(base, input('a'), new Map(first.map((n) => [n.id, n])));
    const changed = again.filter((n, i) => n !== first[i]);
    expect(changed.map((n) => (n.data as ExecNodeData).ref)).toEqual(['a']);
    expect(again.map((n) => n.position)).toEqual(first.map((n) => n.position));
  });
});

describe('buildBaseGraph', () => {
  it('gives every node its handles, so React Flow need not mount it to measure them', () => {
    const base = buildBaseGraph(def, [forkRow]);
    for (const n of base.nodes) expect(n.handles?.length).toBeGreaterThan(0);
    const decorated = decorateNodes(base, {
      groups: new Map(),
      affected: new Set(),
      selectedRef: null,
      iterationByLoop: new Map(),
      loopIterations: new Map(),
    });
    expect(decorated.map((n) => n.handles)).toEqual(base.nodes.map((n) => n.handles));
  });

  it('draws edges that take no clicks', () => {
    for (const e of buildBaseGraph(def, []).edges)
      expect(e).toMatchObject({ interactionWidth: 0, selectable: false, focusable: false });
  });
});

describe('nodeAriaLabel', () => {
  it('names the reference and the status', () => {
    expect(
      nodeAriaLabel({ ref: 'bake', status: 'COMPLETED', attempts: 1, taskType: 'SIMPLE' }),
    ).toBe('bake: Completed (SIMPLE)');
  });
});
