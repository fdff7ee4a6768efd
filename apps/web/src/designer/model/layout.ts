/**
 * Deterministic layout of a definition, mirroring its nesting: a top-to-bottom flow where fork
 * branches and switch cases sit side by side (cases in definition order, default last) and a loop
 * body sits inside its DO_WHILE container. Pure: same definition, same coordinates. Inserting a task
 * only moves what follows it.
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { childSlots, getChildList, type Position, ROOT_SLOT, type Slot } from './slots.js';

/** Geometry constants (px). */
export const SIZES = {
  taskW: 240,
  taskH: 76,
  terminalW: 120,
  terminalH: 40,
  placeholderW: 150,
  placeholderH: 40,
  merge: 16,
  gapY: 64,
  gapX: 36,
  loopPad: 28,
  loopHeader: 76,
  /** A collapsed group or a summarised dynamic fork: a task box with a line of counts. */
  tallH: 100,
} as const;

/** Task types drawn as a group that can be collapsed (their children hidden). */
export const GROUP_TYPES: ReadonlySet<string> = new Set([
  'FORK_JOIN',
  'FORK_JOIN_DYNAMIC',
  'SWITCH',
  'DECISION',
  'DO_WHILE',
]);

/** Options of the layout. */
export interface LayoutOptions {
  /** Groups (by reference name) drawn as one box, their children hidden. */
  collapsed?: ReadonlySet<string>;
  /** Tasks drawn as a tall box (a summarised dynamic fork). */
  tall?: ReadonlySet<string>;
}

/** What a positioned box stands for. */
export type LayoutNodeKind = 'start' | 'end' | 'task' | 'loop' | 'placeholder' | 'merge';

/** A positioned box (top-left origin). */
export interface LayoutNode {
  id: string;
  kind: LayoutNodeKind;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Number of DO_WHILE containers around this box. */
  depth: number;
  task?: WorkflowTask;
  /** Placeholders: where a task dropped on it goes. */
  position?: Position;
  /** Merge points: the label shown under the dot. */
  label?: string;
  /** Tasks: another task has the same reference name (each is still drawn, with its own id). */
  duplicate?: boolean;
  /** Groups (fork, switch, loop): collapsed or not, and the reference names of every task inside. */
  group?: { collapsed: boolean; refs: string[] };
}

/** A connector. `position` is where a task inserted on this edge goes. */
export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  position?: Position;
  label?: string;
  /** Where the "+" sits: near the target for diverging edges, near the source otherwise. */
  anchor: 'source' | 'target';
  depth: number;
}

/** The laid-out graph. */
export interface Layout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  width: number;
  height: number;
}

interface Exit {
  id: string;
  handle?: string;
  position: Position;
}

interface Block {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  width: number;
  height: number;
  entry: string;
  exits: Exit[];
}

/** Node id of a task. */
export const taskNodeId = (ref: string) => `t:${ref}`;
/** Start and end node ids. */
export const START_ID = '__start';
export const END_ID = '__end';

/**
 * Ids handed out during the current layoutDef call. Reference names should be unique, but pasted
 * JSON may repeat one: the second task then gets `t:<ref>~2` (and its merge and placeholder ids
 * likewise), so every task is drawn and every edge joins the task it belongs to.
 */
let taken: Set<string> | null = null;
/** The options of the current layoutDef call. */
let options: LayoutOptions = {};

/** Reference names of every task nested inside `task` (not itself), in definition order. */
export function innerRefs(task: WorkflowTask): string[] {
  const out: string[] = [];
  const visit = (list: readonly WorkflowTask[] | undefined) => {
    for (const t of list ?? []) {
      out.push(t.taskReferenceName);
      for (const b of t.forkTasks ?? []) visit(b);
      for (const c of Object.values(t.decisionCases ?? {})) visit(c);
      visit(t.defaultCase);
      visit(t.loopOver);
    }
  };
  for (const b of task.forkTasks ?? []) visit(b);
  for (const c of Object.values(task.decisionCases ?? {})) visit(c);
  visit(task.defaultCase);
  visit(task.loopOver);
  return out;
}

function unique(id: string): string {
  if (!taken) return id;
  let out = id;
  for (let n = 2; taken.has(out); n++) out = `${id}~${n}`;
  taken.add(out);
  return out;
}

const slotKey = (slot: Slot) =>
  slot.type === 'root'
    ? 'root'
    : `${slot.parentRef}/${slot.type}/${slot.type === 'branch' ? slot.branch : slot.type === 'case' ? slot.caseKey : ''}`;

