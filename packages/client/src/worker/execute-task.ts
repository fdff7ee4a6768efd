/**
 * Runs one polled task through its worker and reports the result, retrying the update with backoff
 * while the server is unreachable. The report can claim the worker's next task in the same request
 * (`POST /api/tasks/update-v2`); against a server without that endpoint it falls back to
 * `POST /api/tasks`.
 * @module
 */
import { createBackoff, sleep } from '../backoff.js';
import type { BackoffOptions } from '../backoff.js';
import type { BatonClient } from '../client.js';
import { isBatonApiError, type BatonApiError } from '../errors.js';
import type { Task, TaskResult } from '../types.js';
import { isNonRetryableError } from './non-retryable-error.js';
import type { WorkerDefinition, WorkerLogger, WorkerResult } from './types.js';

/** What a task run needs from the runner. */
export interface ExecuteContext {
  client: BatonClient;
  workerId: string;
  updateRetries: number;
  backoff: BackoffOptions;
  logger: WorkerLogger;
  /**
   * Whether the server may have `update-v2`: cleared (for every task of the runner) once it
   * answered that it has not, so each later report is one request again.
   */
  updateV2: { supported: boolean };
}

/**
 * Executes `task` with `worker` and sends the TaskResult; never throws. When `wantNext()` says so
 * at report time, the report also claims the next task, which is returned (null when there was
 * none, or the report was a plain update).
 */
export async function executeTask(
  worker: WorkerDefinition,
  task: Task,
  ctx: ExecuteContext,
  wantNext: () => boolean = () => false,
): Promise<Task | null> {
  const result = await runWorker(worker, task, ctx);
  return sendUpdate(result, ctx, wantNext);
}

async function runWorker(
  worker: WorkerDefinition,
  task: Task,
  ctx: ExecuteContext,
): Promise<TaskResult> {
  const base = {
    workflowInstanceId: task.workflowInstanceId,
    taskId: task.taskId,
    workerId: ctx.workerId,
  };
  try {
    const out: WorkerResult = await worker.execute(task, { workerId: ctx.workerId });
    const now = Date.now();
    return {
      ...base,
      status: out.status ?? 'COMPLETED',
      outputData: out.outputData ?? {},
      ...(out.reasonForIncompletion === undefined
        ? {}
        : { reasonForIncompletion: out.reasonForIncompletion }),
      ...(out.callbackAfterSeconds === undefined
        ? {}
        : { callbackAfterSeconds: out.callbackAfterSeconds }),
      logs: (out.logs ?? []).map((log) => ({ log, taskId: task.taskId, createdTime: now })),
    };
  } catch (error) {
    const terminal = isNonRetryableError(error);
    const message = error instanceof Error ? error.message : String(error);
    ctx.logger.error(`Worker ${worker.taskDefName} failed task ${task.taskId}: ${message}`, error);
    const log = error instanceof Error && error.stack !== undefined ? error.stack : message;
    return {
      ...base,
      status: terminal ? 'FAILED_WITH_TERMINAL_ERROR' : 'FAILED',
      reasonForIncompletion: message,
      outputData: terminal ? error.outputData : {},
      logs: [{ log, taskId: task.taskId, createdTime: Date.now() }],
    };
  }
}

/**
 * A 404 or 405 that is not about the task or workflow: the server has no `update-v2` route (an
 * older Baton or Conductor). The update was then not applied.
 */
function isMissingRoute(error: BatonApiError): boolean {
  return (
    (error.status === 404 || error.status === 405) &&
    error.code !== 'TASK_NOT_FOUND' &&
    error.code !== 'WORKFLOW_NOT_FOUND'
  );
}

async function sendUpdate(
  result: TaskResult,
  ctx: ExecuteContext,
  wantNext: () => boolean,
): Promise<Task | null> {
  const backoff = createBackoff(ctx.backoff);
  for (let attempt = 0; ; attempt += 1) {
    try {
      if (ctx.updateV2.supported && wantNext()) {
        try {
          return await ctx.client.tasks.updateV2(result);
        } catch (error) {
          if (!isBatonApiError(error) || !isMissingRoute(error)) throw error;
          await ctx.client.tasks.update(result);
          // The plain update found the task, so the 404/405 was the route: stop asking for it.
          ctx.updateV2.supported = false;
          ctx.logger.info(
            'The server has no POST /api/tasks/update-v2; updating with POST /api/tasks',
          );
          return null;
        }
      }
      await ctx.client.tasks.update(result);
      return null;
    } catch (error) {
      const retryable = !isBatonApiError(error) || error.retryable;
      if (!retryable || attempt >= ctx.updateRetries) {
        ctx.logger.error(
          `Could not report task ${result.taskId} as ${result.status} after ${attempt + 1} attempt(s)`,
          error,
        );
        return null;
      }
      ctx.logger.warn(`Updating task ${result.taskId} failed; retrying`, error);
      await sleep(backoff.next());
    }
  }
}
