/**
 * One sandbox worker thread running QuickJS, with a watchdog that terminates the thread when an
 * evaluation overruns (QuickJS's own interrupt is not consulted inside long native builtins such as
 * sorting a huge sparse array).
 * @module
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SANDBOX_WORKER_SOURCE } from './sandbox-worker-source.js';

/** Limits passed to the thread. */
export interface ThreadLimits {
  timeoutMs: number;
  memoryBytes: number;
  stackBytes: number;
}

/** The raw answer of an evaluation (before errors are turned into messages). */
export type ThreadOutcome =
  | { type: 'value'; json: string | undefined }
  | { type: 'script_error'; name: string; message: string }
  | { type: 'timeout' }
  | { type: 'crashed'; message: string };

interface WorkerReply {
  id: number;
  ok?: boolean;
  json?: string;
  error?: { name: string; message: string };
  crashed?: string;
  heapBytes?: number;
}

/** Extra wall time the thread gets beyond the script limit before it is terminated. */
const WATCHDOG_GRACE_MS = 1_000;
const EVALUATIONS_PER_RUNTIME = 5_000;

let quickjsPath: string | undefined;
function resolveQuickjs(): string {
  quickjsPath ??= createRequire(import.meta.url).resolve('quickjs-emscripten');
  return quickjsPath;
}

/** A worker thread that evaluates one script at a time. Replace it once `dead` is true. */
export class SandboxThread {
  private readonly worker: Worker;
  private current: { id: number; resolve: (o: ThreadOutcome) => void; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  /** True once the thread was terminated or exited; it accepts no more work. */
  dead = false;
  /** Size of the thread's WebAssembly memory after the last evaluation. */
  heapBytes = 0;

  constructor(private readonly limits: ThreadLimits) {
    this.worker = new Worker(SANDBOX_WORKER_SOURCE, {
      eval: true,
      workerData: { quickjsPath: resolveQuickjs(), limits, evaluationsPerRuntime: EVALUATIONS_PER_RUNTIME },
      // The WebAssembly heap is outside V8's heap; this bounds the thread's own JavaScript.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    });
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    this.worker.on('error', (error) => this.finish({ type: 'crashed', message: error.message }));
    this.worker.on('exit', () => this.finish({ type: 'crashed', message: 'sandbox thread exited' }));
  }

  /** Evaluates one script; the thread must be idle. Never rejects. */
  run(expression: string, inputJson: string): Promise<ThreadOutcome> {
    if (this.dead) return Promise.resolve({ type: 'crashed', message: 'sandbox thread is gone' });
    if (this.current !== null) throw new Error('SandboxThread is busy');
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        void this.terminate();
        this.finish({ type: 'timeout' });
      }, this.limits.timeoutMs + WATCHDOG_GRACE_MS);
      this.current = { id, resolve, timer };
      // Keep the process alive while a script runs; an idle thread does not hold it open.
      this.worker.ref();
      this.worker.postMessage({ id, expression, inputJson });
    });
  }

  /** Stops the thread. */
  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }

  private onReply(reply: WorkerReply): void {
    if (this.current === null || reply.id !== this.current.id) return;
    this.heapBytes = reply.heapBytes ?? this.heapBytes;
    if (reply.crashed !== undefined) {
      this.dead = true;
      this.finish({ type: 'crashed', message: reply.crashed });
    } else if (reply.ok === true) {
      this.finish({ type: 'value', json: reply.json });
    } else {
      const error = reply.error ?? { name: 'Error', message: 'unknown script error' };
      this.finish({ type: 'script_error', name: error.name, message: error.message });
    }
  }

  private finish(outcome: ThreadOutcome): void {
    if (outcome.type === 'crashed') this.dead = true;
    const current = this.current;
    if (current === null) return;
    this.current = null;
    clearTimeout(current.timer);
    this.worker.unref();
    current.resolve(outcome);
  }
}
