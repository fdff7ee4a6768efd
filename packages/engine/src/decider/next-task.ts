/**
 * Structural next-task resolution (docs/conductor-compatibility.md#next-task-resolution): what runs
 * after a task finishes.
 * @module
 */
import type { Task } from '../model/task.js';
import type { WorkflowTask } from '../model/workflow-def.js';
import type { NodeLocation } from './def-index.js';
import { baseRef, suffixOf, withSuffix } from './refs.js';
import type { MapContext } from './task-factory.js';
import { selectedBranch } from './tasks/switch.js';

/**
 * The node to schedule after `task` (same loop suffix as `task`), or null. A SWITCH continues with
 * its selected case; the end of a case continues after the SWITCH; the end of a fork branch reaches
 * the JOIN; the end of a loop body returns to the DO_WHILE (null: the loop decides). Nodes with a
 * SKIPPED row are passed over.
 */
export function nextNode(m: MapContext, task: Task): WorkflowTask | null {
  if (task.taskType === 'TERMINATE') return null;
  const location = m.index.get(baseRef(task.referenceTaskName));
  if (!location) return null;
  const suffix = suffixOf(task.referenceTaskName);
  if (task.taskType === 'SWITCH' || task.taskType === 'DECISION') {
    const first = selectedBranch(task)[0];
    if (first) return passSkipped(m, first, suffix);
  }
  return after(m, location, suffix);
}

/**
 * Every node to (re)schedule after `task`: its structural next node, and for a static FORK also
 * the first task of each branch, so a rerun that deleted part of a fork schedules it again (rows
 * that already exist are left alone by the caller).
 */
export function nextNodes(m: MapContext, task: Task): WorkflowTask[] {
  const next = nextNode(m, task);
  if (task.taskType !== 'FORK' || task.workflowTask.type !== 'FORK_JOIN') return next ? [next] : [];
  const suffix = suffixOf(task.referenceTaskName);
  const firsts = (task.workflowTask.forkTasks ?? [])
    .map((branch) => (branch[0] ? passSkipped(m, branch[0], suffix) : null))
    .filter((n): n is WorkflowTask => n !== null);
  return next ? [...firsts, next] : firsts;
}

/** The first top-level node that has no SKIPPED row, or null. */
export function firstNode(m: MapContext, first: WorkflowTask | undefined): WorkflowTask | null {
  return first ? passSkipped(m, first, '') : null;
}

function after(m: MapContext, location: NodeLocation, suffix: string): WorkflowTask | null {
  const next = location.list[location.index + 1];
  if (next) return passSkipped(m, next, suffix);
  const container = location.container;
  if (container.type === 'top' || container.type === 'loop') return null;
  const owner = m.index.get(container.owner.taskReferenceName);
  return owner ? after(m, owner, suffix) : null;
}

function passSkipped(m: MapContext, node: WorkflowTask, suffix: string): WorkflowTask | null {
  const row = m.draft.byRef(withSuffix(node.taskReferenceName, suffix));
  if (row?.status !== 'SKIPPED') return node;
  const location = m.index.get(node.taskReferenceName);
  return location ? after(m, location, suffix) : null;
}
