/**
 * "What will run again": the tasks an operator action on a failed run keeps, runs again, or may
 * run once the flow reaches them. It follows the engine's own rules
 * (`packages/engine/src/executor/requests/recovery.ts`):
 *
 * - **rerun from a task** (Conductor's `POST /workflow/{id}/rerun` with `reRunFromTaskId`): the
 *   run's own frozen definition; tasks scheduled after the chosen one are deleted and run again,
 *   the chosen one runs again, earlier failed tasks are reset and run again, and earlier successful
 *   tasks keep their output;
 * - **restart with the latest definition** (`POST /workflow/{id}/restart?useLatestDefinitions=true`):
 *   every task is deleted and the run starts over on the latest stored version.
 * @module
 */
import {
  isSuccessfulTaskStatus,
  isTerminalTaskStatus,
  type Task,
  type WorkflowDef,
} from '@baton/engine';
import { allRefs } from '../../designer/model/slots.js';
import { bySeq, defRefOf } from './run-rows.js';

/** The tasks of a definition, sorted by what an action does to them (definition references). */
export interface RerunPlan {
  action: 'rerun' | 'restart';
  /** Tasks that ran before and will run again (in the order they ran). */
  again: string[];
  /** Successful tasks whose output is kept (rerun only). */
  kept: string[];
  /** Tasks of the definition the old run never reached: they run if the flow gets there. */
  ifReached: string[];
}

/** Definition references in the order the run first scheduled them, each once. */
function orderedRefs(rows: readonly Task[], defRefs: ReadonlySet<string>): string[] {
  const seen: string[] = [];
  for (const t of rows) {
    const ref = defRefOf(t.referenceTaskName, defRefs);
    if (defRefs.has(ref) && !seen.includes(ref)) seen.push(ref);
  }
  return seen;
}

/** The definition's references the lists do not mention, in definition order. */
function rest(def: WorkflowDef, ...lists: string[][]): string[] {
  const used = new Set(lists.flat());
  return [...allRefs(def)].filter((r) => !used.has(r));
}

/**
 * Rerun from the task `taskId` of a run (its frozen definition `def`, its task rows `tasks`).
 * Returns null when the run holds no such task.
 */
export function rerunFromTaskPlan(
  def: WorkflowDef,
  tasks: readonly Task[],
  taskId: string,
): RerunPlan | null {
  const target = tasks.find((t) => t.taskId === taskId);
  if (!target) return null;
  const defRefs = allRefs(def);
  const rows = bySeq(tasks);
  const againRows: Task[] = [];
  const keptRows: Task[] = [];
  for (const t of rows) {
    if (t.taskId === target.taskId || t.seq > target.seq) againRows.push(t);
    else if (isTerminalTaskStatus(t.status) && !isSuccessfulTaskStatus(t.status) && !t.retried)
      againRows.push(t);
    else if (!t.retried) keptRows.push(t);
  }
  const again = orderedRefs(againRows, defRefs);
  // A loop whose later iteration runs again is not "kept" as a whole.
  const kept = orderedRefs(keptRows, defRefs).filter((r) => !again.includes(r));
  return { action: 'rerun', again, kept, ifReached: rest(def, again, kept) };
}

/**
 * Restart on `latest` (the definition the run will use): every task the old run reached that the
 * new definition still has runs again; the others run if reached.
 */
export function restartPlan(latest: WorkflowDef, tasks: readonly Task[]): RerunPlan {
  const defRefs = allRefs(latest);
  const again = orderedRefs(bySeq(tasks), defRefs);
  return { action: 'restart', again, kept: [], ifReached: rest(latest, again) };
}

/** The failed task a debugging session starts on: the latest failed row that was not retried. */
export function failedTask(tasks: readonly Task[]): Task | null {
  const failed = bySeq(tasks).filter(
    (t) => isTerminalTaskStatus(t.status) && !isSuccessfulTaskStatus(t.status) && !t.retried,
  );
  return failed.at(-1) ?? null;
}
