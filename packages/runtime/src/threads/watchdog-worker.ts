/**
 * A worker thread that handles one request at a time, with a watchdog that terminates it when a
 * request overruns. Used to run WebAssembly interpreters (QuickJS, jq) whose long native loops the
 * host could not otherwise stop.
 * @module
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What became of one request. */
export type WatchdogOutcome<R> =
  { type: 'reply'; reply: R } | { type: 'timeout' } | { type: 'crashed'; message: string };

/** Options of {@link WatchdogWorker}. */
export interface WatchdogWorkerOptions {
  /** The thread's program, plain JavaScript run with `eval: true` (CommonJS `require` available). */
  source: string;
  workerData: unknown;
}

/** Time a thread may take to load its WebAssembly module before it counts as crashed. */
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * The thread posts `{ ready: true }` once its module is loaded (the request timer starts only then,
 * so loading never counts against a request), then answers each `{ id, ...request }` message with
 * `{ id, ...reply }`; a reply carrying `crashed: string` means the thread is unusable. Once `dead`,
 * the worker must be replaced.
 */
export class WatchdogWorker<Q extends object, R extends object> {
  private readonly worker: Worker;
  private current: {
    id: number;
    resolve: (o: WatchdogOutcome<R>) => void;
    timer: NodeJS.Timeout | undefined;
  } | null = null;
  private nextId = 1;
  private readonly ready: Promise<boolean>;
  /** True once the thread was terminated, crashed or exited. */
  dead = false;

  constructor(options: WatchdogWorkerOptions) {
    this.worker = new Worker(options.source, {
      eval: true,
      workerData: options.workerData,
      // WebAssembly memory is outside V8's heap; this bounds the thread's own JavaScript.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    });
    // An idle thread does not keep the process alive; a running request does (see `request`).
    this.worker.unref();
    let markReady: (ok: boolean) => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    const startup = setTimeout(() => markReady(false), STARTUP_TIMEOUT_MS);
    startup.unref();
    this.worker.on('exit', () => markReady(false));
    this.worker.on('message', (reply: R & { id: number; crashed?: string; ready?: boolean }) => {
      if (reply.ready === true) {
        clearTimeout(startup);
        markReady(true);
        return;
      }
      if (this.current === null || reply.id !== this.current.id) return;
      if (typeof reply.crashed === 'string')
        this.finish({ type: 'crashed', message: reply.crashed });
      else this.finish({ type: 'reply', reply });
    });
    this.worker.on('error', (error) => this.finish({ type: 'crashed', message: error.message }));
    this.worker.on('exit', () => this.finish({ type: 'crashed', message: 'worker thread exited' }));
  }

  /** True while a request is running. */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Sends one request; the thread is terminated if no reply comes within `timeoutMs`. Never rejects. */
  request(request: Q, timeoutMs: number): Promise<WatchdogOutcome<R>> {
    if (this.dead) return Promise.resolve({ type: 'crashed', message: 'worker thread is gone' });
    if (this.current !== null) throw new Error('WatchdogWorker is busy');
    const id = this.nextId++;
    return new Promise((resolve) => {
      // Busy from now on, so the pool sends nothing else while the module loads.
      this.current = { id, resolve, timer: undefined };
      this.worker.ref();
      void this.ready.then((ok) => {
        if (this.current?.id !== id) return;
        if (!ok) {
          void this.terminate();
          this.finish({ type: 'crashed', message: 'worker thread failed to start' });
          return;
        }
        this.current.timer = setTimeout(() => {
          void this.terminate();
          this.finish({ type: 'timeout' });
        }, timeoutMs);
        this.worker.postMessage({ ...request, id });
      });
    });
  }

  /** Stops the thread. */
  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }

  private finish(outcome: WatchdogOutcome<R>): void {
    if (outcome.type !== 'reply') this.dead = true;
    const current = this.current;
    if (current === null) return;
    this.current = null;
    clearTimeout(current.timer);
    this.worker.unref();
    current.resolve(outcome);
  }
}

/**
 * Absolute path of a package's CommonJS entry, for a thread's `require` (eval threads resolve bare
 * names from the working directory, which may not be where this package is installed).
 */
export function resolveForThread(specifier: string): string {
  return createRequire(import.meta.url).resolve(specifier);
}
