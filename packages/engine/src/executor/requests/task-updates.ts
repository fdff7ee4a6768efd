/**
 * Worker updates (docs/conductor-compatibility.md#worker-protocol): the first terminal update wins;
 * late, duplicate or conflicting ones, and updates to ended workflows, change nothing.
 * @module
 */
import { isSystemTask } from '../../decider/task-kinds.js';
import { baseRef } from '../../decider/refs.js';
import { batonError } from '../../errors.js';
import {
  isTerminalTaskStatus,
  isTerminalWorkflowStatus,
  TASK_RESULT_STATUSES,
  type TaskResultStatus,
} from '../../model/status.js';
import type { Task, TaskResult } from '../../model/task.js';
import type { Engine } from '../core/engine.js';
import { queueNameOf } from '../core/queue-sync.js';
import { runDecider } from '../core/run-decider.js';
import { findTask, putTask, withExecution, type Session } from '../core/session.js';
import { exceedsJsonDepth, tooDeepMessage } from '../../model/json-depth.js';

const MAX_REASON = 500;

/** `POST /api/tasks`. @throws REQUEST_INVALID, TASK_NOT_FOUND, WORKFLOW_NOT_FOUND */
export async function updateTask(engine: Engine, result: TaskResult): Promise<string> {
  await updateTaskAndRead(engine, result);
  return result.taskId;
}

/**
 * `POST /api/tasks/update-v2`: applies the result as {@link updateTask} does and returns the task
 * as the update left it (still terminal when the update was ignored as late), or null for a
 * lease extension, so the caller knows, without another read, whether to hand the worker its next
 * task. @throws REQUEST_INVALID, TASK_NOT_FOUND, WORKFLOW_NOT_FOUND
 */
export async function updateTaskAndRead(engine: Engine, result: TaskResult): Promise<Task | null> {
  if (!result || typeof result.taskId !== 'string' || result.taskId === '') {
    throw batonError('REQUEST_INVALID', 'Task ID cannot be null or empty');
  }
  if (!TASK_RESULT_STATUSES.includes(result.status)) {
    throw batonError('REQUEST_INVALID', `Invalid task status: ${String(result.status)}`, {
      validationErrors: [
        { path: 'status', message: 'must be a task result status', invalidValue: result.status },
      ],
    });
  }
  assertShallow(result.outputData, 'outputData');
  let workflowId = result.workflowInstanceId;
  if (!workflowId) {
    const task = await engine.deps.executions.getTask(result.taskId);
    if (!task) throw taskNotFound(result.taskId);
    workflowId = task.workflowInstanceId;
  }
  const updated = await withExecution(
    engine,
    workflowId,
    async (session) => {
      const task = findTask(session, result.taskId);
      if (!task) throw taskNotFound(result.taskId);
      await applyTaskResult(engine, session, task, result, false);
      return result.extendLease ? null : (findTask(session, result.taskId) ?? null);
    },
    { optimistic: true },
  );
  if (result.logs && result.logs.length > 0) {
    const now = engine.deps.clock.now();
    await engine.deps.executions.addTaskLogs(
      result.logs.map((l) => ({
        log: l.log,
        taskId: result.taskId,
        createdTime: l.createdTime ?? now,
      })),
    );
  }
  return updated;
}

/**
 * Refuses, before anything is read or written, a value the stores could not serialise, so the
 * worker gets a 400 naming the field instead of an update that fails later.
 * @throws REQUEST_INVALID
 */
function assertShallow(value: unknown, field: string): void {
  if (!exceedsJsonDepth(value)) return;
  throw batonError('REQUEST_INVALID', tooDeepMessage(field), {
    validationErrors: [{ path: field, message: tooDeepMessage(field), invalidValue: null }],
  });
}

/** `POST /api/tasks/{workflowId}/{ref}/{status}`: output is merged onto the existing output. */
export async function updateTaskByRef(
  engine: Engine,
  workflowId: string,
  ref: string,
  status: TaskResultStatus,
  output: Record<string, unknown>,
  workerId?: string,
): Promise<string> {
  if (!TASK_RESULT_STATUSES.includes(status)) {
    throw batonError('REQUEST_INVALID', `Invalid task status: ${String(status)}`);
  }
  assertShallow(output, 'outputData');
  return withExecution(engine, workflowId, async (session) => {
    const task = session.workflow.tasks.find(
      (t) =>
        !isTerminalTaskStatus(t.status) &&
        (t.referenceTaskName === ref || baseRef(t.referenceTaskName) === ref),
    );
    if (!task) {
      throw batonError(
        'TASK_NOT_FOUND',
        `No pending task found by reference name: ${ref} in workflow: ${workflowId}`,
        {
          details: { workflowId, taskReferenceName: ref },
        },
      );
    }
    const result: TaskResult = {
      workflowInstanceId: workflowId,
      taskId: task.taskId,
      status,
      outputData: output,
      workerId: workerId ?? null,
    };
    await applyTaskResult(engine, session, task, result, true);
    return task.taskId;
  });
}

async function applyTaskResult(
  engine: Engine,
  session: Session,
  task: Task,
  result: TaskResult,
  mergeOutput: boolean,
): Promise<void> {
  const now = engine.deps.clock.now();
  if (isTerminalTaskStatus(task.status) || isTerminalWorkflowStatus(session.workflow.status)) {
    const queue = queueNameOf(task);
    if (queue) session.effects.push(() => engine.deps.queue.remove(queue, task.taskId));
    return;
  }
  if (result.extendLease) {
    putTask(session, { ...task, updateTime: now });
    return;
  }
  const outputData = mergeOutput
    ? { ...task.outputData, ...(result.outputData ?? {}) }
    : { ...(result.outputData ?? {}) };
  const reason = result.reasonForIncompletion?.slice(0, MAX_REASON) ?? task.reasonForIncompletion;
  const common: Partial<Task> = {
    outputData,
    reasonForIncompletion: reason ?? null,
    workerId: result.workerId ?? task.workerId ?? null,
    callbackAfterSeconds: result.callbackAfterSeconds ?? 0,
    updateTime: now,
  };
  if (result.subWorkflowId) common.subWorkflowId = result.subWorkflowId;
  if (result.status === 'IN_PROGRESS') {
    const status = isSystemTask(task) ? 'IN_PROGRESS' : 'SCHEDULED';
    putTask(session, { ...task, ...common, status });
    return;
  }
  putTask(session, {
    ...task,
    ...common,
    status: result.status,
    startTime: task.startTime || now,
    endTime: now,
  });
  await runDecider(engine, session);
}

function taskNotFound(taskId: string): Error {
  return batonError('TASK_NOT_FOUND', `No such task found by id: ${taskId}`, {
    details: { taskId },
  });
}
