/**
 * A fixed-size pool of WatchdogWorkers shared fairly between keys (the server uses the workflow
 * definition's name): each request runs on an idle thread; dead threads (timed out, crashed) and
 * threads the caller asks to recycle are replaced lazily.
 * @module
 */
import { WatchdogWorker } from './watchdog-worker.js';
import type { WatchdogOutcome, WatchdogWorkerOptions } from './watchdog-worker.js';

interface Job<Q, R> {
  request: Q;
  timeoutMs: number;
  key: string;
  seq: number;
  resolve: (outcome: WatchdogOutcome<R>) => void;
}

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions<R> {
  /** Program and data of each thread (created on first use). */
  thread: () => WatchdogWorkerOptions;
  size: number;
  /** Replace the thread that produced this reply (e.g. its WebAssembly memory grew too large). */
  shouldRecycle?: (reply: R) => boolean;
  /** Clock for the fairness accounting (tests). Default `Date.now`. */
  now?: () => number;
}

/** Thread time a key used counts half as much after this long. */
const USAGE_HALF_LIFE_MS = 10_000;

/** What one key has queued, running and recently used. */
interface KeyState<Q, R> {
  queued: Array<Job<Q, R>>;
  running: number;
  /** Sum of the start times of the running jobs (their elapsed time is running·now − this). */
  startedSum: number;
  /** Thread milliseconds of finished jobs, decayed to `usageAt`. */
  usageMs: number;
  usageAt: number;
}

/**
 * The pool's scheduling rule, so that one key's slow requests cannot hold up another key:
 * - a key never holds more than `size − 1` threads (with two or more), so one thread is always left
 *   for the other keys;
 * - when a thread frees up, the next request comes from the key that has used the least thread
 *   time lately (finished jobs decayed with a 10 s half-life, plus its running jobs so far), and
 *   within a key in arrival order.
 * So a key whose every request runs into its time limit waits behind its own requests, and any
 * other key's request waits at most until the first thread frees up: one time limit at worst.
 */
export class WorkerPool<Q extends object, R extends object> {
  private readonly slots: Array<WatchdogWorker<Q, R> | null>;
  private readonly keys = new Map<string, KeyState<Q, R>>();
  private readonly perKeyLimit: number;
  private readonly now: () => number;
  private seq = 0;

  constructor(private readonly options: WorkerPoolOptions<R>) {
    const size = Math.max(1, Math.floor(options.size));
    this.slots = Array.from({ length: size }, () => null);
    this.perKeyLimit = Math.max(1, size - 1);
    this.now = options.now ?? Date.now;
  }

  /** Threads in the pool. */
  get size(): number {
    return this.slots.length;
  }

  /** Runs `request` on the next idle thread, fairly between `key`s. Never rejects. */
  run(request: Q, timeoutMs: number, key = ''): Promise<WatchdogOutcome<R>> {
    return new Promise((resolve) => {
      const seq = (this.seq += 1);
      this.state(key).queued.push({ request, timeoutMs, key, seq, resolve });
      this.pump();
    });
  }

  /** Terminates every thread; later requests start new ones. */
  async dispose(): Promise<void> {
    const workers = this.slots.filter((w): w is WatchdogWorker<Q, R> => w !== null);
    this.slots.fill(null);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private state(key: string): KeyState<Q, R> {
    let state = this.keys.get(key);
    if (!state) {
      state = { queued: [], running: 0, startedSum: 0, usageMs: 0, usageAt: this.now() };
      this.keys.set(key, state);
    }
    return state;
  }

  /** The next job to run, by the rule in the class comment; null when none may run now. */
  private nextJob(): Job<Q, R> | null {
    const now = this.now();
    let best: { state: KeyState<Q, R>; score: number; seq: number } | null = null;
    for (const [key, state] of this.keys) {
      const head = state.queued[0];
      if (head === undefined) {
        if (state.running === 0 && decayed(state, now) < 1) this.keys.delete(key);
        continue;
      }
      if (state.running >= this.perKeyLimit) continue;
      const score = decayed(state, now) + (state.running * now - state.startedSum);
      if (best === null || score < best.score || (score === best.score && head.seq < best.seq)) {
        best = { state, score, seq: head.seq };
      }
    }
    return best?.state.queued.shift() ?? null;
  }

  private pump(): void {
    for (let i = 0; i < this.slots.length; i += 1) {
      let worker = this.slots[i] ?? null;
      if (worker?.busy === true) continue;
      const job = this.nextJob();
      if (job === null) return;
      if (worker === null || worker.dead) {
        worker = new WatchdogWorker<Q, R>(this.options.thread());
        this.slots[i] = worker;
      }
      void this.runOn(i, worker, job);
    }
  }

  private async runOn(index: number, worker: WatchdogWorker<Q, R>, job: Job<Q, R>): Promise<void> {
    const state = this.state(job.key);
    const started = this.now();
    state.running += 1;
    state.startedSum += started;
    const outcome = await worker.request(job.request, job.timeoutMs);
    const now = this.now();
    state.running -= 1;
    state.startedSum -= started;
    state.usageMs = decayed(state, now) + (now - started);
    state.usageAt = now;
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

function decayed(state: { usageMs: number; usageAt: number }, now: number): number {
  const age = Math.max(0, now - state.usageAt);
  return state.usageMs * Math.pow(0.5, age / USAGE_HALF_LIFE_MS);
}
