/**
 * @baton/runtime: Node implementations of the engine's ports: sandboxed JavaScript (QuickJS), jq
 * (jq-wasm), outbound HTTP with an address policy (undici), the system clock, UUIDs and an
 * in-process event sink.
 * @module
 */

/** Scripts */
export type { QuickJsScriptEvaluatorOptions } from './script/quickjs-script-evaluator.js';
export { QuickJsScriptEvaluator, toFunctionBodyScript } from './script/quickjs-script-evaluator.js';
export type { ScriptLimits } from './script/sandbox.js';
export { DEFAULT_SCRIPT_LIMITS } from './script/sandbox.js';
export { JqWasmEvaluator } from './jq/jq-wasm-evaluator.js';

/** HTTP */
export type { FetchHttpCallerOptions } from './http/fetch-http-caller.js';
export { FetchHttpCaller } from './http/fetch-http-caller.js';
export { AddressPolicy, AddressRefusedError } from './http/address-policy.js';

/** Clock, ids, events */
export { SystemClock } from './system/system-clock.js';
export { UuidIdGenerator } from './system/uuid-id-generator.js';
export type {
  PublishedEvent,
  EventSinkListener,
  InProcessEventSinkOptions,
} from './system/in-process-event-sink.js';
export { InProcessEventSink } from './system/in-process-event-sink.js';
