/**
 * Immutable edits of nested task lists with structural sharing: untouched tasks keep their identity,
 * which is what lets the canvas skip re-rendering them.
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { childSlots, getChildList, type Slot } from './slots.js';

/** Replaces the child list named by `slot` inside `parent`, returning a new parent. */
export function withChildList(
  parent: WorkflowTask,
  slot: Slot,
  list: WorkflowTask[],
): WorkflowTask {
  switch (slot.type) {
    case 'root':
      return parent;
    case 'branch': {
      const forkTasks = [...(parent.forkTasks ?? [])];
      forkTasks[slot.branch] = list;
      return { ...parent, forkTasks };
    }
    case 'case':
      return { ...parent, decisionCases: { ...parent.decisionCases, [slot.caseKey]: list } };
    case 'default':
      return { ...parent, defaultCase: list };
    case 'loop':
      return { ...parent, loopOver: list };
  }
}

/** Maps the task with reference `ref` wherever it is; returns the same list when nothing changed. */
export function mapTaskInList(
  list: WorkflowTask[],
  ref: string,
  fn: (task: WorkflowTask) => WorkflowTask,
): WorkflowTask[] {
  let changed = false;
  const next = list.map((task) => {
    if (task.taskReferenceName === ref) {
      const mapped = fn(task);
      if (mapped !== task) changed = true;
      return mapped;
    }
    let updated = task;
    for (const slot of childSlots(task)) {
      const child = getChildList(updated, slot);
      if (!child || child.length === 0) continue;
      const mappedChild = mapTaskInList(child, ref, fn);
      if (mappedChild !== child) updated = withChildList(updated, slot, mappedChild);
    }
    if (updated !== task) changed = true;
    return updated;
  });
  return changed ? next : list;
}

/** Maps one task of the definition by reference name. */
export function mapTask(
  def: WorkflowDef,
  ref: string,
  fn: (task: WorkflowTask) => WorkflowTask,
): WorkflowDef {
  const tasks = mapTaskInList(def.tasks ?? [], ref, fn);
  return tasks === def.tasks ? def : { ...def, tasks };
}

/** Replaces the list named by `slot`. */
export function mapSlotList(
  def: WorkflowDef,
  slot: Slot,
  fn: (list: WorkflowTask[]) => WorkflowTask[],
): WorkflowDef {
  if (slot.type === 'root') return { ...def, tasks: fn(def.tasks ?? []) };
  return mapTask(def, slot.parentRef, (parent) =>
    withChildList(parent, slot, fn(getChildList(parent, slot) ?? [])),
  );
}

/** Maps every task (post-order), keeping identity where `fn` returns its argument. */
export function mapAllTasks(
  def: WorkflowDef,
  fn: (task: WorkflowTask) => WorkflowTask,
): WorkflowDef {
  const mapList = (list: WorkflowTask[]): WorkflowTask[] => {
    let changed = false;
    const next = list.map((task) => {
      let updated = task;
      for (const slot of childSlots(task)) {
        const child = getChildList(updated, slot);
        if (!child || child.length === 0) continue;
        const mapped = mapList(child);
        if (mapped !== child) updated = withChildList(updated, slot, mapped);
      }
      updated = fn(updated);
      if (updated !== task) changed = true;
      return updated;
    });
    return changed ? next : list;
  };
  const tasks = mapList(def.tasks ?? []);
  return tasks === def.tasks ? def : { ...def, tasks };
}

/** Splits a task list into units that move together: a fork and the JOIN right after it form one. */
export function toUnits(list: WorkflowTask[]): number[][] {
  const units: number[][] = [];
  for (let i = 0; i < list.length; i++) {
    const type = list[i]?.type;
    const next = list[i + 1];
    if ((type === 'FORK_JOIN' || type === 'FORK_JOIN_DYNAMIC') && next?.type === 'JOIN') {
      units.push([i, i + 1]);
      i++;
    } else {
      units.push([i]);
    }
  }
  return units;
}
