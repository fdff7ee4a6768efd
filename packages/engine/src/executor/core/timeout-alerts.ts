/**
 * Reporting task timeouts to the executor's listeners (the server counts them as
 * `baton_task_timeout_total` and logs them; docs/conductor-compatibility.md#timeouts). Each passed
 * timeout of a task is reported once per process: an ALERT_ONLY timeout leaves the task running,
 * and reporting it on every later decide would make the count depend on how often the workflow
 * happens to be decided.
 * @module
 */
import { LIVE, type TaskTable } from '../../decider/task-table.js';
import { passedTimeoutPolicy } from '../../decider/timeouts.js';
import { isTerminalTaskStatus } from '../../model/status.js';
import type { Task } from '../../model/task.js';
import type { TaskTimeoutPolicy } from '../../model/task-def.js';
import type { Workflow } from '../../model/workflow.js';
import type { Engine } from './engine.js';

/** A task whose timeoutSeconds or pollTimeoutSeconds passed. */
export interface TaskTimeoutAlert {
  workflowId: string;
  workflowName: string;
  taskId: string;
  taskType: string;
  taskDefName: string;
  referenceTaskName: string;
  /** ALERT_ONLY: only this report; RETRY and TIME_OUT_WF: the task is also TIMED_OUT. */
  policy: TaskTimeoutPolicy;
  /** Epoch ms when the timeout was found. */
  time: number;
}

export type TaskTimeoutListener = (alert: TaskTimeoutAlert) => void;

const MAX_REPORTED = 50_000;

/**
 * Reports each task of `workflow` whose timeout has passed at `now` and was not reported yet;
 * `table`, when given, is the task table of `workflow.tasks`.
 */
export function reportTimeouts(
  engine: Engine,
  workflow: Workflow,
  table?: TaskTable,
  now: number = engine.deps.clock.now(),
): void {
  if (engine.timeoutListeners.size === 0) return;
  for (let i = 0; i < workflow.tasks.length; i += 1) {
    // The table (of workflow.tasks) tells the running tasks without reading the others.
    if (table && ((table.flags[i] ?? 0) & LIVE) === 0) continue;
    const task = workflow.tasks[i] as Task;
    if (task.retried || isTerminalTaskStatus(task.status)) continue;
    const policy = passedTimeoutPolicy(task, now);
    if (policy === null || engine.reportedTimeouts.has(task.taskId)) continue;
    if (engine.reportedTimeouts.size >= MAX_REPORTED) engine.reportedTimeouts.clear();
    engine.reportedTimeouts.add(task.taskId);
    const alert: TaskTimeoutAlert = {
      workflowId: workflow.workflowId,
      workflowName: workflow.workflowName,
      taskId: task.taskId,
      taskType: task.taskType,
      taskDefName: task.taskDefName,
      referenceTaskName: task.referenceTaskName,
      policy,
      time: now,
    };
    for (const listener of engine.timeoutListeners) {
      try {
        listener(alert);
      } catch {
        // A listener's failure must not fail the decide.
      }
    }
  }
}
