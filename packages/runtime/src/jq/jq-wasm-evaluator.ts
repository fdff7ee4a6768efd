/**
 * JqEvaluator on jq-wasm (the real jq compiled to WebAssembly), for JSON_JQ_TRANSFORM.
 * @module
 */
import { raw as runJq } from 'jq-wasm';
import type { JqEvaluator } from '@baton/engine';

/** Prefixes jq puts before its messages (`jq: error (at /dev/stdin:0): ...`, `jq: error: ...`). */
const JQ_PREFIX = /^jq: error(?: \(at [^)]*\))?: /;

/**
 * Runs jq programs with jq's own semantics (jq 1.7 compiled to WebAssembly; the module is loaded
 * once on first use). Returns every result in order. Compile and runtime errors are thrown with
 * jq's message, without the `jq: error (at <stdin>)` prefix, e.g. `Cannot index string with string "b"`.
 *
 * jq runs synchronously on the calling thread and has no time limit: a program that never ends
 * (`repeat(1)`) blocks the process.
 */
export class JqWasmEvaluator implements JqEvaluator {
  async transform(query: string, input: unknown): Promise<unknown[]> {
    const json = JSON.stringify(input ?? null);
    let output: string;
    try {
      output = await runJq(json, query, ['-c']);
    } catch (error) {
      throw new Error(toJqMessage(error), { cause: error });
    }
    return output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  }
}

function toJqMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
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
