/**
 * Task retries (docs/conductor-compatibility.md#retries): a new attempt row, COMPLETED_WITH_ERRORS
 * for an optional task with no attempt left, or the end of the workflow.
 * @module
 */
import { isRetriableTaskStatus } from '../model/status.js';
import type { Task } from '../model/task.js';
import { TASK_DEF_DEFAULTS, type TaskDef } from '../model/task-def.js';
import { TerminateSignal } from './outcome.js';
import type { MapContext } from './task-factory.js';
import { isBuiltInTask } from './task-kinds.js';

const MAX_INT = 2_147_483_647;

/** Seconds before the attempt after one with `retryCount` may run (FIXED, LINEAR, EXPONENTIAL). */
export function retryDelaySeconds(def: TaskDef | null | undefined, retryCount: number): number {
  if (!def) return 0;
  const base = def.retryDelaySeconds ?? TASK_DEF_DEFAULTS.retryDelaySeconds;
  let delay: number;
  switch (def.retryLogic ?? 'FIXED') {
    case 'LINEAR_BACKOFF':
      delay = base * (def.backoffScaleFactor ?? 1) * (retryCount + 1);
      break;
    case 'EXPONENTIAL_BACKOFF':
      delay = base * 2 ** retryCount;
      break;
    default:
      delay = base;
  }
  delay = Math.min(delay, MAX_INT);
  const cap = def.maxRetryDelaySeconds ?? 0;
  return cap > 0 ? Math.min(delay, cap) : delay;
}

/** How many retries a task allows: the node's retryCount, else its TaskDef's; 0 without a TaskDef. */
export function allowedRetries(task: Task): number {
  const fromNode = task.workflowTask?.retryCount;
  if (fromNode !== null && fromNode !== undefined) return fromNode;
  const def = task.taskDefinition;
  return def ? (def.retryCount ?? TASK_DEF_DEFAULTS.retryCount) : 0;
}

/**
 * Handles a terminal, unsuccessful task: schedules a new attempt (marking this one retried), or
 * turns an optional task into COMPLETED_WITH_ERRORS, or throws a TerminateSignal.
 */
export function retryOrFail(m: MapContext, task: Task): void {
  const { draft, ctx } = m;
  const canRetry =
    isRetriableTaskStatus(task.status) &&
    !isBuiltInTask(task) &&
    task.retryCount < allowedRetries(task);
  if (canRetry) {
    const delay = retryDelaySeconds(task.taskDefinition, task.retryCount);
    const taskId = ctx.newId();
    const resolved = ctx.resolveInput(task.workflowTask.inputParameters, draft.view(), {
      taskId,
      taskDefinition: task.taskDefinition ?? null,
    });
    draft.update(task, { retried: true });
    draft.add({
      ...task,
      taskId,
      retryCount: task.retryCount + 1,
      retriedTaskId: task.taskId,
      status: 'SCHEDULED',
      inputData: { ...task.inputData, ...resolved },
      outputData: {},
      startDelayInSeconds: delay,
      callbackAfterSeconds: delay,
      pollCount: 0,
      scheduledTime: ctx.now,
      startTime: 0,
      endTime: 0,
      updateTime: ctx.now,
      workerId: null,
      subWorkflowId: null,
      retried: false,
      executed: false,
    });
    return;
  }
  if (task.workflowTask?.optional) {
    draft.update(task, { status: 'COMPLETED_WITH_ERRORS' });
    return;
  }
  const status =
    task.status === 'CANCELED'
      ? 'TERMINATED'
      : task.status === 'TIMED_OUT'
        ? 'TIMED_OUT'
        : 'FAILED';
  throw new TerminateSignal(
    status,
    `Task ${task.taskId} failed with status: ${status} and reason: '${task.reasonForIncompletion ?? 'null'}'`,
    task.taskId,
  );
}
