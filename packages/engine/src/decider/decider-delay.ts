/**
 * When the sweeper should next decide a workflow
 * (docs/conductor-compatibility.md#queues-and-the-sweeper): the earliest deadline that the decider
 * will act on (a wait, a task timeout, a response or poll timeout, the workflow timeout), else the
 * default offset; capped at one hour. Deadlines nothing acts on are left out once they have
 * passed: an ALERT_ONLY timeout is due once, to be reported (see executor/core/timeout-alerts.ts), and
 * then only leaves the task running; a system task has no response timeout (see timeouts.ts).
 * Counting a passed one would make the delay 0 for ever, and the sweeper would decide the workflow
 * again and again.
 * @module
 */
import { isTerminalTaskStatus } from '../model/status.js';
import { TASK_DEF_DEFAULTS } from '../model/task-def.js';
import type { Workflow } from '../model/workflow.js';
import { isSystemTask } from './task-kinds.js';
import { LIVE, type TaskTable } from './task-table.js';

/** Conductor's maxPostponeDurationSeconds. */
export const MAX_DECIDER_DELAY_MS = 3_600_000;

/**
 * Milliseconds until the next decide of a RUNNING workflow; null for any other status. `table`, when
 * given, is the task table of `workflow.tasks` (decider/task-table.ts).
 */
export function nextDecideDelayMs(
  workflow: Workflow,
  now: number,
  offsetMs: number,
  table?: TaskTable,
): number | null {
  if (workflow.status !== 'RUNNING') return null;
  let due = now + offsetMs;
  const consider = (deadline: number): void => {
    if (deadline < due) due = deadline;
  };
  const def = workflow.workflowDefinition;
  if ((def.timeoutSeconds ?? 0) > 0 && def.timeoutPolicy === 'TIME_OUT_WF') {
    consider((workflow.lastRetriedTime || workflow.createTime) + (def.timeoutSeconds ?? 0) * 1000);
  }
  const tasks = workflow.tasks ?? [];
  for (let i = 0; i < tasks.length; i += 1) {
    // The table (of workflow.tasks) tells the running tasks without reading the others.
    if (table && ((table.flags[i] ?? 0) & LIVE) === 0) continue;
    const task = tasks[i] as (typeof tasks)[number];
    if (task.retried || isTerminalTaskStatus(task.status)) continue;
    if (task.taskType === 'WAIT' && task.waitTimeout) consider(task.waitTimeout);
    const taskDef = task.taskDefinition;
    if (!taskDef) continue;
    const delayMs = (task.startDelayInSeconds ?? 0) * 1000;
    const callbackMs = task.callbackAfterSeconds * 1000;
    const alertOnly = (taskDef.timeoutPolicy ?? TASK_DEF_DEFAULTS.timeoutPolicy) === 'ALERT_ONLY';
    // An ALERT_ONLY deadline counts until it has passed: the decide at it reports the timeout.
    const timeoutAt = (deadline: number): void => {
      if (!alertOnly || deadline > now) consider(deadline);
    };
    const timeout = taskDef.timeoutSeconds ?? 0;
    if (timeout > 0 && task.startTime > 0) timeoutAt(task.startTime + delayMs + timeout * 1000);
    if (task.status === 'IN_PROGRESS' && task.responseTimeoutSeconds > 0 && !isSystemTask(task)) {
      consider(task.updateTime + task.responseTimeoutSeconds * 1000 + callbackMs);
    }
    const poll = taskDef.pollTimeoutSeconds ?? 0;
    if (task.status === 'SCHEDULED' && poll > 0) {
      timeoutAt(task.scheduledTime + delayMs + poll * 1000 + callbackMs);
    }
  }
  return Math.min(MAX_DECIDER_DELAY_MS, Math.max(0, due - now));
}
