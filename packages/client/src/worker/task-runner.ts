/**
 * TaskRunner: polls Baton for tasks of several types and runs them with their workers.
 * @module
 */
import { WorkerPoller } from './poller.js';
import type { TaskRunnerOptions, WorkerLogger } from './types.js';

const CONSOLE_LOGGER: WorkerLogger = {
  info: (message) => console.info(message),
  warn: (message, error) => console.warn(message, error ?? ''),
  error: (message, error) => console.error(message, error ?? ''),
};

/**
 * Runs workers: one polling loop per task type, each with its own concurrency. Polls are batch
 * long-polls (`GET /api/tasks/poll/batch/{type}`) asking for at most the free slots. While the
 * queue is busy (the last batch poll came back full, or the last report got a next task), a
 * finished task is reported with `POST /api/tasks/update-v2`, whose answer is the slot's next
 * task, so a busy worker makes one request per task (set `updateV2: false`, or talk to a server without
 * that endpoint, and each task costs an update plus its share of a poll). Thrown errors
 * report FAILED (with the message as `reasonForIncompletion` and the stack as a task log line);
 * `NonRetryableError` reports FAILED_WITH_TERMINAL_ERROR. Poll and update failures back off
 * exponentially; updates are retried while the server is unreachable.
 *
 * @example
 * const runner = new TaskRunner({
 *   client,
 *   workers: [{ taskDefName: 'greet', concurrency: 4, execute: async (t) => ({ outputData: { hi: t.inputData.name } }) }],
 * });
 * runner.start();
 * process.on('SIGTERM', () => void runner.stop());
 */
export class TaskRunner {
  private pollers: WorkerPoller[] = [];
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: TaskRunnerOptions) {
    const names = new Set<string>();
    for (const w of options.workers) {
      const key = `${w.domain ?? ''}:${w.taskDefName}`;
      if (names.has(key))
        throw new Error(`Two workers poll ${w.taskDefName}${w.domain ? ` in ${w.domain}` : ''}`);
      names.add(key);
    }
  }

  /** True between `start()` and the end of `stop()`. */
  get running(): boolean {
    return this.pollers.length > 0;
  }

  /** Starts polling every worker's task type (no-op when already running). */
  start(): void {
    if (this.pollers.length > 0) return;
    const o = this.options;
    const workerId = o.workerId ?? `baton-worker-${Math.random().toString(36).slice(2, 10)}`;
    const updateV2 = { supported: o.updateV2 ?? true };
    this.pollers = o.workers.map((worker) => {
      const concurrency = Math.max(1, worker.concurrency ?? 1);
      const poller = new WorkerPoller(worker, {
        client: o.client,
        workerId: worker.workerId ?? workerId,
        concurrency,
        batchSize: Math.max(1, o.batchSize ?? concurrency),
        pollTimeoutMs: Math.min(5_000, Math.max(0, o.pollTimeoutMs ?? 1_000)),
        pollIntervalMs: Math.max(0, worker.pollInterval ?? 100),
        updateRetries: Math.max(0, o.updateRetries ?? 5),
        backoff: { initialMs: 200, maxMs: 10_000, ...o.backoff },
        logger: o.logger ?? CONSOLE_LOGGER,
        updateV2,
      });
      poller.start();
      return poller;
    });
  }

  /**
   * Graceful stop: no new polls; resolves when the polls in progress have returned and every task
   * they handed out has been executed and reported.
   */
  stop(): Promise<void> {
    if (this.stopping !== null) return this.stopping;
    const pollers = this.pollers;
    this.stopping = Promise.all(pollers.map((p) => p.stop())).then(() => {
      this.pollers = [];
      this.stopping = null;
    });
    return this.stopping;
  }

  /** Tasks being executed now, across all workers. */
  get activeCount(): number {
    return this.pollers.reduce((n, p) => n + p.activeCount, 0);
  }
}