function shift(block: Block, dx: number, dy: number): void {
  for (const n of block.nodes) {
    n.x += dx;
    n.y += dy;
  }
}

function edge(source: Exit | string, target: string, depth: number, label?: string): LayoutEdge {
  const src = typeof source === 'string' ? { id: source } : source;
  const handle = 'handle' in src ? src.handle : undefined;
  const position = 'position' in src ? src.position : undefined;
  return {
    id: `e:${src.id}${handle ? `#${handle}` : ''}->${target}`,
    source: src.id,
    target,
    ...(handle ? { sourceHandle: handle } : {}),
    ...(position ? { position } : {}),
    ...(label !== undefined ? { label } : {}),
    anchor: 'source',
    depth,
  };
}

function layoutList(list: WorkflowTask[], slot: Slot, depth: number): Block {
  if (list.length === 0) {
    const id = unique(`ph:${slotKey(slot)}`);
    const position = { slot, index: 0 };
    return {
      nodes: [
        {
          id,
          kind: 'placeholder',
          x: 0,
          y: 0,
          width: SIZES.placeholderW,
          height: SIZES.placeholderH,
          depth,
          position,
        },
      ],
      edges: [],
      width: SIZES.placeholderW,
      height: SIZES.placeholderH,
      entry: id,
      exits: [{ id, position }],
    };
  }
  const items = list.map((task, index) => layoutTask(task, slot, index, depth));
  const width = Math.max(...items.map((b) => b.width));
  const nodes: LayoutNode[] = [];
  const edges: LayoutEdge[] = [];
  let y = 0;
  items.forEach((item, i) => {
    shift(item, (width - item.width) / 2, y);
    y += item.height + SIZES.gapY;
    nodes.push(...item.nodes);
    edges.push(...item.edges);
    const next = items[i + 1];
    if (next) for (const exit of item.exits) edges.push(edge(exit, next.entry, depth));
  });
  return {
    nodes,
    edges,
    width,
    height: y - SIZES.gapY,
    entry: items[0]!.entry,
    exits: items[items.length - 1]!.exits,
  };
}

function taskBox(task: WorkflowTask, depth: number): LayoutNode {
  const id = unique(taskNodeId(task.taskReferenceName));
  const ref = task.taskReferenceName;
  const type = task.type ?? 'SIMPLE';
  const refs = GROUP_TYPES.has(type) ? innerRefs(task) : [];
  const group =
    refs.length > 0 ? { collapsed: options.collapsed?.has(ref) === true, refs } : undefined;
  const tall = group?.collapsed === true || options.tall?.has(ref) === true;
  const height = tall ? SIZES.tallH : SIZES.taskH;
  return {
    id,
    kind: 'task',
    x: 0,
    y: 0,
    width: SIZES.taskW,
    height,
    depth,
    task,
    ...(group ? { group } : {}),
  };
}

function slotLabel(slot: Slot): string | undefined {
  if (slot.type === 'case') return slot.caseKey;
  if (slot.type === 'default') return 'default';
  return undefined;
}

/** Lays out a container's child lists side by side under its header node. */
function layoutRow(task: WorkflowTask, header: LayoutNode, depth: number) {
  const slots = childSlots(task);
  const blocks = slots.map((s) => layoutList(getChildList(task, s) ?? [], s, depth));
  const rowW =
    blocks.reduce((w, b) => w + b.width, 0) + SIZES.gapX * Math.max(0, blocks.length - 1);
  const width = Math.max(header.width, rowW);
  const rowH = Math.max(0, ...blocks.map((b) => b.height));
  const top = header.height + SIZES.gapY;
  header.x = (width - header.width) / 2;
  const nodes: LayoutNode[] = [header];
  const edges: LayoutEdge[] = [];
  let x = (width - rowW) / 2;
  blocks.forEach((b, i) => {
    shift(b, x, top);
    x += b.width + SIZES.gapX;
    nodes.push(...b.nodes);
    edges.push(...b.edges);
    const slot = slots[i]!;
    edges.push({
      ...edge({ id: header.id, position: { slot, index: 0 } }, b.entry, depth, slotLabel(slot)),
      anchor: 'target',
    });
  });
  return { nodes, edges, width, height: top + rowH, exits: blocks.flatMap((b) => b.exits) };
}

