/**
 * ScriptEvaluator on QuickJS compiled to WebAssembly: Conductor's `javascript`/`graaljs` evaluator
 * without host access.
 * @module
 */
import type { EvaluationOptions, ScriptEvaluator } from '@baton/engine';
import { InlineSandbox } from './inline-sandbox.js';
import { DEFAULT_SCRIPT_LIMITS } from './sandbox.js';
import type { Sandbox, ScriptLimits } from './sandbox.js';
import { ThreadPoolSandbox } from './thread-pool-sandbox.js';

/** Options of {@link QuickJsScriptEvaluator}. */
export interface QuickJsScriptEvaluatorOptions extends Partial<ScriptLimits> {
  /**
   * `thread` (default): scripts run on worker threads that are terminated when they overrun, so
   * nothing a script does can stall the host. `inline`: scripts run on the calling thread, which is
   * cheaper but cannot stop a long native builtin (e.g. sorting a huge sparse array).
   */
  isolation?: 'thread' | 'inline';
  /**
   * Worker threads in `thread` mode. Default 1. With two or more, one evaluation key (the server
   * passes the workflow's name) never holds every thread; see WorkerPool for the fairness rule.
   */
  threads?: number;
}

/**
 * Evaluates JavaScript expressions in QuickJS (WebAssembly). Each evaluation gets a fresh context
 * (its own globals and intrinsics, so `Object.prototype` pollution cannot leak into a later one);
 * the WebAssembly module is loaded once per thread and its runtime is reused. `$` is the input,
 * copied in as JSON; there is no `process`, `require`, `fetch`, `console` or module loader. The
 * value of the last expression statement is the result, returned as plain JSON (undefined → null);
 * when it is a promise, its pending jobs run (under the same time limit) and its value is the
 * result. Failures reject with a readable message: the script's own error (`TypeError: ...`),
 * `Script returned a rejected promise: ...`, `Script returned a promise that never settled`,
 * `Script exceeded the time limit of 4000 ms` / `memory limit of 32 MiB` / `maximum call stack
 * size`, or `Script result is N bytes of JSON, more than the limit of 1048576 bytes`.
 *
 * @example
 * const js = new QuickJsScriptEvaluator();
 * await js.evaluate("$.amount > 100 ? 'large' : 'small'", { amount: 250 }); // 'large'
 */
export class QuickJsScriptEvaluator implements ScriptEvaluator {
  readonly limits: ScriptLimits;
  private readonly sandbox: Sandbox;

  constructor(options: QuickJsScriptEvaluatorOptions = {}) {
    const { isolation = 'thread', threads = 1, ...limits } = options;
    this.limits = { ...DEFAULT_SCRIPT_LIMITS, ...limits };
    this.sandbox =
      isolation === 'inline'
        ? new InlineSandbox(this.limits)
        : new ThreadPoolSandbox(this.limits, threads);
  }

  /**
   * Evaluates `expression` as a script; a top-level `return` is a syntax error, as in Conductor.
   * @throws Error with a readable message for syntax errors, thrown values and exceeded limits.
   */
  evaluate(
    expression: string,
    input: Record<string, unknown>,
    options: EvaluationOptions = {},
  ): Promise<unknown> {
    return this.sandbox.run(expression, input, options.key);
  }

  /**
   * Evaluates a LAMBDA-style function body (`return` required), as Conductor wraps
   * `scriptExpression` in a function. Same sandbox and limits as {@link evaluate}.
   */
  evaluateFunctionBody(
    body: string,
    input: Record<string, unknown>,
    options: EvaluationOptions = {},
  ): Promise<unknown> {
    return this.evaluate(toFunctionBodyScript(body), input, options);
  }

  /** Stops the sandbox threads (or frees the inline runtime); a later evaluation starts them again. */
  dispose(): Promise<void> {
    return this.sandbox.dispose();
  }
}

/** Wraps a function body so that it runs as a script whose completion value is the return value. */
export function toFunctionBodyScript(body: string): string {
  return `(function scriptFun() {\n${body}\n})()`;
}
