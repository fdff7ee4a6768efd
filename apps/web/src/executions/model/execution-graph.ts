/**
 * The execution's graph in the designer's layout: the frozen definition (with dynamic forks
 * expanded to the branches actually forked) goes through the designer's `defToGraph`, once per
 * shape; statuses are then laid onto the nodes without moving them, reusing every node object
 * whose data did not change, so memoised nodes skip re-rendering.
 * @module
 */
import type { Edge, Node } from '@xyflow/react';
import type { Task, WorkflowDef, WorkflowTask } from '@baton/client';
import {
  defToGraph,
  type DesignerNode,
  type GroupInfo,
} from '../../designer/model/def-to-graph.js';
import type { StatusCounts } from '../../graph/nodes/StatusCounts.js';
import { nodeHandles } from './handles.js';
import { baseRef, loopBodyRefs, type NodeAttempts } from './iterations.js';
import { NOT_SCHEDULED, statusLabel, type NodeStatus } from './status-style.js';

/** Data of a task or loop node in the execution view. */
export interface ExecNodeData extends Record<string, unknown> {
  ref: string;
  name: string;
  taskType: string;
  summary: string;
  status: NodeStatus;
  /** Number of attempts (1 unless retried). */
  attempts: number;
  /** Loops: the iterations that ran and the one shown. */
  iterations?: readonly number[];
  iteration?: number;
  /** Loops: the iterations in which a body task failed. */
  failedIterations?: readonly number[];
  /** SUB_WORKFLOW: the child execution. */
  subWorkflowId?: string;
  /** Highlighted because a pending operation would touch it. */
  affected: boolean;
  /** Forks, switches, loops: collapsed or not, the tasks inside and (collapsed) their statuses. */
  group?: GroupInfo & { counts?: StatusCounts };
  /** A dynamic fork drawn as one summary node: its branches and their statuses. */
  branches?: { total: number; counts: StatusCounts };
}

/** A dynamic fork with more branches than this is drawn as one summary node. */
export const FORK_SUMMARY_THRESHOLD = 20;

/** A node of the execution graph. */
export type ExecNode = Node;
/** An edge of the execution graph. */
export type ExecEdge = Edge;

/** The layout-only part of the graph: changes only when the definition's shape changes. */
export interface BaseGraph {
  nodes: DesignerNode[];
  edges: ExecEdge[];
  /** Every task ref of the (expanded) definition, in layout order. */
  refs: string[];
  loops: Map<string, { task: WorkflowTask; bodyRefs: Set<string> }>;
  dynamicForkRefs: Set<string>;
  /** Per group (by ref), the tasks nested inside it. */
  groupRefs: Map<string, string[]>;
  /** Per summarised dynamic fork, its branches' first task refs in fork order. */
  forkBranches: Map<string, string[]>;
}

type ForkInput = { forkedTaskDefs?: WorkflowTask[]; forkedTasks?: string[] };

/**
 * The definition to draw: each FORK_JOIN_DYNAMIC that has forked becomes a FORK_JOIN whose branches
 * are the forked tasks (one branch each, from the fork row's `forkedTaskDefs`).
 */
