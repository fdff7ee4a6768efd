/**
 * Two versions of a definition, task by task (by reference name): added, removed and changed.
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { allRefs, walkTasks } from '../../designer/model/slots.js';
import { stableJson } from './compare-runs.js';

/** How a task changed from the older to the newer version. */
export type TaskChange = 'added' | 'removed' | 'changed';

/** The tasks that differ; unchanged ones are left out. */
export interface VersionDiff {
  added: string[];
  removed: string[];
  changed: string[];
  /** Every differing reference with its change. */
  byRef: Map<string, TaskChange>;
}

/** Lists of nested tasks: a change inside a SWITCH is the nested task's, not the SWITCH's. */
const NESTED = ['decisionCases', 'defaultCase', 'forkTasks', 'loopOver'] as const;

/**
 * A task without its nested task lists: their membership still counts, by reference, but only of
 * tasks `shared` by both versions (an added or removed task is its own change, not its parent's).
 */
function ownPart(task: WorkflowTask, shared: (ref: string) => boolean): unknown {
  const copy: Record<string, unknown> = { ...task };
  const refs = (list: WorkflowTask[]) =>
    list.map((t) => t.taskReferenceName).filter((ref) => shared(ref));
  for (const key of NESTED) {
    const value = copy[key];
    if (value === undefined) continue;
    if (key === 'decisionCases') {
      copy[key] = Object.fromEntries(
        Object.entries(value as Record<string, WorkflowTask[]>).map(([k, list]) => [k, refs(list)]),
      );
    } else if (key === 'forkTasks') {
      copy[key] = (value as WorkflowTask[][]).map(refs);
    } else {
      copy[key] = refs(value as WorkflowTask[]);
    }
  }
  return copy;
}

function tasksByRef(def: WorkflowDef, shared: (ref: string) => boolean): Map<string, string> {
  const map = new Map<string, string>();
  walkTasks(def, ({ task }) => {
    if (!map.has(task.taskReferenceName))
      map.set(task.taskReferenceName, stableJson(ownPart(task, shared)));
  });
  return map;
}

/**
 * Added (only in `newer`), removed (only in `older`) and changed tasks. A task counts as changed
 * when its own settings differ, or which of the tasks both versions have sit in its branches or
 * loop body, in which order (a task moved to another branch changes its SWITCH); a change deeper
 * down, or a task added or removed there, is the nested task's own.
 */
export function versionDiff(older: WorkflowDef, newer: WorkflowDef): VersionDiff {
  const inOlder = allRefs(older);
  const inNewer = allRefs(newer);
  const shared = (ref: string) => inOlder.has(ref) && inNewer.has(ref);
  const a = tasksByRef(older, shared);
  const b = tasksByRef(newer, shared);
  const added = [...b.keys()].filter((r) => !a.has(r));
  const removed = [...a.keys()].filter((r) => !b.has(r));
  const changed = [...b.keys()].filter((r) => a.has(r) && a.get(r) !== b.get(r));
  const byRef = new Map<string, TaskChange>();
  for (const r of added) byRef.set(r, 'added');
  for (const r of removed) byRef.set(r, 'removed');
  for (const r of changed) byRef.set(r, 'changed');
  return { added, removed, changed, byRef };
}
