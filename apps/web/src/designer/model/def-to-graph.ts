/**
 * Derives React Flow nodes and edges from a WorkflowDef (via the pure layout). Node objects whose
 * content did not change are reused from the previous graph, so memoised node components skip work.
 * @module
 */
import { Position as Side, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { WorkflowDef } from '@baton/engine';
import { taskSummary } from './task-summary.js';
import { layoutDef, SIZES, type LayoutNode, type LayoutOptions } from './layout.js';
import type { Position } from './slots.js';

/** Data of a task (and loop container) node. */
export interface TaskNodeData extends Record<string, unknown> {
  ref: string;
  name: string;
  taskType: string;
  summary: string;
  optional: boolean;
  /** Validation messages for this task, empty when none. */
  issues: readonly string[];
  /** Another task has the same reference name. */
  duplicate?: boolean;
  /** A fork, switch or loop: whether its children are hidden, and how many tasks it holds. */
  group?: GroupInfo;
  /** A run status or a diff colour laid over the node (debug and compare views). */
  mark?: NodeMark;
  /** The status the task reached in the test run on show (the Test tab). */
  runStatus?: string;
  /** Branches of this task no saved test case reaches (the Test tab's coverage). */
  uncovered?: readonly string[];
}

/** What a group node (fork, switch, loop) shows about the tasks inside it. */
export interface GroupInfo {
  collapsed: boolean;
  /** Number of tasks nested inside (at any depth). */
  count: number;
}

/** A badge and colour laid over a node: a run's status, or how a task differs between two versions. */
export interface NodeMark {
  /** Colour family: a status tone (`failure`, `success`...) or `added`, `removed`, `changed`, `diverged`. */
  tone: string;
  /** Short badge text, e.g. "Failed" or "Changed". */
  label: string;
  /** Hover text (e.g. the failure reason). */
  detail?: string;
}

/** Data of an empty-list placeholder node. */
export interface PlaceholderNodeData extends Record<string, unknown> {
  position: Position;
}

/** Data of a merge dot (after a switch, at the end of a loop body). */
export interface MergeNodeData extends Record<string, unknown> {
  label?: string;
}

/** Data of an insertion edge. */
export interface InsertEdgeData extends Record<string, unknown> {
  position?: Position;
  label?: string;
  anchor: 'source' | 'target';
}

/** A designer canvas node. */
export type DesignerNode = Node<TaskNodeData | PlaceholderNodeData | MergeNodeData>;
/** A designer canvas edge. */
export type DesignerEdge = Edge<InsertEdgeData>;

/** Inputs of the derivation besides the definition. */
export interface GraphOptions extends LayoutOptions {
  selectedRef?: string | null;
  issuesByRef?: ReadonlyMap<string, readonly string[]>;
  previous?: { nodes: readonly DesignerNode[]; edges: readonly DesignerEdge[] };
  /**
   * Gives each node its measured size and handle positions up front (for the designer's node
   * components, which draw at the layout's size), so React Flow draws the nodes and their edges in
   * the first frame instead of measuring every node's DOM first and drawing the edges after.
   */
  presized?: boolean;
}

/** React Flow's default handle: 6 px square, centred on the node's top or bottom side. */
const HANDLE = 6;

/** Where the designer's node components put their handles (see the canvas/nodes components). */
function handlesOf(n: LayoutNode): NodeHandle[] {
  const x = n.width / 2 - HANDLE / 2;
  const size = { width: HANDLE, height: HANDLE }; // without it React Flow takes 1 px: edges off-centre
  const top: NodeHandle = { type: 'target', position: Side.Top, x, y: -HANDLE / 2, ...size };
  const bottom = (id?: string, y = n.height): NodeHandle => ({
    type: 'source',
    position: Side.Bottom,
    x,
    y: y - HANDLE / 2,
    ...size,
    ...(id ? { id } : {}),
  });
  if (n.kind === 'start') return [bottom()];
  if (n.kind === 'end') return [top];
  // The loop body leaves from under the header (`.loop-body-handle` in styles.css).
  if (n.kind === 'loop') return [top, bottom('body', SIZES.loopHeader), bottom('out')];
  return [top, bottom()];
}

const NO_ISSUES: readonly string[] = [];

function toNode(n: LayoutNode, opts: GraphOptions): DesignerNode {
  const base = {
    id: n.id,
    position: { x: n.x, y: n.y },
    width: n.width,
    height: n.height,
    draggable: false,
    connectable: false,
    zIndex: n.kind === 'loop' ? 2 * n.depth + 1 : 2 * n.depth,
    ...(opts.presized
      ? { measured: { width: n.width, height: n.height }, handles: handlesOf(n) }
      : {}),
  };
  if (n.kind === 'task' || n.kind === 'loop') {
    const task = n.task!;
    const ref = task.taskReferenceName;
    const type = task.type ?? 'SIMPLE';
    return {
      ...base,
      type: n.kind,
      selected: opts.selectedRef === ref,
      ariaLabel: `${ref} (${type}) task ${task.name}`,
      data: {
        ref,
        name: task.name,
        taskType: type,
        summary: taskSummary(task),
        optional: task.optional === true,
        issues: opts.issuesByRef?.get(ref) ?? NO_ISSUES,
        ...(n.duplicate ? { duplicate: true } : {}),
        ...(n.group ? { group: { collapsed: n.group.collapsed, count: n.group.refs.length } } : {}),
      },
    };
  }
  if (n.kind === 'placeholder') {
    return { ...base, type: 'placeholder', selectable: false, data: { position: n.position! } };
  }
  const label = n.kind === 'merge' ? n.label : n.kind === 'start' ? 'Start' : 'End';
  return {
    ...base,
    type: n.kind,
    selectable: false,
    focusable: false,
    data: label ? { label } : {},
  };
}

function sameNode(a: DesignerNode, b: DesignerNode): boolean {
  if (a.type !== b.type || a.selected !== b.selected || a.zIndex !== b.zIndex) return false;
  if (a.position.x !== b.position.x || a.position.y !== b.position.y) return false;
  if (a.width !== b.width || a.height !== b.height) return false;
  const da = a.data as Partial<TaskNodeData & PlaceholderNodeData & MergeNodeData>;
  const db = b.data as Partial<TaskNodeData & PlaceholderNodeData & MergeNodeData>;
  for (const key of [
    'ref',
    'name',
    'taskType',
    'summary',
    'optional',
    'label',
    'duplicate',
  ] as const)
    if (da[key] !== db[key]) return false;
  if ((da.issues ?? []).join('\n') !== (db.issues ?? []).join('\n')) return false;
  if (da.group?.collapsed !== db.group?.collapsed || da.group?.count !== db.group?.count)
    return false;
  return JSON.stringify(da.position) === JSON.stringify(db.position);
}

/** Derives the canvas graph of a definition. */
export function defToGraph(
  def: WorkflowDef,
  opts: GraphOptions = {},
): { nodes: DesignerNode[]; edges: DesignerEdge[]; groupRefs: Map<string, string[]> } {
  const layout = layoutDef(def, opts);
  const groupRefs = new Map<string, string[]>();
  for (const ln of layout.nodes)
    if (ln.group && ln.task) groupRefs.set(ln.task.taskReferenceName, ln.group.refs);
  const prevNodes = new Map(opts.previous?.nodes.map((n) => [n.id, n]));
  const prevEdges = new Map(opts.previous?.edges.map((e) => [e.id, e]));
  const nodes = layout.nodes.map((ln) => {
    const next = toNode(ln, opts);
    const prev = prevNodes.get(next.id);
    return prev && sameNode(prev, next) ? prev : next;
  });
  const edges = layout.edges.map((le): DesignerEdge => {
    const next: DesignerEdge = {
      id: le.id,
      source: le.source,
      target: le.target,
      type: 'insert',
      zIndex: 2 * le.depth,
      focusable: false,
      ...(le.sourceHandle ? { sourceHandle: le.sourceHandle } : {}),
      data: {
        anchor: le.anchor,
        ...(le.position ? { position: le.position } : {}),
        ...(le.label !== undefined ? { label: le.label } : {}),
      },
    };
    const prev = prevEdges.get(le.id);
    const same =
      prev &&
      prev.zIndex === next.zIndex &&
      JSON.stringify(prev.data) === JSON.stringify(next.data);
    return same ? prev : next;
  });
  return { nodes, edges, groupRefs };
}
