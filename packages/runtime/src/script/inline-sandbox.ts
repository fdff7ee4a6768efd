/**
 * QuickJS on the calling thread: the cheapest mode, but a long native builtin cannot be stopped.
 * @module
 */
import { newQuickJSWASMModule, shouldInterruptAfterDeadline } from 'quickjs-emscripten';
import type { QuickJSContext, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';
import { runInContext, SandboxCrashError } from './run-in-context.js';
import type { Sandbox, ScriptLimits } from './sandbox.js';
import { EVALUATIONS_PER_RUNTIME } from './sandbox.js';

/** Runs scripts in a QuickJS runtime owned by this thread; a fresh context per evaluation. */
export class InlineSandbox implements Sandbox {
  private module: Promise<QuickJSWASMModule> | null = null;
  private runtime: QuickJSRuntime | null = null;
  private runtimeUses = 0;

  constructor(private readonly limits: ScriptLimits) {}

  async run(expression: string, input: Record<string, unknown>): Promise<unknown> {
    // Awaiting first also means the sandbox always starts on a short host stack.
    const module = await this.loadModule();
    const runtime = this.acquireRuntime(module);
    let context: QuickJSContext | null = null;
    const state = { jobsLeft: false };
    try {
      context = runtime.newContext();
      const deadline = Date.now() + this.limits.timeoutMs;
      runtime.setInterruptHandler(shouldInterruptAfterDeadline(deadline));
      return runInContext(context, expression, input, this.limits, deadline, state);
    } catch (error) {
      if (error instanceof SandboxCrashError) {
        // The WebAssembly instance may be corrupt: drop it without touching it again.
        context = null;
        this.module = null;
        this.runtime = null;
      }
      throw error;
    } finally {
      if (state.jobsLeft || this.runtimeUses >= EVALUATIONS_PER_RUNTIME) {
        // Promise jobs still queued at the deadline must never run inside a later evaluation, and
        // freeing a runtime a script left in a bad state can abort QuickJS: drop the instance.
        if (this.runtime === runtime) {
          this.module = null;
          this.runtime = null;
        }
      } else {
        context?.dispose();
      }
    }
  }

  async dispose(): Promise<void> {
    const runtime = this.runtime;
    this.runtime = null;
    this.module = null;
    try {
      runtime?.dispose();
    } catch {
      // A runtime a script left in a bad state; the instance is dropped either way.
    }
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
