/**
 * The program of a jq thread (plain JavaScript, see `sandbox-worker-source.ts` for why): loads jq,
 * posts `{ ready: true }`, then answers
 * `{ id, query, inputJson }` with `{ id, ok: true, output }` (jq's compact output, one result per
 * line), `{ id, ok: false, tooLarge }` (the output's size in bytes, over `maxOutputBytes`) or
 * `{ id, ok: false, message }`; a WebAssembly trap answers `{ id, crashed }` and ends the
 * thread.
 * @module
 */
export const JQ_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const jq = require(workerData.jqPath);
jq.raw('null', '.').then(
  () => parentPort.postMessage({ ready: true }),
  () => process.exit(1),
);
parentPort.on('message', async (request) => {
  try {
    const output = await jq.raw(request.inputJson, request.query, ['-c']);
    const size = output.length > workerData.maxOutputBytes ? output.length : Buffer.byteLength(output);
    if (size > workerData.maxOutputBytes) parentPort.postMessage({ id: request.id, ok: false, tooLarge: size });
    else parentPort.postMessage({ id: request.id, ok: true, output });
  } catch (error) {
    const message = String((error && error.message) || error);
    if (error instanceof WebAssembly.RuntimeError) {
      parentPort.postMessage({ id: request.id, crashed: message });
      process.exit(1);
    }
    parentPort.postMessage({ id: request.id, ok: false, message: message.slice(0, 16384) });
  }
});
`;
