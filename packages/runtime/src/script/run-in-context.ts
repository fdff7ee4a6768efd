/**
 * One evaluation inside a prepared QuickJS context: bind `$`, run the script, settle a promise it
 * returns, convert the result to JSON inside the sandbox, and turn sandbox errors into readable host
 * errors. The thread program (`sandbox-worker-source.ts`) follows the same steps.
 * @module
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';

/** Thrown when the WebAssembly instance itself failed (not the script); the module is discarded. */
export class SandboxCrashError extends Error {
  constructor(cause: unknown) {
    super(`Script sandbox crashed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'SandboxCrashError';
  }
}

interface Limits {
  timeoutMs: number;
  memoryBytes: number;
  maxResultBytes: number;
}

/**
 * How a script failed, as the sandbox reports it: the thrown value's `name` and `message`, plus
 * `kind` when the failure is not a plain throw.
 */
export interface ScriptFailure {
  name: string;
  message: string;
  /**
   * `rejected`: the script's promise was rejected with name/message; `pending`: its promise never
   * settled; `tooLarge`: its JSON result has `size` UTF-8 bytes (or more UTF-16 units than the cap).
   */
  kind?: 'rejected' | 'pending' | 'tooLarge';
  size?: number;
}

/** Longest thrown message copied out of the sandbox; the engine cuts reasons shorter still. */
export const MAX_THROWN_MESSAGE_CHARS = 16 * 1024;

type Outcome = { ok: true; json: string | undefined } | { ok: false; error: ScriptFailure };

/**
 * Runs `expression` with `$` = a JSON copy of `input` and returns the completion value as JSON.
 * A returned promise is settled by running the runtime's pending jobs until `deadline`.
 * `jobsLeft` is set when jobs were still pending at the deadline (the runtime must be dropped, so
 * they never run inside a later evaluation).
 * @throws Error with the script's error, or a limit message; SandboxCrashError on a host failure.
 */
export function runInContext(
  context: QuickJSContext,
  expression: string,
  input: Record<string, unknown>,
  limits: Limits,
  deadline: number,
  state: { jobsLeft: boolean } = { jobsLeft: false },
): unknown {
  let outcome: Outcome;
  try {
    outcome = runScript(context, expression, toJsonText(input), limits.maxResultBytes, deadline);
  } catch (error) {
    throw new SandboxCrashError(error);
  }
  // Past the deadline QuickJS may report the interrupt as another error (a builtin interrupted
  // half-way says "not a function"): a script that failed after its deadline ran out of time.
  if (!outcome.ok && outcome.error.kind !== 'tooLarge' && Date.now() > deadline) {
    outcome = { ok: false, error: INTERRUPTED };
  }
  state.jobsLeft = context.runtime.hasPendingJob();
  if (!outcome.ok) throw toScriptError(outcome.error, limits);
  return outcome.json === undefined ? null : (JSON.parse(outcome.json) as unknown);
}

/** JSON text of the input. @throws Error when the input cannot be serialised. */
export function toJsonText(input: Record<string, unknown>): string {
  try {
    return JSON.stringify(input) ?? 'null';
  } catch (error) {
    throw new Error(`Script input is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** Runs pending promise jobs until none is left or the deadline passed; true when done in time. */
function drainJobs(context: QuickJSContext, deadline: number): boolean {
  const runtime = context.runtime;
  while (runtime.hasPendingJob()) {
    if (Date.now() > deadline) return false;
    const ran = runtime.executePendingJobs(1000);
    if (ran.error) ran.error.dispose();
  }
  // A job that ran into the deadline was interrupted (its promise swallowed the error): that is a
  // script over its time limit too.
  return Date.now() <= deadline;
}

const INTERRUPTED: ScriptFailure = { name: 'InternalError', message: 'interrupted' };

function runScript(
  context: QuickJSContext,
  expression: string,
  inputJson: string,
  maxResultBytes: number,
  deadline: number,
): Outcome {
  const handles: QuickJSHandle[] = [];
  const own = (h: QuickJSHandle): QuickJSHandle => (handles.push(h), h);
  try {
    const json = own(context.getProp(context.global, 'JSON'));
    const parse = own(context.getProp(json, 'parse'));
    const stringify = own(context.getProp(json, 'stringify'));
    const parsed = context.callFunction(
      parse,
      context.undefined,
      own(context.newString(inputJson)),
    );
    if (parsed.error) return { ok: false, error: dumpAndDispose(context, parsed.error) };
    context.setProp(context.global, '$', own(parsed.value));

    const result = context.evalCode(expression, 'script.js');
    if (result.error) return { ok: false, error: dumpAndDispose(context, result.error) };
    let value = own(result.value);

    // Microtasks run after the script, as in any JavaScript host; a returned promise is settled.
    const drained = drainJobs(context, deadline);
    const promise = context.getPromiseState(value);
    if (promise.type === 'pending') {
      return { ok: false, error: drained ? { ...INTERRUPTED, kind: 'pending' } : INTERRUPTED };
    }
    if (promise.type === 'rejected') {
      return { ok: false, error: { ...dumpAndDispose(context, promise.error), kind: 'rejected' } };
    }
    if (promise.notAPromise !== true) value = own(promise.value);
    if (!drained) return { ok: false, error: INTERRUPTED };

    // JSON.stringify runs inside the sandbox, so getters and toJSON stay under the limits.
    const text = context.callFunction(stringify, context.undefined, value);
    if (text.error) return { ok: false, error: dumpAndDispose(context, text.error) };
    own(text.value);
    if (context.typeof(text.value) !== 'string') return { ok: true, json: undefined };
    const units = context.getNumber(own(context.getProp(text.value, 'length')));
    if (units > maxResultBytes) return { ok: false, error: tooLarge(units) };
    const out = context.getString(text.value);
    const bytes = Buffer.byteLength(out);
    return bytes > maxResultBytes ? { ok: false, error: tooLarge(bytes) } : { ok: true, json: out };
  } finally {
    for (const h of handles) if (h.alive) h.dispose();
  }
}

function tooLarge(size: number): ScriptFailure {
  return { name: '', message: '', kind: 'tooLarge', size };
}

function dumpAndDispose(context: QuickJSContext, handle: QuickJSHandle): ScriptFailure {
  try {
    return errorFields(context, handle) ?? describeThrown(context.dump(handle));
  } finally {
    handle.dispose();
  }
}

/**
 * `name` and `message` of a thrown object that has a message, read as properties: `dump` goes
 * through JSON.stringify, which a script may have broken (`Object.prototype.toJSON`).
 */
function errorFields(context: QuickJSContext, handle: QuickJSHandle): ScriptFailure | null {
  if (context.typeof(handle) !== 'object' || context.eq(handle, context.null)) return null;
  try {
    const message = context.getProp(handle, 'message');
    const name = context.getProp(handle, 'name');
    try {
      if (context.typeof(message) === 'undefined') return null;
      const text = (h: QuickJSHandle): string =>
        context.typeof(h) === 'string' ? context.getString(h) : String(context.dump(h));
      return {
        name: context.typeof(name) === 'string' ? context.getString(name).slice(0, 200) : 'Error',
        message: text(message).slice(0, MAX_THROWN_MESSAGE_CHARS),
      };
    } finally {
      message.dispose();
      name.dispose();
    }
  } catch {
    return null;
  }
}

/** The host error for a script failure, with readable messages for the limits. */
export function toScriptError(failure: ScriptFailure, limits: Limits): Error {
  const { name, message, kind } = failure;
  if (kind === 'tooLarge') {
    return new Error(
      `Script result is ${failure.size ?? 0} bytes of JSON, more than the limit of ${limits.maxResultBytes} bytes`,
    );
  }
  if (name === 'InternalError' && message === 'interrupted') {
    return new Error(
      kind === 'pending'
        ? 'Script returned a promise that never settled'
        : `Script exceeded the time limit of ${limits.timeoutMs} ms`,
    );
  }
  if (name === 'InternalError' && message === 'out of memory') {
    return new Error(`Script exceeded the memory limit of ${formatBytes(limits.memoryBytes)}`);
  }
  if (message === 'stack overflow') {
    return new Error('Script exceeded the maximum call stack size');
  }
  const text = name === '' ? message : `${name}: ${message}`;
  return new Error(kind === 'rejected' ? `Script returned a rejected promise: ${text}` : text);
}

function describeThrown(dumped: unknown): ScriptFailure {
  if (typeof dumped === 'object' && dumped !== null && 'message' in dumped) {
    const { name, message } = dumped as { name?: unknown; message?: unknown };
    return {
      name: typeof name === 'string' ? name.slice(0, 200) : 'Error',
      message: String(message).slice(0, MAX_THROWN_MESSAGE_CHARS),
    };
  }
  let text: string;
  try {
    text = typeof dumped === 'string' ? dumped : JSON.stringify(dumped);
  } catch {
    text = String(dumped);
  }
  return { name: '', message: `Script threw ${String(text).slice(0, MAX_THROWN_MESSAGE_CHARS)}` };
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
