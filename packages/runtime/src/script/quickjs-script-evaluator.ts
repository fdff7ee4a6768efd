/**
 * ScriptEvaluator on QuickJS compiled to WebAssembly: Conductor's `javascript`/`graaljs` evaluator
 * without host access.
 * @module
 */
import { newQuickJSWASMModule, shouldInterruptAfterDeadline } from 'quickjs-emscripten';
import type { QuickJSContext, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';
import type { ScriptEvaluator } from '@baton/engine';
import { runInContext, SandboxCrashError } from './run-in-context.js';

/** Limits applied to every evaluation. */
export interface ScriptLimits {
  /** Wall-clock limit per evaluation; Conductor's is 4 s. */
  timeoutMs: number;
  /** Heap limit of the sandbox. */
  memoryBytes: number;
  /**
   * QuickJS stack limit. Kept well below the host's own stack, so deep recursion ends as a script
   * error inside the sandbox instead of a host stack overflow.
   */
  stackBytes: number;
}

/** Defaults: 4 s, 32 MiB, 128 KiB of stack (about 700 nested calls). */
export const DEFAULT_SCRIPT_LIMITS: ScriptLimits = {
  timeoutMs: 4_000,
  memoryBytes: 32 * 1024 * 1024,
  stackBytes: 128 * 1024,
};

/** A runtime is replaced after this many evaluations so that leaks inside QuickJS cannot pile up. */
const EVALUATIONS_PER_RUNTIME = 5_000;

/**
 * Evaluates JavaScript expressions in QuickJS (WebAssembly). Each evaluation gets a fresh context
 * (its own globals and intrinsics, so `Object.prototype` pollution cannot leak into a later one);
 * the WebAssembly module is loaded once and its runtime is shared and reused. `$` is the input,
 * copied in as JSON; there is no `process`, `require`, `fetch`, `console` or module loader. The
 * value of the last expression statement is the result, returned as plain JSON (undefined → null).
 *
 * Evaluations are synchronous inside the sandbox, so concurrent calls simply run one after another.
 *
 * @example
 * const js = new QuickJsScriptEvaluator();
 * await js.evaluate("$.amount > 100 ? 'large' : 'small'", { amount: 250 }); // 'large'
 */
export class QuickJsScriptEvaluator implements ScriptEvaluator {
  readonly limits: ScriptLimits;
  private module: Promise<QuickJSWASMModule> | null = null;
  private runtime: QuickJSRuntime | null = null;
  private runtimeUses = 0;

  constructor(limits: Partial<ScriptLimits> = {}) {
    this.limits = { ...DEFAULT_SCRIPT_LIMITS, ...limits };
  }

  /** Loads the WebAssembly module ahead of the first evaluation (optional). */
  async init(): Promise<void> {
    await this.loadModule();
  }

  /**
   * Evaluates `expression` as a script; a top-level `return` is a syntax error, as in Conductor.
   * @throws Error with a readable message for syntax errors, thrown values and exceeded limits.
   */
  async evaluate(expression: string, input: Record<string, unknown>): Promise<unknown> {
    // Awaiting first also means the sandbox always starts on a short host stack.
    const module = await this.loadModule();
    const runtime = this.acquireRuntime(module);
    let context: QuickJSContext | null = null;
    try {
      context = runtime.newContext();
      runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + this.limits.timeoutMs));
      return runInContext(context, expression, input, this.limits);
    } catch (error) {
      if (error instanceof SandboxCrashError) {
        // The WebAssembly instance may be corrupt: drop it without touching it again.
        context = null;
        this.module = null;
        this.runtime = null;
      }
      throw error;
    } finally {
      context?.dispose();
    }
  }

  /**
   * Evaluates a LAMBDA-style function body (`return` required), as Conductor wraps
   * `scriptExpression` in a function. Same sandbox and limits as {@link evaluate}.
   */
  async evaluateFunctionBody(body: string, input: Record<string, unknown>): Promise<unknown> {
    return this.evaluate(toFunctionBodyScript(body), input);
  }

  /** Releases the sandbox; a later evaluation loads it again. */
  dispose(): void {
    this.runtime?.dispose();
    this.runtime = null;
  }

  private loadModule(): Promise<QuickJSWASMModule> {
    if (this.module === null) {
      const loading = newQuickJSWASMModule();
      this.module = loading;
      loading.catch(() => {
        if (this.module === loading) this.module = null;
      });
    }
    return this.module;
  }

  private acquireRuntime(module: QuickJSWASMModule): QuickJSRuntime {
    if (this.runtime !== null && this.runtimeUses >= EVALUATIONS_PER_RUNTIME) this.dispose();
    if (this.runtime === null) {
      const runtime = module.newRuntime();
      runtime.setMemoryLimit(this.limits.memoryBytes);
      runtime.setMaxStackSize(this.limits.stackBytes);
      this.runtime = runtime;
      this.runtimeUses = 0;
    }
    this.runtimeUses += 1;
    return this.runtime;
  }
}

/** Wraps a function body so that it runs as a script whose completion value is the return value. */
export function toFunctionBodyScript(body: string): string {
  return `(function scriptFun() {\n${body}\n})()`;
}
