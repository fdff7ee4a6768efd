/**
 * Runs one polled task through its worker and reports the result, retrying the update with backoff
 * while the server is unreachable.
 * @module
 */
import { createBackoff, sleep } from '../backoff.js';
import type { BackoffOptions } from '../backoff.js';
import type { BatonClient } from '../client.js';
import { isBatonApiError } from '../errors.js';
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
}

/** Executes `task` with `worker` and sends the TaskResult; never throws. */
export async function executeTask(
  worker: WorkerDefinition,
  task: Task,
  ctx: ExecuteContext,
): Promise<void> {
  const result = await runWorker(worker, task, ctx);
  await sendUpdate(result, ctx);
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

async function sendUpdate(result: TaskResult, ctx: ExecuteContext): Promise<void> {
  const backoff = createBackoff(ctx.backoff);
  for (let attempt = 0; ; attempt += 1) {
    try {
      await ctx.client.tasks.update(result);
      return;
    } catch (error) {
      const retryable = !isBatonApiError(error) || error.retryable;
      if (!retryable || attempt >= ctx.updateRetries) {
        ctx.logger.error(
          `Could not report task ${result.taskId} as ${result.status} after ${attempt + 1} attempt(s)`,
          error,
        );
        return;
      }
      ctx.logger.warn(`Updating task ${result.taskId} failed; retrying`, error);
      await sleep(backoff.next());
    }
  }
}
