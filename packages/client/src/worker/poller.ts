/**
 * The polling loop of one worker: batch-polls up to the free concurrency slots, runs each task,
 * backs off on poll errors, and on stop finishes what it holds.
 * @module
 */
import { createBackoff, sleep } from '../backoff.js';
import type { Task } from '../types.js';
import { executeTask } from './execute-task.js';
import type { ExecuteContext } from './execute-task.js';
import type { WorkerDefinition } from './types.js';

/** Settings of one poller, resolved from the runner's and the worker's options. */
export interface PollerSettings extends ExecuteContext {
  concurrency: number;
  batchSize: number;
  pollTimeoutMs: number;
  pollIntervalMs: number;
}

/** Polls one task type until stopped. */
export class WorkerPoller {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopController = new AbortController();
  private slotFreed: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /**
   * Whether the queue looked busy: the last batch poll came back full, or the last report that
   * asked for a next task got one. Only then do reports ask for the next task: on a quiet queue
   * the answer would nearly always be "none", a claim attempt the poll loop makes anyway.
   */
  private busy = false;

  constructor(
    private readonly worker: WorkerDefinition,
    private readonly settings: PollerSettings,
  ) {}

  /** Tasks being executed now. */
  get activeCount(): number {
    return this.inFlight.size;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /**
   * Stops polling, then waits for the poll in progress (its tasks are already taken from the queue,
   * so they are executed) and for every running task to be reported.
   */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.slotFreed?.();
    await this.loop;
    await Promise.all([...this.inFlight]);
  }

  private async run(): Promise<void> {
    const { settings, worker } = this;
    const stopSignal = this.stopController.signal;
    const backoff = createBackoff(settings.backoff);
    while (!stopSignal.aborted) {
      const free = settings.concurrency - this.inFlight.size;
      if (free <= 0) {
        await this.waitForSlot();
        continue;
      }
      let tasks: Task[];
      const count = Math.min(free, settings.batchSize);
      try {
        // Not aborted on stop: the server hands tasks out at poll time, so a poll is left to finish.
        tasks = await settings.client.tasks.batchPoll(worker.taskDefName, {
          count,
          timeout: settings.pollTimeoutMs,
          workerId: settings.workerId,
          domain: worker.domain,
        });
        backoff.reset();
      } catch (error) {
        const delay = backoff.next();
        settings.logger.warn(
          `Polling ${worker.taskDefName} failed; retrying in ${delay} ms`,
          error,
        );
        await sleep(delay, stopSignal);
        continue;
      }
      this.busy = tasks.length === count;
      for (const task of tasks) this.track(this.runFrom(task));
      if (tasks.length === 0) await sleep(settings.pollIntervalMs, stopSignal);
    }
  }

  /**
   * Runs `task`, then each next task its report claimed (update-v2), in this slot: a worker on a
   * busy queue makes one request per task. After stop, reports claim nothing more.
   */
  private async runFrom(first: Task): Promise<void> {
    let asked = false;
    const wantNext = (): boolean => {
      asked = this.busy && !this.stopController.signal.aborted;
      return asked;
    };
    let task: Task | null = first;
    while (task !== null) {
      asked = false;
      task = await executeTask(this.worker, task, this.settings, wantNext);
      if (asked) this.busy = task !== null;
    }
  }

  private track(run: Promise<void>): void {
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      this.slotFreed?.();
    });
  }

  private waitForSlot(): Promise<void> {
    return new Promise((resolve) => {
      this.slotFreed = () => {
        this.slotFreed = null;
        resolve();
      };
    });
  }
}
