/**
 * Copy/paste and duplicate as Conductor JSON: serialising tasks, parsing pasted text, giving pasted
 * tasks fresh reference names, and choosing where new tasks go.
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { createRefMaker } from './task-catalog.js';
import {
  allRefs,
  childSlots,
  findTask,
  getChildList,
  getSlotList,
  type Position,
  ROOT_SLOT,
} from './slots.js';
import { toUnits, withChildList } from './tree-edit.js';

/** What pasted text turned out to be. */
export type PastedContent =
  | { type: 'tasks'; tasks: WorkflowTask[] }
  | { type: 'workflow'; def: WorkflowDef }
  | { type: 'none' };

const isTask = (v: unknown): v is WorkflowTask =>
  typeof v === 'object' && v !== null && typeof (v as WorkflowTask).taskReferenceName === 'string';

/** Reads clipboard text: a WorkflowDef, a WorkflowTask, or an array of tasks. */
export function parsePasted(text: string): PastedContent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { type: 'none' };
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isTask))
    return { type: 'tasks', tasks: value };
  if (isTask(value)) return { type: 'tasks', tasks: [value] };
  if (typeof value === 'object' && value !== null && Array.isArray((value as WorkflowDef).tasks))
    return { type: 'workflow', def: value as WorkflowDef };
  return { type: 'none' };
}

/** The tasks copied for a selection: a fork is copied with its JOIN. */
export function tasksToCopy(def: WorkflowDef, ref: string): WorkflowTask[] {
  const loc = findTask(def, ref);
  if (!loc) return [];
  const list = getSlotList(def, loc.slot) ?? [];
  const unit = toUnits(list).find((u) => u.includes(loc.index)) ?? [loc.index];
  const indexes = loc.task.type === 'JOIN' ? [loc.index] : unit;
  return indexes.map((i) => list[i]!);
}

/** Gives `tasks` (and everything nested) reference names not used in `def`; joinOn follows. */
export function withFreshRefs(def: WorkflowDef, tasks: WorkflowTask[]): WorkflowTask[] {
  const makeRef = createRefMaker(allRefs(def));
  const renamed = new Map<string, string>();
  const rename = (list: WorkflowTask[]): WorkflowTask[] =>
    list.map((task) => {
      const ref = makeRef(task.taskReferenceName.replace(/_\d+$/, '') || 'task');
      renamed.set(task.taskReferenceName, ref);
      let next: WorkflowTask = { ...task, taskReferenceName: ref };
      for (const slot of childSlots(task))
        next = withChildList(next, slot, rename(getChildList(task, slot) ?? []));
      return next;
    });
  const fix = (list: WorkflowTask[]): WorkflowTask[] =>
    list.map((task) => {
      let next: WorkflowTask = task;
      if (task.joinOn) next = { ...next, joinOn: task.joinOn.map((r) => renamed.get(r) ?? r) };
      for (const slot of childSlots(task))
        next = withChildList(next, slot, fix(getChildList(task, slot) ?? []));
      return next;
    });
  return fix(rename(tasks));
}

/** Where a new task goes: after the selected task (after its JOIN for a fork), else at the end. */
export function insertionAfter(def: WorkflowDef, ref: string | null): Position {
  const loc = ref ? findTask(def, ref) : undefined;
  if (!loc) return { slot: ROOT_SLOT, index: def.tasks?.length ?? 0 };
  const list = getSlotList(def, loc.slot) ?? [];
  const unit = toUnits(list).find((u) => u.includes(loc.index)) ?? [loc.index];
  return { slot: loc.slot, index: Math.max(...unit) + 1 };
}
