/**
 * The program of a sandbox thread, kept as plain JavaScript text so that it runs unchanged whether
 * this package is executed from source (tsx, Vitest) or bundled (tsup): `new Worker(source,
 * { eval: true })`. It loads QuickJS once, posts `{ ready: true }`, then answers `{ id, expression, inputJson }` messages with
 * `{ id, ok: true, json }` or `{ id, ok: false, error: { name, message } }`, plus `heapBytes`, the
 * size of the WebAssembly memory (which never shrinks; the host replaces the thread when it is large).
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

function getRuntime(mod) {
  if (runtime !== null && uses >= workerData.evaluationsPerRuntime) {
    runtime.dispose();
    runtime = null;
  }
  if (runtime === null) {
    runtime = mod.newRuntime();
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(limits.stackBytes);
    uses = 0;
  }
  uses += 1;
  return runtime;
}

function dump(ctx, handle) {
  try {
    const value = ctx.dump(handle);
    if (value !== null && typeof value === 'object' && 'message' in value) {
      return { name: typeof value.name === 'string' ? value.name : 'Error', message: String(value.message) };
    }
    let text;
    try { text = typeof value === 'string' ? value : JSON.stringify(value); } catch (e) { text = String(value); }
    return { name: '', message: 'Script threw ' + text };
  } finally {
    handle.dispose();
  }
}

function run(ctx, expression, inputJson) {
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
    own(result.value);
    const text = ctx.callFunction(stringify, ctx.undefined, result.value);
    if (text.error) return { ok: false, error: dump(ctx, text.error) };
    own(text.value);
    return { ok: true, json: ctx.typeof(text.value) === 'string' ? ctx.getString(text.value) : undefined };
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
    rt.setInterruptHandler(quickjs.shouldInterruptAfterDeadline(Date.now() + limits.timeoutMs));
    outcome = run(ctx, job.expression, job.inputJson);
    ctx.dispose();
    ctx = null;
  } catch (error) {
    parentPort.postMessage({ id: job.id, crashed: String((error && error.message) || error) });
    process.exit(1);
  }
  parentPort.postMessage({ id: job.id, heapBytes: mod.module && mod.module.HEAPU8 ? mod.module.HEAPU8.length : 0, ...outcome });
});
`;
