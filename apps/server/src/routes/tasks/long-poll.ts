/**
 * Long polling: try to poll; while the batch is not full and time remains, wait on
 * `TaskQueue.waitForMessages` (woken by a push), then try again. Never busy-loops, and stops early
 * when the client goes away.
 *
 * Like Conductor's batch poll, a poll that holds some tasks keeps collecting until it has `count`,
 * but only for `lingerMs` after its first task (Conductor waits out the whole timeout): under load a
 * worker gets full batches, which saves a request per task, and at low load a task waits at most
 * `lingerMs` more. A linger of 0 returns as soon as any task is found.
 * @module
 */
import type { PollOptions, Task, TaskQueue, WorkflowExecutor } from '@baton/engine';

/** Queue name of a worker task type, `domain:taskType` when a domain applies. */
export function queueName(taskType: string, domain?: string): string {
  return domain === undefined || domain === '' ? taskType : `${domain}:${taskType}`;
}

/** Default linger of a batch poll after its first task (ms). */
export const DEFAULT_POLL_LINGER_MS = 20;

/**
 * Polls up to `options.count` tasks, waiting up to `timeoutMs` for the first to appear and then
 * up to `lingerMs` (within the timeout) for the batch to fill.
 */
export async function longPoll(
  executor: WorkflowExecutor,
  queue: TaskQueue,
  taskType: string,
  options: PollOptions,
  timeoutMs: number,
  signal: AbortSignal,
  lingerMs = 0,
): Promise<Task[]> {
  let deadline = Date.now() + timeoutMs;
  let lingering = false;
  const name = queueName(taskType, options.domain);
  const held: Task[] = [];
  for (;;) {
    const tasks = await executor.pollTasks(taskType, {
      ...options,
      count: options.count - held.length,
    });
    held.push(...tasks);
    if (held.length >= options.count || signal.aborted) return held;
    if (held.length > 0 && !lingering) {
      lingering = true;
      deadline = Math.min(deadline, Date.now() + lingerMs);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) return held;
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
