/**
 * Long polling: try to poll; while nothing is available and time remains, wait on
 * `TaskQueue.waitForMessages` (woken by a push), then try again. Never busy-loops, and stops early
 * when the client goes away.
 * @module
 */
import type { PollOptions, Task, TaskQueue, WorkflowExecutor } from '@baton/engine';

/** Queue name of a worker task type, `domain:taskType` when a domain applies. */
export function queueName(taskType: string, domain?: string): string {
  return domain === undefined || domain === '' ? taskType : `${domain}:${taskType}`;
}

/** Polls up to `options.count` tasks, waiting up to `timeoutMs` for the first to appear. */
export async function longPoll(
  executor: WorkflowExecutor,
  queue: TaskQueue,
  taskType: string,
  options: PollOptions,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Task[]> {
  const deadline = Date.now() + timeoutMs;
  const name = queueName(taskType, options.domain);
  for (;;) {
    const tasks = await executor.pollTasks(taskType, options);
    if (tasks.length > 0 || signal.aborted) return tasks;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return tasks;
    await queue.waitForMessages(name, remaining, signal);
  }
}

/**
 * An AbortSignal that fires when the response closes (the client went away before the reply; the
 * listener is harmless after the reply is sent). Listen on the response, not the request: a request
 * emits `close` as soon as its body has been read.
 */
export function abortOnClose(raw: {
  once(event: 'close', cb: () => void): unknown;
  readonly writableFinished: boolean;
}): AbortSignal {
  const controller = new AbortController();
  // After a reply the signal is no longer read; aborting then would only cost a DOMException.
  raw.once('close', () => {
    if (!raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
