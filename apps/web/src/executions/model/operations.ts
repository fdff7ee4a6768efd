/**
 * Operator actions on one execution (docs/conductor-compatibility.md#operator-actions) as data,
 * which of them apply to the execution's state, and which graph nodes each would touch, so the
 * graph can highlight them before the operator confirms.
 * @module
 */
import type { Task, WorkflowStatus } from '@baton/client';
import { baseRef } from './iterations.js';

/** One operator action. `ref` names the definition node the action targets. */
export type Operation =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'terminate' }
  | { type: 'restart' }
  | { type: 'retry' }
  | { type: 'rerun'; ref: string }
  | { type: 'skip'; ref: string }
  | { type: 'complete'; ref: string }
  | { type: 'fail'; ref: string };

const TERMINAL: ReadonlySet<WorkflowStatus> = new Set([
  'COMPLETED',
  'FAILED',
  'TIMED_OUT',
  'TERMINATED',
]);
const RETRIABLE_ROW = new Set(['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT', 'CANCELED']);
const HUMAN_TYPES = new Set(['HUMAN', 'WAIT']);

/** Rows a retry leaves alone: reset in place (joins, loops) or decided again (forks, switches). */
const NOT_RETRIED = new Set(['JOIN', 'EXCLUSIVE_JOIN', 'DO_WHILE', 'FORK', 'SWITCH', 'DECISION']);

/**
 * The rows a retry gives a new attempt, as the server picks them (Conductor's rule, see
 * docs/conductor-compatibility.md#operator-actions): the latest row of each reference name when it
 * failed, timed out or was canceled, except joins, loops, forks and switches.
 */
export function retriableTasks(tasks: readonly Task[]): Task[] {
  const latest = new Map<string, Task>();
  for (const t of [...tasks].sort((a, b) => a.seq - b.seq)) latest.set(t.referenceTaskName, t);
  return [...latest.values()].filter(
    (t) => RETRIABLE_ROW.has(t.status) && !NOT_RETRIED.has(t.taskType),
  );
}

/**
 * Whether the server accepts a retry: the execution ended, it ran tasks, and one of them can be
 * retried (a TIMED_OUT execution may be retried without one). A COMPLETED execution never can.
 */
export function canRetry(status: WorkflowStatus, tasks: readonly Task[]): boolean {
  if (!TERMINAL.has(status) || tasks.length === 0) return false;
  return status === 'TIMED_OUT' || retriableTasks(tasks).length > 0;
}

/** Whether "retry inside the failed sub-workflow" changes anything: a retried SUB_WORKFLOW row has a child. */
export function canRetryInsideSubWorkflow(tasks: readonly Task[]): boolean {
  return retriableTasks(tasks).some((t) => t.taskType === 'SUB_WORKFLOW' && !!t.subWorkflowId);
}

/**
 * True when the action is allowed for a workflow in `status` (and, for task actions, the task).
 * For retry this is only the status precondition: use canRetry, which also needs the tasks.
 */
export function canApply(
  op: Operation['type'],
  status: WorkflowStatus,
  task?: { type: string; status?: string; exists: boolean },
): boolean {
  switch (op) {
    case 'pause':
      return status === 'RUNNING';
    case 'resume':
      return status === 'PAUSED';
    case 'terminate':
      return status !== 'COMPLETED' && status !== 'TERMINATED';
    case 'restart':
    case 'retry':
      return TERMINAL.has(status);
    case 'rerun':
      return TERMINAL.has(status) && task?.exists === true;
    case 'skip':
      return status === 'RUNNING' && task?.exists === false;
    case 'complete':
    case 'fail':
      return (
        (status === 'RUNNING' || status === 'PAUSED') &&
        task !== undefined &&
        HUMAN_TYPES.has(task.type) &&
        (task.status === 'SCHEDULED' || task.status === 'IN_PROGRESS')
      );
  }
}

/** Latest row per definition ref, by seq. */
function latestRows(tasks: readonly Task[]): Map<string, Task> {
  const out = new Map<string, Task>();
  for (const t of [...tasks].sort((a, b) => a.seq - b.seq))
    out.set(baseRef(t.referenceTaskName), t);
  return out;
}

/**
 * The definition refs an action re-runs, cancels or changes. `allRefs` lists every node of the
 * definition (the graph's task nodes).
 * - restart: everything starts over.
 * - retry: the latest failed/timed-out/canceled rows, and every node that has not completed yet.
 * - rerun from a task: that task, every row scheduled after it, and nodes not run yet.
 * - terminate: the tasks still scheduled or in progress (they get CANCELED).
 * - skip / complete / fail: the one node.
 * - pause / resume: nothing on the graph changes.
 */
export function affectedRefs(
  op: Operation,
  allRefs: readonly string[],
  tasks: readonly Task[],
): Set<string> {
  const latest = latestRows(tasks);
  const notRunYet = allRefs.filter((r) => !latest.has(r));
  switch (op.type) {
    case 'pause':
    case 'resume':
      return new Set();
    case 'restart':
      return new Set(allRefs);
    case 'terminate':
      return new Set(
        [...latest]
          .filter(([, t]) => t.status === 'SCHEDULED' || t.status === 'IN_PROGRESS')
          .map(([r]) => r),
      );
    case 'retry': {
      const failed = [...latest].filter(([, t]) => RETRIABLE_ROW.has(t.status)).map(([r]) => r);
      return new Set([...failed, ...notRunYet]);
    }
    case 'rerun': {
      const target = latest.get(op.ref);
      if (!target) return new Set([op.ref]);
      const later = [...latest].filter(([, t]) => t.seq > target.seq).map(([r]) => r);
      return new Set([op.ref, ...later, ...notRunYet]);
    }
    case 'skip':
    case 'complete':
    case 'fail':
      return new Set([op.ref]);
  }
}
