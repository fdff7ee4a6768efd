/**
 * The designer's edits as data: every canvas, inspector, keyboard or JSON edit is a DesignerChange,
 * folded into the WorkflowDef (the source of truth) by pure functions.
 * @module
 */
import { renameRefUses } from './ref-names.js';
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { findTask, type Position, walkTasks } from './slots.js';
import { mapAllTasks, mapSlotList, mapTask, toUnits } from './tree-edit.js';
import { syncJoins } from './sync-joins.js';

/** One edit of a workflow definition. */
export type DesignerChange =
  | { type: 'insertTasks'; position: Position; tasks: WorkflowTask[] }
  | { type: 'removeTask'; ref: string }
  | { type: 'moveTask'; ref: string; delta: -1 | 1 }
  | { type: 'replaceTask'; ref: string; task: WorkflowTask }
  | { type: 'addBranch'; ref: string }
  | { type: 'removeBranch'; ref: string; branch: number }
  | { type: 'addCase'; ref: string; caseKey: string }
  | { type: 'removeCase'; ref: string; caseKey: string }
  | { type: 'renameCase'; ref: string; from: string; to: string }
  | { type: 'updateWorkflow'; patch: Partial<WorkflowDef> }
  | { type: 'replaceDef'; def: WorkflowDef }
  /** Rewrites every `${from…}` expression to read `to` (after a reference-name change). */
  | { type: 'renameRefUses'; from: string; to: string };

/** Applies changes in order. Structural edits keep fork JOINs' joinOn in step with their branches. */
export function applyChanges(def: WorkflowDef, changes: readonly DesignerChange[]): WorkflowDef {
  return changes.reduce(applyChange, def);
}

function applyChange(def: WorkflowDef, change: DesignerChange): WorkflowDef {
  switch (change.type) {
    case 'replaceDef':
      return change.def;
    case 'updateWorkflow':
      return { ...def, ...change.patch };
    case 'replaceTask':
      return replaceTask(def, change.ref, change.task);
    case 'renameRefUses':
      return renameRefUses(def, change.from, change.to);
    default:
      return syncJoins(def, applyStructural(def, change));
  }
}

function applyStructural(def: WorkflowDef, change: DesignerChange): WorkflowDef {
  switch (change.type) {
    case 'insertTasks':
      return mapSlotList(def, change.position.slot, (list) => {
        const at = Math.max(0, Math.min(change.position.index, list.length));
        return [...list.slice(0, at), ...change.tasks, ...list.slice(at)];
      });
    case 'removeTask':
      return removeTask(def, change.ref);
    case 'moveTask':
      return moveTask(def, change.ref, change.delta);
    case 'addBranch':
      return mapTask(def, change.ref, (t) => ({ ...t, forkTasks: [...(t.forkTasks ?? []), []] }));
    case 'removeBranch':
      return mapTask(def, change.ref, (t) => ({
        ...t,
        forkTasks: (t.forkTasks ?? []).filter((_, i) => i !== change.branch),
      }));
    case 'addCase':
      return mapTask(def, change.ref, (t) =>
        t.decisionCases && change.caseKey in t.decisionCases
          ? t
          : { ...t, decisionCases: { ...t.decisionCases, [change.caseKey]: [] } },
      );
    case 'removeCase':
      return mapTask(def, change.ref, (t) => {
        const { [change.caseKey]: _removed, ...rest } = t.decisionCases ?? {};
        return { ...t, decisionCases: rest };
      });
    case 'renameCase':
      return mapTask(def, change.ref, (t) => {
        const cases = t.decisionCases ?? {};
        if (change.to === change.from || change.to in cases) return t;
        const renamed = Object.fromEntries(
          Object.entries(cases).map(([k, v]) => [k === change.from ? change.to : k, v]),
        );
        return { ...t, decisionCases: renamed };
      });
    default:
      return def;
  }
}

function removeTask(def: WorkflowDef, ref: string): WorkflowDef {
  const loc = findTask(def, ref);
  if (!loc) return def;
  return mapSlotList(def, loc.slot, (list) => {
    const unit = toUnits(list).find((u) => u.includes(loc.index)) ?? [loc.index];
    // Removing a fork removes its JOIN too; removing only the JOIN leaves the fork.
    const drop = loc.task.type === 'JOIN' ? [loc.index] : unit;
    return list.filter((_, i) => !drop.includes(i));
  });
}

function moveTask(def: WorkflowDef, ref: string, delta: -1 | 1): WorkflowDef {
  const loc = findTask(def, ref);
  if (!loc) return def;
  return mapSlotList(def, loc.slot, (list) => {
    const units = toUnits(list);
    const at = units.findIndex((u) => u.includes(loc.index));
    const to = at + delta;
    if (at < 0 || to < 0 || to >= units.length) return list;
    const swapped = [...units];
    [swapped[at], swapped[to]] = [swapped[to]!, swapped[at]!];
    return swapped.flat().map((i) => list[i]!);
  });
}

/**
 * Replaces a task; a changed reference name is also renamed in every joinOn list. Renaming a fork
 * renames its JOIN too while that still has the name the designer gave it (`<fork>_join`).
 */
function replaceTask(def: WorkflowDef, ref: string, task: WorkflowTask): WorkflowDef {
  const renamed = renameRef(def, ref, task);
  const newRef = task.taskReferenceName;
  if (newRef === ref || (task.type !== 'FORK_JOIN' && task.type !== 'FORK_JOIN_DYNAMIC'))
    return renamed;
  const loc = findTask(def, ref);
  const join = loc?.siblings[loc.index + 1];
  const oldJoin = `${ref}_join`;
  const newJoin = `${newRef}_join`;
  if (join?.type !== 'JOIN' || join.taskReferenceName !== oldJoin || findTask(renamed, newJoin))
    return renamed;
  return renameRef(renamed, oldJoin, {
    ...join,
    taskReferenceName: newJoin,
    name: join.name === oldJoin ? newJoin : join.name,
  });
}

/** Puts `task` in the place of `ref`; a changed reference name is renamed in every joinOn list. */
function renameRef(def: WorkflowDef, ref: string, task: WorkflowTask): WorkflowDef {
  const replaced = mapTask(def, ref, () => task);
  const newRef = task.taskReferenceName;
  if (newRef === ref) return replaced;
  return mapAllTasks(replaced, (t) => {
    const rename = (refs: string[] | undefined) =>
      refs?.includes(ref) ? refs.map((r) => (r === ref ? newRef : r)) : refs;
    const joinOn = rename(t.joinOn);
    const defaults = rename(t.defaultExclusiveJoinTask);
    if (joinOn === t.joinOn && defaults === t.defaultExclusiveJoinTask) return t;
    return { ...t, joinOn, defaultExclusiveJoinTask: defaults };
  });
}

/** Counts the tasks of a definition, nested ones included. */
export function countTasks(def: WorkflowDef): number {
  let n = 0;
  walkTasks(def, () => n++);
  return n;
}
