/**
 * Scripts on worker threads: each evaluation runs on an idle thread of a WorkerPool; a thread that
 * overruns is terminated (so even a non-interruptible builtin cannot hold the host), and a thread
 * whose WebAssembly memory has grown large is replaced.
 * @module
 */
import { resolveForThread } from '../threads/watchdog-worker.js';
import { WorkerPool } from '../threads/worker-pool.js';
import {
  MAX_THROWN_MESSAGE_CHARS,
  SandboxCrashError,
  toJsonText,
  toScriptError,
} from './run-in-context.js';
import type { ScriptFailure } from './run-in-context.js';
import type { Sandbox, ScriptLimits } from './sandbox.js';
import { EVALUATIONS_PER_RUNTIME } from './sandbox.js';
import { SANDBOX_WORKER_SOURCE } from './sandbox-worker-source.js';

interface ScriptRequest {
  expression: string;
  inputJson: string;
}

interface ScriptReply {
  ok: boolean;
  json?: string;
  error?: ScriptFailure;
  heapBytes?: number;
  recycle?: boolean;
}

/** Extra wall time a thread gets beyond the script limit before it is terminated. */
const WATCHDOG_GRACE_MS = 1_000;

/** A pool of `size` sandbox threads, shared fairly between keys (see WorkerPool). */
export class ThreadPoolSandbox implements Sandbox {
  private readonly pool: WorkerPool<ScriptRequest, ScriptReply>;

  constructor(
    private readonly limits: ScriptLimits,
    size: number,
  ) {
    const maxHeapBytes = Math.max(64 * 1024 * 1024, limits.memoryBytes * 4);
    this.pool = new WorkerPool<ScriptRequest, ScriptReply>({
      size,
      thread: () => ({
        source: SANDBOX_WORKER_SOURCE,
        workerData: {
          quickjsPath: resolveForThread('quickjs-emscripten'),
          limits,
          evaluationsPerRuntime: EVALUATIONS_PER_RUNTIME,
          maxMessageChars: MAX_THROWN_MESSAGE_CHARS,
        },
      }),
      shouldRecycle: (reply) => reply.recycle === true || (reply.heapBytes ?? 0) > maxHeapBytes,
    });
  }

  async run(expression: string, input: Record<string, unknown>, key = ''): Promise<unknown> {
    const outcome = await this.pool.run(
      { expression, inputJson: toJsonText(input) },
      this.limits.timeoutMs + WATCHDOG_GRACE_MS,
      key,
    );
    if (outcome.type === 'timeout') {
      throw new Error(`Script exceeded the time limit of ${this.limits.timeoutMs} ms`);
    }
    if (outcome.type === 'crashed') throw new SandboxCrashError(new Error(outcome.message));
    const { reply } = outcome;
    if (!reply.ok) {
      throw toScriptError(
        reply.error ?? { name: 'Error', message: 'unknown script error' },
        this.limits,
      );
    }
    return reply.json === undefined ? null : (JSON.parse(reply.json) as unknown);
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }
}