export function expandDynamicForks(
  def: WorkflowDef,
  tasks: readonly Task[],
  summaryThreshold = FORK_SUMMARY_THRESHOLD,
): { def: WorkflowDef; dynamicForkRefs: Set<string>; forkBranches: Map<string, string[]> } {
  const dynamicForkRefs = new Set<string>();
  const forkBranches = new Map<string, string[]>();
  const forkRows = new Map<string, Task>();
  for (const t of tasks)
    if (t.workflowTask?.type === 'FORK_JOIN_DYNAMIC') forkRows.set(baseRef(t.referenceTaskName), t);
  if (forkRows.size === 0) return { def, dynamicForkRefs, forkBranches };
  const byRef = new Map(tasks.map((t) => [baseRef(t.referenceTaskName), t.workflowTask]));
  const mapList = (list: WorkflowTask[] | undefined): WorkflowTask[] | undefined =>
    list?.map(mapTask);
  const mapTask = (t: WorkflowTask): WorkflowTask => {
    const next: WorkflowTask = {
      ...t,
      ...(t.forkTasks ? { forkTasks: t.forkTasks.map((b) => mapList(b) ?? []) } : {}),
      ...(t.decisionCases
        ? {
            decisionCases: Object.fromEntries(
              Object.entries(t.decisionCases).map(([k, v]) => [k, mapList(v) ?? []]),
            ),
          }
        : {}),
      ...(t.defaultCase ? { defaultCase: mapList(t.defaultCase) } : {}),
      ...(t.loopOver ? { loopOver: mapList(t.loopOver) } : {}),
    };
    const row = forkRows.get(t.taskReferenceName);
    if (t.type !== 'FORK_JOIN_DYNAMIC' || !row) return next;
    const input = row.inputData as ForkInput;
    const branches =
      input.forkedTaskDefs ??
      (input.forkedTasks ?? [])
        .map((r) => byRef.get(r))
        .filter((w): w is WorkflowTask => w !== undefined);
    if (branches.length === 0) return next;
    if (branches.length > summaryThreshold) {
      // Drawn as one summary node (a row of a thousand branches is unreadable and slow).
      forkBranches.set(
        t.taskReferenceName,
        branches.map((b) => b.taskReferenceName),
      );
      return next;
    }
    dynamicForkRefs.add(t.taskReferenceName);
    return { ...next, type: 'FORK_JOIN', forkTasks: branches.map((b) => [b]) };
  };
  return { def: { ...def, tasks: def.tasks.map(mapTask) }, dynamicForkRefs, forkBranches };
}

/** A key that changes only when the expanded shape changes (forked branch refs). */
export function shapeKey(tasks: readonly Task[]): string {
  const parts: string[] = [];
  for (const t of tasks)
    if (t.workflowTask?.type === 'FORK_JOIN_DYNAMIC')
      parts.push(
        `${t.referenceTaskName}:${((t.inputData as ForkInput).forkedTasks ?? []).join(',')}`,
      );
  return parts.join('|');
}

/** Lays out the execution's definition (the expensive part; memoise it on `shapeKey`). */
export function buildBaseGraph(
  def: WorkflowDef,
  tasks: readonly Task[],
  collapsed?: ReadonlySet<string>,
): BaseGraph {
  const expanded = expandDynamicForks(def, tasks);
  const { nodes, edges, groupRefs } = defToGraph(expanded.def, {
    ...(collapsed ? { collapsed } : {}),
    tall: new Set(expanded.forkBranches.keys()),
  });
  const refs: string[] = [];
  const loops = new Map<string, { task: WorkflowTask; bodyRefs: Set<string> }>();
  const layoutTasks = new Map<string, WorkflowTask>();
  const visit = (list: readonly WorkflowTask[] | undefined) => {
    for (const t of list ?? []) {
      layoutTasks.set(t.taskReferenceName, t);
      if (t.type === 'DO_WHILE')
        loops.set(t.taskReferenceName, { task: t, bodyRefs: loopBodyRefs(t) });
      for (const b of t.forkTasks ?? []) visit(b);
      for (const c of Object.values(t.decisionCases ?? {})) visit(c);
      visit(t.defaultCase);
      visit(t.loopOver);
    }
  };
  visit(expanded.def.tasks);
  for (const n of nodes) {
    const ref = (n.data as { ref?: string }).ref;
    if (ref && layoutTasks.has(ref)) refs.push(ref);
  }
  return {
    // Handles given up front: React Flow then mounts only the nodes in view (see handles.ts).
    nodes: nodes.map((n) => ({ ...n, handles: nodeHandles(n.type, n.width!, n.height!) })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.sourceHandle ? { sourceHandle: e.sourceHandle } : {}),
      type: 'smoothstep',
      focusable: false,
      selectable: false,
      // Edges take no clicks here: an edge's 20 px hit stroke, drawn above its loop, would catch
      // clicks meant for the loop's iteration stepper.
      interactionWidth: 0,
      zIndex: e.zIndex ?? 0,
      ...(e.data?.label !== undefined
        ? { label: e.data.label, className: 'exec-edge has-label' }
        : { className: 'exec-edge' }),
    })),
    refs,
    loops,
    dynamicForkRefs: expanded.dynamicForkRefs,
    groupRefs,
    forkBranches: expanded.forkBranches,
  };
}

