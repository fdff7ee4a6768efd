/**
 * Two versions of a definition, task by task (by reference name): added, removed and changed.
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { walkTasks } from '../../designer/model/slots.js';
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

/** A task without its nested task lists (their membership still counts, by reference). */
function ownPart(task: WorkflowTask): unknown {
  const copy: Record<string, unknown> = { ...task };
  for (const key of NESTED) {
    const value = copy[key];
    if (value === undefined) continue;
    if (key === 'decisionCases') {
      copy[key] = Object.fromEntries(
        Object.entries(value as Record<string, WorkflowTask[]>).map(([k, list]) => [
          k,
          list.map((t) => t.taskReferenceName),
        ]),
      );
    } else if (key === 'forkTasks') {
      copy[key] = (value as WorkflowTask[][]).map((b) => b.map((t) => t.taskReferenceName));
    } else {
      copy[key] = (value as WorkflowTask[]).map((t) => t.taskReferenceName);
    }
  }
  return copy;
}

function tasksByRef(def: WorkflowDef): Map<string, string> {
  const map = new Map<string, string>();
  walkTasks(def, ({ task }) => {
    if (!map.has(task.taskReferenceName))
      map.set(task.taskReferenceName, stableJson(ownPart(task)));
  });
  return map;
}

/**
 * Added (only in `newer`), removed (only in `older`) and changed tasks. A task counts as changed
 * when its own settings differ, or which tasks sit in its branches or loop body, in which order;
 * a change deeper down is the nested task's own.
 */
export function versionDiff(older: WorkflowDef, newer: WorkflowDef): VersionDiff {
  const a = tasksByRef(older);
  const b = tasksByRef(newer);
  const added = [...b.keys()].filter((r) => !a.has(r));
  const removed = [...a.keys()].filter((r) => !b.has(r));
  const changed = [...b.keys()].filter((r) => a.has(r) && a.get(r) !== b.get(r));
  const byRef = new Map<string, TaskChange>();
  for (const r of added) byRef.set(r, 'added');
  for (const r of removed) byRef.set(r, 'removed');
  for (const r of changed) byRef.set(r, 'changed');
  return { added, removed, changed, byRef };
}