function layoutTask(task: WorkflowTask, slot: Slot, index: number, depth: number): Block {
  const type = task.type ?? 'SIMPLE';
  const after: Position = { slot, index: index + 1 };
  const header = taskBox(task, depth);
  if (header.group?.collapsed) {
    return {
      nodes: [header],
      edges: [],
      width: header.width,
      height: header.height,
      entry: header.id,
      exits: [{ id: header.id, position: after }],
    };
  }
  if (type === 'FORK_JOIN') {
    const row = layoutRow(task, header, depth);
    const exits = row.exits.length > 0 ? row.exits : [{ id: header.id, position: after }];
    return { ...row, entry: header.id, exits };
  }
  if (type === 'SWITCH' || type === 'DECISION') {
    const row = layoutRow(task, header, depth);
    const mergeId = unique(`merge:${task.taskReferenceName}`);
    const merge: LayoutNode = {
      id: mergeId,
      kind: 'merge',
      x: (row.width - SIZES.merge) / 2,
      y: row.height + SIZES.gapY,
      width: SIZES.merge,
      height: SIZES.merge,
      depth,
    };
    const edges = [...row.edges, ...row.exits.map((e) => edge(e, mergeId, depth))];
    return {
      nodes: [...row.nodes, merge],
      edges,
      width: row.width,
      height: merge.y + SIZES.merge,
      entry: header.id,
      exits: [{ id: mergeId, position: after }],
    };
  }
  if (type === 'DO_WHILE') return layoutLoop(task, header, after, depth);
  return {
    nodes: [header],
    edges: [],
    width: header.width,
    height: header.height,
    entry: header.id,
    exits: [{ id: header.id, position: after }],
  };
}

function layoutLoop(task: WorkflowTask, box: LayoutNode, after: Position, depth: number): Block {
  const loopSlot: Slot = { type: 'loop', parentRef: task.taskReferenceName };
  const body = layoutList(task.loopOver ?? [], loopSlot, depth + 1);
  const width = Math.max(SIZES.taskW + 2 * SIZES.loopPad, body.width + 2 * SIZES.loopPad);
  const bodyTop = SIZES.loopHeader + SIZES.gapY / 2;
  shift(body, (width - body.width) / 2, bodyTop);
  const mergeId = unique(`loopend:${task.taskReferenceName}`);
  const mergeY = bodyTop + body.height + SIZES.gapY / 1.5;
  const merge: LayoutNode = {
    id: mergeId,
    kind: 'merge',
    x: (width - SIZES.merge) / 2,
    y: mergeY,
    width: SIZES.merge,
    height: SIZES.merge,
    depth: depth + 1,
    label: 'repeat while condition holds',
  };
  const height = mergeY + SIZES.merge + SIZES.loopPad + 12;
  Object.assign(box, { kind: 'loop', width, height });
  const edges = [
    ...body.edges,
    edge(
      { id: box.id, handle: 'body', position: { slot: loopSlot, index: 0 } },
      body.entry,
      depth + 1,
    ),
    ...body.exits.map((e) => edge(e, mergeId, depth + 1)),
  ];
  return {
    nodes: [box, ...body.nodes, merge],
    edges,
    width,
    height,
    entry: box.id,
    exits: [{ id: box.id, handle: 'out', position: after }],
  };
}

/** Lays out a whole definition between a start and an end node. */
export function layoutDef(def: WorkflowDef, opts: LayoutOptions = {}): Layout {
  taken = new Set([START_ID, END_ID]);
  options = opts;
  let body: Block;
  try {
    body = layoutList(def.tasks ?? [], ROOT_SLOT, 0);
  } finally {
    taken = null;
    options = {};
  }
  const count = new Map<string, number>();
  for (const n of body.nodes)
    if (n.task) count.set(n.task.taskReferenceName, (count.get(n.task.taskReferenceName) ?? 0) + 1);
  for (const n of body.nodes)
    if (n.task && count.get(n.task.taskReferenceName)! > 1) n.duplicate = true;
  const width = Math.max(body.width, SIZES.terminalW);
  const top = SIZES.terminalH + SIZES.gapY;
  shift(body, (width - body.width) / 2, top);
  const start: LayoutNode = {
    id: START_ID,
    kind: 'start',
    x: (width - SIZES.terminalW) / 2,
    y: 0,
    width: SIZES.terminalW,
    height: SIZES.terminalH,
    depth: 0,
  };
  const endY = top + body.height + SIZES.gapY;
  const end: LayoutNode = { ...start, id: END_ID, kind: 'end', y: endY };
  const edges = [
    edge({ id: START_ID, position: { slot: ROOT_SLOT, index: 0 } }, body.entry, 0),
    ...body.edges,
    ...body.exits.map((e) => edge(e, END_ID, 0)),
  ];
  return { nodes: [start, ...body.nodes, end], edges, width, height: endY + SIZES.terminalH };
}
