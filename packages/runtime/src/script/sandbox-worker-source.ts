/**
 * The program of a sandbox thread, kept as plain JavaScript text so that it runs unchanged whether
 * this package is executed from source (tsx, Vitest) or bundled (tsup): `new Worker(source,
 * { eval: true })`. It loads QuickJS once, posts `{ ready: true }`, then answers `{ id, expression, inputJson }` messages with
 * `{ id, ok: true, json }` or `{ id, ok: false, error: { name, message, kind?, size? } }` (see `ScriptFailure`), plus `heapBytes`, the
 * size of the WebAssembly memory (which never shrinks; the host replaces the thread when it is large),
 * and `recycle: true` when the thread must be replaced (promise jobs were left at the deadline, or
 * its runtime has run `evaluationsPerRuntime` evaluations).
 * A failure of the WebAssembly instance itself ends the thread after answering `{ id, crashed }`.
 * @module
 */
export const SANDBOX_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const quickjs = require(workerData.quickjsPath);
const limits = workerData.limits;
const modulePromise = quickjs.newQuickJSWASMModule();
modulePromise.then(
  () => parentPort.postMessage({ ready: true }),
  () => process.exit(1),
);
let runtime = null;
let uses = 0;

// The runtime is never freed here: freeing one that a script left in a bad state (promise jobs,
// an allocation failure) can abort QuickJS. After evaluationsPerRuntime evaluations the reply asks
// the host to replace the thread instead.
function getRuntime(mod) {
  if (runtime === null) {
    runtime = mod.newRuntime();
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(limits.stackBytes);
    uses = 0;
  }
  uses += 1;
  return runtime;
}

const MAX_MESSAGE = workerData.maxMessageChars;
function describe(value) {
  if (value !== null && typeof value === 'object' && 'message' in value) {
    return {
      name: typeof value.name === 'string' ? value.name.slice(0, 200) : 'Error',
      message: String(value.message).slice(0, MAX_MESSAGE),
    };
  }
  let text;
  try { text = typeof value === 'string' ? value : JSON.stringify(value); } catch (e) { text = String(value); }
  return { name: '', message: 'Script threw ' + String(text).slice(0, MAX_MESSAGE) };
}
function errorFields(ctx, handle) {
  if (ctx.typeof(handle) !== 'object' || ctx.eq(handle, ctx.null)) return null;
  try {
    const message = ctx.getProp(handle, 'message');
    const name = ctx.getProp(handle, 'name');
    try {
      if (ctx.typeof(message) === 'undefined') return null;
      const text = (h) => (ctx.typeof(h) === 'string' ? ctx.getString(h) : String(ctx.dump(h)));
      return {
        name: ctx.typeof(name) === 'string' ? ctx.getString(name).slice(0, 200) : 'Error',
        message: text(message).slice(0, MAX_MESSAGE),
      };
    } finally {
      message.dispose();
      name.dispose();
    }
  } catch (e) {
    return null;
  }
}
function dump(ctx, handle) {
  try {
    return errorFields(ctx, handle) || describe(ctx.dump(handle));
  } finally {
    handle.dispose();
  }
}
function drainJobs(rt, deadline) {
  while (rt.hasPendingJob()) {
    if (Date.now() > deadline) return false;
    const ran = rt.executePendingJobs(1000);
    if (ran.error) ran.error.dispose();
  }
  return Date.now() <= deadline;
}
const INTERRUPTED = { name: 'InternalError', message: 'interrupted' };
function run(rt, ctx, expression, inputJson, deadline) {
  const handles = [];
  const own = (h) => (handles.push(h), h);
  try {
    const json = own(ctx.getProp(ctx.global, 'JSON'));
    const parse = own(ctx.getProp(json, 'parse'));
    const stringify = own(ctx.getProp(json, 'stringify'));
    const parsed = ctx.callFunction(parse, ctx.undefined, own(ctx.newString(inputJson)));
    if (parsed.error) return { ok: false, error: dump(ctx, parsed.error) };
    ctx.setProp(ctx.global, '$', own(parsed.value));
    const result = ctx.evalCode(expression, 'script.js');
    if (result.error) return { ok: false, error: dump(ctx, result.error) };
    let value = own(result.value);
    const drained = drainJobs(rt, deadline);
    const promise = ctx.getPromiseState(value);
    if (promise.type === 'pending') {
      return { ok: false, error: drained ? Object.assign({ kind: 'pending' }, INTERRUPTED) : INTERRUPTED };
    }
    if (promise.type === 'rejected') {
      return { ok: false, error: Object.assign(dump(ctx, promise.error), { kind: 'rejected' }) };
    }
    if (promise.notAPromise !== true) value = own(promise.value);
    if (!drained) return { ok: false, error: INTERRUPTED };
    const text = ctx.callFunction(stringify, ctx.undefined, value);
    if (text.error) return { ok: false, error: dump(ctx, text.error) };
    own(text.value);
    if (ctx.typeof(text.value) !== 'string') return { ok: true, json: undefined };
    const units = ctx.getNumber(own(ctx.getProp(text.value, 'length')));
    if (units > limits.maxResultBytes) return { ok: false, error: { name: '', message: '', kind: 'tooLarge', size: units } };
    const out = ctx.getString(text.value);
    const bytes = Buffer.byteLength(out);
    if (bytes > limits.maxResultBytes) return { ok: false, error: { name: '', message: '', kind: 'tooLarge', size: bytes } };
    return { ok: true, json: out };
  } finally {
    for (const h of handles) if (h.alive) h.dispose();
  }
}
parentPort.on('message', async (job) => {
  const mod = await modulePromise;
  let ctx = null;
  let outcome;
  try {
    const rt = getRuntime(mod);
    ctx = rt.newContext();
    const deadline = Date.now() + limits.timeoutMs;
    rt.setInterruptHandler(quickjs.shouldInterruptAfterDeadline(deadline));
    outcome = run(rt, ctx, job.expression, job.inputJson, deadline);
    // Past the deadline QuickJS may report the interrupt as another error: it ran out of time.
    if (!outcome.ok && outcome.error.kind !== 'tooLarge' && Date.now() > deadline) {
      outcome = { ok: false, error: INTERRUPTED };
    }
    if (rt.hasPendingJob() || uses >= workerData.evaluationsPerRuntime) {
      // Promise jobs still queued at the deadline must never run inside a later evaluation: the
      // host replaces this thread (as it does after evaluationsPerRuntime evaluations).
      outcome = Object.assign({ recycle: true }, outcome);
    } else {
      ctx.dispose();
    }
    ctx = null;
  } catch (error) {
    parentPort.postMessage({ id: job.id, crashed: String((error && error.message) || error) });
    process.exit(1);
  }
  parentPort.postMessage({ id: job.id, heapBytes: mod.module && mod.module.HEAPU8 ? mod.module.HEAPU8.length : 0, ...outcome });
});
`;
