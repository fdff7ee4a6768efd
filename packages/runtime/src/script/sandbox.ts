/**
 * What the evaluator needs from a place that runs scripts, and the limits it applies.
 * @module
 */

/** Limits applied to every evaluation. */
export interface ScriptLimits {
  /** Wall-clock limit per evaluation; Conductor's is 4 s. */
  timeoutMs: number;
  /** Heap limit of the QuickJS runtime. */
  memoryBytes: number;
  /**
   * QuickJS stack limit. Kept well below the host's own stack, so deep recursion ends as a script
   * error inside the sandbox instead of a host stack overflow.
   */
  stackBytes: number;
  /** Largest result, in bytes of its JSON text; a larger one fails the evaluation. */
  maxResultBytes: number;
}

/** Defaults: 4 s, 32 MiB, 128 KiB of stack (about 700 nested calls), 1 MiB of result. */
export const DEFAULT_SCRIPT_LIMITS: ScriptLimits = {
  timeoutMs: 4_000,
  memoryBytes: 32 * 1024 * 1024,
  stackBytes: 128 * 1024,
  maxResultBytes: 1024 * 1024,
};

/** A runtime is replaced after this many evaluations so that leaks inside QuickJS cannot pile up. */
export const EVALUATIONS_PER_RUNTIME = 5_000;

/** Runs one script with `$` bound to a JSON copy of `input`; resolves to the JSON result. */
export interface Sandbox {
  /** `key` groups evaluations for fair sharing of the threads (see WorkerPool). */
  run(expression: string, input: Record<string, unknown>, key?: string): Promise<unknown>;
  dispose(): Promise<void>;
}