/** What the statuses come from. */
export interface DecorateInput {
  groups: ReadonlyMap<string, NodeAttempts>;
  affected: ReadonlySet<string>;
  selectedRef: string | null;
  iterationByLoop: ReadonlyMap<string, number>;
  loopIterations: ReadonlyMap<string, readonly number[]>;
  /** Per loop, the iterations in which a body task failed (none when absent). */
  loopFailedIterations?: ReadonlyMap<string, readonly number[]>;
}

/** The accessible name of a task node: its reference name and its current status. */
export function nodeAriaLabel(
  d: Pick<ExecNodeData, 'ref' | 'status' | 'attempts' | 'taskType'>,
): string {
  const attempts = d.attempts > 1 ? `, attempt ${d.attempts}` : '';
  return `${d.ref}: ${statusLabel(d.status)}${attempts} (${d.taskType})`;
}

function sameData(a: ExecNodeData, b: ExecNodeData): boolean {
  return (
    a.status === b.status &&
    a.attempts === b.attempts &&
    a.affected === b.affected &&
    a.iteration === b.iteration &&
    a.subWorkflowId === b.subWorkflowId &&
    (a.iterations ?? []).join() === (b.iterations ?? []).join() &&
    (a.failedIterations ?? []).join() === (b.failedIterations ?? []).join() &&
    JSON.stringify(a.group) === JSON.stringify(b.group) &&
    JSON.stringify(a.branches) === JSON.stringify(b.branches)
  );
}

/** How many of `refs` are in each status (a ref without a task row counts as not scheduled). */
export function countStatuses(
  refs: readonly string[],
  groups: ReadonlyMap<string, NodeAttempts>,
): StatusCounts {
  const counts: Partial<Record<NodeStatus, number>> = {};
  for (const ref of refs) {
    const s = groups.get(ref)?.latest?.status ?? NOT_SCHEDULED;
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

/**
 * Lays statuses onto the base graph's nodes. Positions never change; a node object is reused from
 * `previous` when its data and selection are the same.
 */
export function decorateNodes(
  base: BaseGraph,
  input: DecorateInput,
  previous?: ReadonlyMap<string, ExecNode>,
): ExecNode[] {
  return base.nodes.map((n): ExecNode => {
    const d = n.data as {
      ref?: string;
      name?: string;
      taskType?: string;
      summary?: string;
      group?: GroupInfo;
    };
    if (!d.ref || (n.type !== 'task' && n.type !== 'loop'))
      return previous?.get(n.id) ?? (n as ExecNode);
    const group = input.groups.get(d.ref);
    const latest = group?.latest;
    const data: ExecNodeData = {
      ref: d.ref,
      name: d.name ?? d.ref,
      taskType: base.dynamicForkRefs.has(d.ref) ? 'FORK_JOIN_DYNAMIC' : (d.taskType ?? 'SIMPLE'),
      summary: d.summary ?? '',
      status: latest?.status ?? NOT_SCHEDULED,
      attempts: group?.attempts.length ?? 0,
      affected: input.affected.has(d.ref),
      ...(latest?.subWorkflowId ? { subWorkflowId: latest.subWorkflowId } : {}),
      ...(d.group
        ? {
            group: d.group.collapsed
              ? { ...d.group, counts: countStatuses(base.groupRefs.get(d.ref) ?? [], input.groups) }
              : d.group,
          }
        : {}),
      ...(base.forkBranches.has(d.ref)
        ? {
            branches: {
              total: base.forkBranches.get(d.ref)!.length,
              counts: countStatuses(base.forkBranches.get(d.ref)!, input.groups),
            },
          }
        : {}),
      ...(n.type === 'loop'
        ? {
            iterations: input.loopIterations.get(d.ref) ?? [],
            failedIterations: input.loopFailedIterations?.get(d.ref) ?? [],
            iteration:
              input.iterationByLoop.get(d.ref) ?? input.loopIterations.get(d.ref)?.at(-1) ?? 0,
          }
        : {}),
    };
    const selected = input.selectedRef === d.ref;
    const prev = previous?.get(n.id);
    if (prev && prev.selected === selected && sameData(prev.data as ExecNodeData, data))
      return prev;
    return {
      id: n.id,
      type: n.type,
      position: n.position,
      width: n.width!,
      height: n.height!,
      handles: n.handles!,
      zIndex: n.zIndex!,
      draggable: false,
      connectable: false,
      selected,
      ariaLabel: nodeAriaLabel(data),
      data,
    };
  });
}
