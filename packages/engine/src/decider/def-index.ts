/**
 * Where each WorkflowTask sits in a definition, for next-task resolution
 * (docs/conductor-compatibility.md#next-task-resolution).
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '../model/workflow-def.js';

/** The construct that owns a list of WorkflowTasks. */
export type Container =
  | { type: 'top' }
  | { type: 'case'; owner: WorkflowTask }
  | { type: 'fork'; owner: WorkflowTask }
  | { type: 'loop'; owner: WorkflowTask };

/** A node and the list it belongs to. */
export interface NodeLocation {
  node: WorkflowTask;
  list: WorkflowTask[];
  index: number;
  container: Container;
}

export type DefIndex = Map<string, NodeLocation>;

const CACHE = new WeakMap<WorkflowDef, DefIndex>();

/** Indexes every node of `def` by reference name (nested nodes included). Cached per def object. */
export function indexDefinition(def: WorkflowDef): DefIndex {
  const cached = CACHE.get(def);
  if (cached) return cached;
  const index: DefIndex = new Map();
  addList(index, def.tasks ?? [], { type: 'top' });
  CACHE.set(def, index);
  return index;
}

function addList(index: DefIndex, list: WorkflowTask[], container: Container): void {
  list.forEach((node, i) => {
    if (!index.has(node.taskReferenceName)) {
      index.set(node.taskReferenceName, { node, list, index: i, container });
    }
    for (const branch of Object.values(node.decisionCases ?? {})) {
      addList(index, branch, { type: 'case', owner: node });
    }
    if (node.defaultCase) addList(index, node.defaultCase, { type: 'case', owner: node });
    for (const branch of node.forkTasks ?? [])
      addList(index, branch, { type: 'fork', owner: node });
    if (node.loopOver) addList(index, node.loopOver, { type: 'loop', owner: node });
  });
}

/** Every reference name nested in `nodes` (recursively), for DO_WHILE body bookkeeping. */
export function collectRefs(nodes: WorkflowTask[], into: Set<string> = new Set()): Set<string> {
  for (const node of nodes) {
    into.add(node.taskReferenceName);
    for (const branch of Object.values(node.decisionCases ?? {})) collectRefs(branch, into);
    if (node.defaultCase) collectRefs(node.defaultCase, into);
    for (const branch of node.forkTasks ?? []) collectRefs(branch, into);
    if (node.loopOver) collectRefs(node.loopOver, into);
  }
  return into;
}
