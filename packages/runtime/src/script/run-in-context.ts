/**
 * One evaluation inside a prepared QuickJS context: bind `$`, run the script, convert the result to
 * JSON inside the sandbox, and turn sandbox errors into readable host errors.
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
}

/**
 * Runs `expression` with `$` = a JSON copy of `input` and returns the completion value as JSON.
 * @throws Error with the script's error, or a limit message; SandboxCrashError on a host failure.
 */
export function runInContext(
  context: QuickJSContext,
  expression: string,
  input: Record<string, unknown>,
  limits: Limits,
): unknown {
  let outcome: { ok: true; json: string | undefined } | { ok: false; error: unknown };
  try {
    outcome = runScript(context, expression, toJsonText(input));
  } catch (error) {
    throw new SandboxCrashError(error);
  }
  if (!outcome.ok) throw toScriptError(describeThrown(outcome.error), limits);
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

function runScript(
  context: QuickJSContext,
  expression: string,
  inputJson: string,
): { ok: true; json: string | undefined } | { ok: false; error: unknown } {
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
    own(result.value);

    // JSON.stringify runs inside the sandbox, so getters and toJSON stay under the limits.
    const text = context.callFunction(stringify, context.undefined, result.value);
    if (text.error) return { ok: false, error: dumpAndDispose(context, text.error) };
    own(text.value);
    return {
      ok: true,
      json: context.typeof(text.value) === 'string' ? context.getString(text.value) : undefined,
    };
  } finally {
    for (const h of handles) if (h.alive) h.dispose();
  }
}

function dumpAndDispose(context: QuickJSContext, handle: QuickJSHandle): unknown {
  try {
    return context.dump(handle);
  } finally {
    handle.dispose();
  }
}

/** The host error for a script failure, with readable messages for the limits. */
export function toScriptError(
  { name, message }: { name: string; message: string },
  limits: Limits,
): Error {
  if (name === 'InternalError' && message === 'interrupted') {
    return new Error(`Script exceeded the time limit of ${limits.timeoutMs} ms`);
  }
  if (name === 'InternalError' && message === 'out of memory') {
    return new Error(`Script exceeded the memory limit of ${formatBytes(limits.memoryBytes)}`);
  }
  if (message === 'stack overflow') {
    return new Error('Script exceeded the maximum call stack size');
  }
  return new Error(name === '' ? message : `${name}: ${message}`);
}

function describeThrown(dumped: unknown): { name: string; message: string } {
  if (typeof dumped === 'object' && dumped !== null && 'message' in dumped) {
    const { name, message } = dumped as { name?: unknown; message?: unknown };
    return { name: typeof name === 'string' ? name : 'Error', message: String(message) };
  }
  let text: string;
  try {
    text = typeof dumped === 'string' ? dumped : JSON.stringify(dumped);
  } catch {
    text = String(dumped);
  }
  return { name: '', message: `Script threw ${text}` };
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
