/**
 * Where a task lives in a nested WorkflowDef: a slot (the task list it belongs to) and an index.
 * Every change and every insertion point on the canvas is expressed with these values.
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';

/** A task list inside a definition: the top level, a fork branch, a switch case, a default case or a loop body. */
export type Slot =
  | { type: 'root' }
  | { type: 'branch'; parentRef: string; branch: number }
  | { type: 'case'; parentRef: string; caseKey: string }
  | { type: 'default'; parentRef: string }
  | { type: 'loop'; parentRef: string };

/** An insertion point: before `index` in the list named by `slot`. */
export interface Position {
  slot: Slot;
  index: number;
}

/** A task found in a definition, with where it lives and its JSON path. */
export interface TaskLocation {
  task: WorkflowTask;
  slot: Slot;
  index: number;
  /** JSON path segments from the definition root, e.g. `['tasks', 2, 'forkTasks', 0, 1]`. */
  path: (string | number)[];
  /** Refs of the containers enclosing the task, outermost first. */
  ancestors: string[];
  /** The list the task is in (its siblings, itself included). */
  siblings: WorkflowTask[];
}

/** The root slot. */
export const ROOT_SLOT: Slot = { type: 'root' };

/** Returns the task list named by `slot`, or undefined when the parent is missing. */
export function getSlotList(def: WorkflowDef, slot: Slot): WorkflowTask[] | undefined {
  if (slot.type === 'root') return def.tasks;
  const parent = findTask(def, slot.parentRef)?.task;
  if (!parent) return undefined;
  return getChildList(parent, slot);
}

/** Returns the child list of `parent` named by a non-root slot. */
export function getChildList(parent: WorkflowTask, slot: Slot): WorkflowTask[] | undefined {
  switch (slot.type) {
    case 'root':
      return undefined;
    case 'branch':
      return parent.forkTasks?.[slot.branch];
    case 'case':
      return parent.decisionCases?.[slot.caseKey];
    case 'default':
      return parent.defaultCase ?? [];
    case 'loop':
      return parent.loopOver ?? [];
  }
}

/** Lists the child slots of a task, in display order (cases in definition order, default last). */
export function childSlots(task: WorkflowTask): Slot[] {
  const ref = task.taskReferenceName;
  const type = task.type ?? 'SIMPLE';
  if (type === 'FORK_JOIN') {
    return (task.forkTasks ?? []).map((_, branch) => ({ type: 'branch', parentRef: ref, branch }));
  }
  if (type === 'SWITCH' || type === 'DECISION') {
    const cases: Slot[] = Object.keys(task.decisionCases ?? {}).map((caseKey) => ({
      type: 'case',
      parentRef: ref,
      caseKey,
    }));
    return [...cases, { type: 'default', parentRef: ref }];
  }
  if (type === 'DO_WHILE') return [{ type: 'loop', parentRef: ref }];
  return [];
}

/** JSON path segments of a child slot relative to its parent task. */
export function slotPathSegments(slot: Slot): (string | number)[] {
  switch (slot.type) {
    case 'root':
      return ['tasks'];
    case 'branch':
      return ['forkTasks', slot.branch];
    case 'case':
      return ['decisionCases', slot.caseKey];
    case 'default':
      return ['defaultCase'];
    case 'loop':
      return ['loopOver'];
  }
}

/** Calls `visit` for every task in definition order (depth first, a container before its children). */
export function walkTasks(def: WorkflowDef, visit: (loc: TaskLocation) => void): void {
  const walkList = (
    list: WorkflowTask[],
    slot: Slot,
    base: (string | number)[],
    ancestors: string[],
  ) => {
    list.forEach((task, index) => {
      const path = [...base, index];
      visit({ task, slot, index, path, ancestors, siblings: list });
      for (const child of childSlots(task)) {
        const childList = getChildList(task, child) ?? [];
        walkList(
          childList,
          child,
          [...path, ...slotPathSegments(child)],
          [...ancestors, task.taskReferenceName],
        );
      }
    });
  };
  walkList(def.tasks ?? [], ROOT_SLOT, ['tasks'], []);
}

/** Finds a task by reference name anywhere in the definition. */
export function findTask(def: WorkflowDef, ref: string): TaskLocation | undefined {
  let found: TaskLocation | undefined;
  walkTasks(def, (loc) => {
    if (!found && loc.task.taskReferenceName === ref) found = loc;
  });
  return found;
}

/** Every task reference name in the definition, nested ones included. */
export function allRefs(def: WorkflowDef): Set<string> {
  const refs = new Set<string>();
  walkTasks(def, ({ task }) => refs.add(task.taskReferenceName));
  return refs;
}

/** True when two slots name the same list. */
export function isSameSlot(a: Slot, b: Slot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Formats a JSON path the way validation issues spell it: `tasks[2].forkTasks[0][1]`. */
export function formatPath(path: (string | number)[]): string {
  return path
    .map((seg, i) =>
      typeof seg === 'number'
        ? `[${seg}]`
        : /^[A-Za-z_$][\w$]*$/.test(seg)
          ? `${i === 0 ? '' : '.'}${seg}`
          : `[${JSON.stringify(seg)}]`,
    )
    .join('');
}
