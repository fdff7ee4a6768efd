/**
 * JqEvaluator on jq-wasm (the real jq compiled to WebAssembly), for JSON_JQ_TRANSFORM.
 * @module
 */
import { raw as runJq } from 'jq-wasm';
import type { EvaluationOptions, JqEvaluator } from '@baton/engine';
import { resolveForThread } from '../threads/watchdog-worker.js';
import { WorkerPool } from '../threads/worker-pool.js';
import { JQ_WORKER_SOURCE } from './jq-worker-source.js';

/** Prefixes jq puts before its messages (`jq: error (at /dev/stdin:0): ...`, `jq: error: ...`). */
const JQ_PREFIX = /^jq: error(?: \(at [^)]*\))?: /;

/** Options of {@link JqWasmEvaluator}. */
export interface JqWasmEvaluatorOptions {
  /**
   * `thread` (default): jq runs on worker threads that are terminated after `timeoutMs`, so a
   * program that never ends (`repeat(1)`) cannot stall the host. `inline`: jq runs on the calling
   * thread with no time limit.
   */
  isolation?: 'thread' | 'inline';
  /** Time limit per transform in `thread` mode. Default 5000 ms. */
  timeoutMs?: number;
  /** Worker threads in `thread` mode, shared fairly between keys (see WorkerPool). Default 1. */
  threads?: number;
  /** Largest output, in bytes of jq's compact output; a larger one fails. Default 1 MiB. */
  maxResultBytes?: number;
}

interface JqRequest {
  query: string;
  inputJson: string;
}
interface JqReply {
  ok: boolean;
  output?: string;
  message?: string;
  tooLarge?: number;
}

/**
 * Runs jq programs with jq's own semantics (jq 1.7 compiled to WebAssembly, loaded once per
 * thread). Returns every result in order. Compile and runtime errors are thrown with jq's message,
 * without the `jq: error (at <stdin>)` prefix, e.g. `Cannot index string with string "b"`.
 */
export class JqWasmEvaluator implements JqEvaluator {
  private readonly pool: WorkerPool<JqRequest, JqReply> | null;
  private readonly timeoutMs: number;
  private readonly maxResultBytes: number;

  constructor(options: JqWasmEvaluatorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxResultBytes = options.maxResultBytes ?? 1024 * 1024;
    this.pool =
      options.isolation === 'inline'
        ? null
        : new WorkerPool<JqRequest, JqReply>({
            size: options.threads ?? 1,
            thread: () => ({
              source: JQ_WORKER_SOURCE,
              workerData: {
                jqPath: resolveForThread('jq-wasm'),
                maxOutputBytes: this.maxResultBytes,
              },
            }),
          });
  }

  async transform(
    query: string,
    input: unknown,
    options: EvaluationOptions = {},
  ): Promise<unknown[]> {
    const inputJson = JSON.stringify(input ?? null);
    const output =
      this.pool === null
        ? await this.runInline(query, inputJson)
        : await this.runInThread(query, inputJson, options.key ?? '');
    const size = output.length > this.maxResultBytes ? output.length : Buffer.byteLength(output);
    if (size > this.maxResultBytes) throw this.tooLarge(size);
    return output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  }

  /** Stops the jq threads; a later transform starts them again. */
  async dispose(): Promise<void> {
    await this.pool?.dispose();
  }

  private async runInline(query: string, inputJson: string): Promise<string> {
    try {
      return await runJq(inputJson, query, ['-c']);
    } catch (error) {
      throw new Error(toJqMessage(error instanceof Error ? error.message : String(error)), {
        cause: error,
      });
    }
  }

  private tooLarge(size: number): Error {
    return new Error(
      `jq output is ${size} bytes, more than the limit of ${this.maxResultBytes} bytes`,
    );
  }

  private async runInThread(query: string, inputJson: string, key: string): Promise<string> {
    const outcome = await this.pool!.run({ query, inputJson }, this.timeoutMs, key);
    if (outcome.type === 'timeout')
      throw new Error(`jq exceeded the time limit of ${this.timeoutMs} ms`);
    if (outcome.type === 'crashed') throw new Error(`jq failed: ${outcome.message}`);
    if (outcome.reply.tooLarge !== undefined) throw this.tooLarge(outcome.reply.tooLarge);
    if (!outcome.reply.ok) throw new Error(toJqMessage(outcome.reply.message ?? 'jq failed'));
    return outcome.reply.output ?? '';
  }
}

function toJqMessage(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0] ?? 'jq failed';
  const compileErrors = lines.find((line) => /^jq: \d+ compile errors?$/.test(line));
  const message = first.replace(JQ_PREFIX, '');
  return compileErrors === undefined
    ? message
    : `${message} (${compileErrors.replace(/^jq: /, '')})`;
}
