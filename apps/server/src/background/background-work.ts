/**
 * Work the server does besides answering requests: the sweeper (`executor.sweep`) and one worker
 * loop per async system task type (`executor.runSystemTasks`). Idle loops sleep on
 * `queue.waitForMessages`, so a push wakes them at once and nothing spins. Busy loops work in
 * bounded batches and yield to I/O between two batches (`setImmediate`), so that however much
 * background work is due (a store whose calls resolve without I/O, like PGlite, never leaves the
 * microtask queue otherwise), HTTP requests are answered in between. `stop()` ends every loop and
 * waits for the one in flight.
 * @module
 */
import { ASYNC_SYSTEM_TASK_TYPES, DECIDER_QUEUE } from '@baton/engine';
import type { TaskQueue, WorkflowExecutor } from '@baton/engine';

export interface BackgroundOptions {
  /** Longest idle wait between sweeps, ms (default 1000). */
  sweepIntervalMs?: number;
  /** Workflows decided per sweep call (default 50). */
  sweepBatch?: number;
  /** Longest idle wait of a system-task loop, ms (default 1000). */
  systemTaskIntervalMs?: number;
  /** System tasks run per call (default 20). */
  systemTaskBatch?: number;
  /** Pause after an error, ms (default 1000). */
  errorBackoffMs?: number;
}

export interface BackgroundWork {
  stop(): Promise<void>;
}

interface Logger {
  error(obj: unknown, msg?: string): void;
}

/** Lets timers and I/O callbacks (HTTP requests) run before the next batch. */
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

async function loop(
  name: string,
  work: () => Promise<number>,
  idle: (signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
  log: Logger,
  errorBackoffMs: number,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const done = await work();
      await yieldToIo();
      if (done === 0 && !signal.aborted) await idle(signal);
    } catch (err) {
      log.error({ err, loop: name }, 'background loop failed; retrying');
      await sleep(errorBackoffMs, signal);
    }
  }
}

/** Starts the sweeper and the async system task loops. */
export function startBackgroundWork(
  executor: WorkflowExecutor,
  queue: TaskQueue,
  log: Logger,
  options: BackgroundOptions = {},
): BackgroundWork {
  const controller = new AbortController();
  const { signal } = controller;
  const backoff = options.errorBackoffMs ?? 1000;
  const sweepWait = options.sweepIntervalMs ?? 1000;
  const taskWait = options.systemTaskIntervalMs ?? 1000;
  const loops = [
    loop(
      'sweeper',
      () => executor.sweep(options.sweepBatch ?? 50),
      (s) => queue.waitForMessages(DECIDER_QUEUE, sweepWait, s),
      signal,
      log,
      backoff,
    ),
    ...ASYNC_SYSTEM_TASK_TYPES.map((type) =>
      loop(
        type,
        () => executor.runSystemTasks(type, options.systemTaskBatch ?? 20),
        (s) => queue.waitForMessages(type, taskWait, s),
        signal,
        log,
        backoff,
      ),
    ),
  ];
  return {
    async stop() {
      controller.abort();
      await Promise.allSettled(loops);
    },
  };
}
