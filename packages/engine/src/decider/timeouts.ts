/**
 * Task and workflow timeouts (docs/conductor-compatibility.md#timeouts), detected when decide runs.
 * @module
 */
import type { Task } from '../model/task.js';
import { TASK_DEF_DEFAULTS, type TaskTimeoutPolicy } from '../model/task-def.js';
import type { Workflow } from '../model/workflow.js';
import { endPatch } from './task-factory.js';
import { TerminateSignal } from './outcome.js';
import { isSystemTask } from './task-kinds.js';

/** A timed-out task: the patch to apply and whether the whole workflow times out at once. */
export interface TaskTimeout {
  patch: Partial<Task>;
  timeOutWorkflow: boolean;
}

/** Checks timeoutSeconds, pollTimeoutSeconds and responseTimeoutSeconds of a non-terminal task. */
export function checkTaskTimeouts(task: Task, now: number): TaskTimeout | null {
  const def = task.taskDefinition;
  if (!def) return null;
  const policy = def.timeoutPolicy ?? TASK_DEF_DEFAULTS.timeoutPolicy;
  const timeout = def.timeoutSeconds ?? 0;
  const startDelayMs = (task.startDelayInSeconds ?? 0) * 1000;
  if (timeout > 0 && task.startTime > 0 && policy !== 'ALERT_ONLY') {
    const elapsed = now - (task.startTime + startDelayMs);
    if (elapsed >= timeout * 1000) {
      const reason = `Task timed out after ${Math.floor(elapsed / 1000)} seconds. Timeout configured as ${timeout} seconds. Timeout policy configured to ${policy}`;
      return timedOut(now, reason, policy === 'TIME_OUT_WF');
    }
  }
  const pollTimeout = def.pollTimeoutSeconds;
  if (task.status === 'SCHEDULED' && pollTimeout && pollTimeout > 0 && policy !== 'ALERT_ONLY') {
    const elapsed = now - (task.scheduledTime + startDelayMs);
    if (elapsed >= (pollTimeout + task.callbackAfterSeconds) * 1000) {
      const reason = `Task poll timed out after ${Math.floor(elapsed / 1000)} seconds. Poll timeout configured as ${pollTimeout} seconds. Timeout policy configured to ${policy}`;
      return timedOut(now, reason, policy === 'TIME_OUT_WF');
    }
  }
  const response = task.responseTimeoutSeconds;
  if (task.status === 'IN_PROGRESS' && response > 0 && !isSystemTask(task)) {
    if (now - task.updateTime >= (response + task.callbackAfterSeconds) * 1000) {
      const reason = `responseTimeout: ${response} exceeded for the taskId: ${task.taskId} with Task Definition: ${task.taskDefName}`;
      return timedOut(now, reason, false);
    }
  }
  return null;
}

/**
 * The policy of a timeoutSeconds or pollTimeoutSeconds deadline of a non-terminal task that has
 * passed at `now`, whatever the policy (Conductor counts every such timeout, ALERT_ONLY ones
 * included, while only RETRY and TIME_OUT_WF end the task); null when none has passed.
 */
export function passedTimeoutPolicy(task: Task, now: number): TaskTimeoutPolicy | null {
  const def = task.taskDefinition;
  if (!def) return null;
  const policy = def.timeoutPolicy ?? TASK_DEF_DEFAULTS.timeoutPolicy;
  const startDelayMs = (task.startDelayInSeconds ?? 0) * 1000;
  const timeout = def.timeoutSeconds ?? 0;
  if (
    timeout > 0 &&
    task.startTime > 0 &&
    now - (task.startTime + startDelayMs) >= timeout * 1000
  ) {
    return policy;
  }
  const poll = def.pollTimeoutSeconds ?? 0;
  if (task.status === 'SCHEDULED' && poll > 0) {
    const elapsed = now - (task.scheduledTime + startDelayMs);
    if (elapsed >= (poll + task.callbackAfterSeconds) * 1000) return policy;
  }
  return null;
}

function timedOut(now: number, reason: string, timeOutWorkflow: boolean): TaskTimeout {
  return { patch: endPatch(now, 'TIMED_OUT', { reasonForIncompletion: reason }), timeOutWorkflow };
}

/** Throws TIMED_OUT when the workflow's TIME_OUT_WF timeout has passed (ALERT_ONLY never fires). */
export function checkWorkflowTimeout(workflow: Workflow, now: number): void {
  const def = workflow.workflowDefinition;
  const timeout = def.timeoutSeconds ?? 0;
  if (timeout <= 0 || (def.timeoutPolicy ?? 'ALERT_ONLY') !== 'TIME_OUT_WF') return;
  const elapsed = now - (workflow.lastRetriedTime || workflow.createTime);
  if (elapsed >= timeout * 1000) {
    throw new TerminateSignal(
      'TIMED_OUT',
      `Workflow timed out after ${Math.floor(elapsed / 1000)} seconds. Timeout configured as ${timeout} seconds. Timeout policy configured to TIME_OUT_WF`,
    );
  }
}
