/**
 * Builds the WorkflowExecutor over a set of stores with the Node runtime adapters (QuickJS, jq,
 * fetch with an allow-list, system clock, UUIDs).
 * @module
 */
import { createWorkflowExecutor } from '@baton/engine';
import type { EventBus, WorkflowExecutor } from '@baton/engine';
import {
  FetchHttpCaller,
  InProcessEventSink,
  JqWasmEvaluator,
  QuickJsScriptEvaluator,
  SystemClock,
  UuidIdGenerator,
} from '@baton/runtime';
import type { ServerStores } from './stores-factory.js';

/**
 * Creates the executor; `events` receives every ExecutionEvent (for SSE and metrics).
 * `strictTaskDefs` makes a start fail when a SIMPLE task has no registered TaskDef.
 */
export function createExecutor(
  stores: Pick<ServerStores, 'executions' | 'definitions' | 'queue'>,
  events: EventBus,
  options: { httpAllowHosts?: readonly string[]; strictTaskDefs?: boolean } = {},
): WorkflowExecutor {
  return createWorkflowExecutor({
    executions: stores.executions,
    definitions: stores.definitions,
    queue: stores.queue,
    clock: new SystemClock(),
    ids: new UuidIdGenerator(),
    evaluator: new QuickJsScriptEvaluator(),
    jq: new JqWasmEvaluator(),
    http: new FetchHttpCaller(
      options.httpAllowHosts && options.httpAllowHosts.length > 0
        ? { allowHosts: options.httpAllowHosts }
        : {},
    ),
    eventSink: new InProcessEventSink(),
    events,
    config: { strictTaskDefs: options.strictTaskDefs === true },
  });
}
