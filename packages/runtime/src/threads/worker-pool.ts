/**
 * A fixed-size pool of WatchdogWorkers with a FIFO queue: each request runs on an idle thread;
 * dead threads (timed out, crashed) and threads the caller asks to recycle are replaced lazily.
 * @module
 */
import { WatchdogWorker } from './watchdog-worker.js';
import type { WatchdogOutcome, WatchdogWorkerOptions } from './watchdog-worker.js';

interface Job<Q, R> {
  request: Q;
  timeoutMs: number;
  resolve: (outcome: WatchdogOutcome<R>) => void;
}

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions<R> {
  /** Program and data of each thread (created on first use). */
  thread: () => WatchdogWorkerOptions;
  size: number;
  /** Replace the thread that produced this reply (e.g. its WebAssembly memory grew too large). */
  shouldRecycle?: (reply: R) => boolean;
}

export class WorkerPool<Q extends object, R extends object> {
  private readonly slots: Array<WatchdogWorker<Q, R> | null>;
  private readonly queue: Array<Job<Q, R>> = [];

  constructor(private readonly options: WorkerPoolOptions<R>) {
    this.slots = Array.from({ length: Math.max(1, Math.floor(options.size)) }, () => null);
  }

  /** Runs `request` on the next idle thread. Never rejects. */
  run(request: Q, timeoutMs: number): Promise<WatchdogOutcome<R>> {
    return new Promise((resolve) => {
      this.queue.push({ request, timeoutMs, resolve });
      this.pump();
    });
  }

  /** Terminates every thread; later requests start new ones. */
  async dispose(): Promise<void> {
    const workers = this.slots.filter((w): w is WatchdogWorker<Q, R> => w !== null);
    this.slots.fill(null);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i += 1) {
      let worker = this.slots[i] ?? null;
      if (worker?.busy === true) continue;
      if (worker === null || worker.dead) {
        worker = new WatchdogWorker<Q, R>(this.options.thread());
        this.slots[i] = worker;
      }
      const job = this.queue.shift();
      if (job !== undefined) void this.runOn(i, worker, job);
    }
  }

  private async runOn(index: number, worker: WatchdogWorker<Q, R>, job: Job<Q, R>): Promise<void> {
    const outcome = await worker.request(job.request, job.timeoutMs);
    const recycle =
      outcome.type === 'reply' && this.options.shouldRecycle?.(outcome.reply) === true;
    if (worker.dead || recycle) {
      void worker.terminate();
      if (this.slots[index] === worker) this.slots[index] = null;
    }
    job.resolve(outcome);
    this.pump();
  }
}
