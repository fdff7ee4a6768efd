import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '@baton/client';
import { filterBranches } from './fork-branches.js';
import {
  buildBaseGraph,
  countStatuses,
  decorateNodes,
  expandDynamicForks,
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
const def = makeDef([dynFork, { name: 'join', taskReferenceName: 'join', type: 'JOIN' }]);
const branches = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: 'x',
    taskReferenceName: `br_${i}`,
    type: 'SIMPLE',
  }));
const forkRow = (n: number) =>
  makeTask('fan', {
    taskType: 'FORK',
    workflowTask: dynFork,
    inputData: {
      forkedTasks: branches(n).map((b) => b.taskReferenceName),
      forkedTaskDefs: branches(n),
    },
    status: 'COMPLETED',
  });

describe('a dynamic fork over the threshold', () => {
  it('stays one node listing its branches', () => {
    const small = expandDynamicForks(def, [forkRow(20)]);
    expect(small.def.tasks[0]?.type).toBe('FORK_JOIN');
    const large = expandDynamicForks(def, [forkRow(21)]);
    expect(large.def.tasks[0]?.type).toBe('FORK_JOIN_DYNAMIC');
    expect(large.forkBranches.get('fan')).toHaveLength(21);
  });

  it('is decorated with its branch count and statuses', () => {
    const tasks = [
      forkRow(1000),
      makeTask('br_0', { status: 'FAILED', seq: 2 }),
      makeTask('br_1', { status: 'COMPLETED', seq: 3 }),
      makeTask('br_2', { status: 'COMPLETED', seq: 4 }),
    ];
    const base = buildBaseGraph(def, tasks);
    expect(base.nodes.filter((n) => n.type === 'task')).toHaveLength(2);
    const groups = groupByNode(tasks, base.loops);
    const nodes = decorateNodes(base, {
      groups,
      affected: new Set(),
      selectedRef: null,
      iterationByLoop: new Map(),
      loopIterations: new Map(),
    });
    const fan = nodes.find((n) => n.id === 't:fan')!;
    expect(fan.data).toMatchObject({
      branches: { total: 1000, counts: { FAILED: 1, COMPLETED: 2, NOT_SCHEDULED: 997 } },
    });
    expect(countStatuses(['br_0', 'nope'], groups)).toEqual({ FAILED: 1, NOT_SCHEDULED: 1 });
  });
});

describe('filterBranches', () => {
  const rows = [
    { ref: 'br_1', status: 'COMPLETED' as const },
    { ref: 'br_10', status: 'FAILED' as const },
    { ref: 'BR_100', status: 'COMPLETED' as const },
  ];
  it('matches every word of the query, any case, and the status', () => {
    expect(filterBranches(rows, '', '').map((r) => r.ref)).toEqual(['br_1', 'br_10', 'BR_100']);
    expect(filterBranches(rows, 'br_10', '').map((r) => r.ref)).toEqual(['br_10', 'BR_100']);
    expect(filterBranches(rows, 'br_10', 'COMPLETED').map((r) => r.ref)).toEqual(['BR_100']);
    expect(filterBranches(rows, 'br 00', '').map((r) => r.ref)).toEqual(['BR_100']);
  });
});
