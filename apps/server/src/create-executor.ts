/**
 * Builds the WorkflowExecutor over a set of stores with the Node runtime adapters (QuickJS, jq,
 * fetch with an allow-list, system clock, UUIDs).
 * @module
 */
import { availableParallelism } from 'node:os';
import { createWorkflowExecutor } from '@baton/engine';
import type { EventBus, WorkflowExecutor } from '@baton/engine';
import type { ScriptLimits } from '@baton/runtime';
import {
  FetchHttpCaller,
  InProcessEventSink,
  JqWasmEvaluator,
  QuickJsScriptEvaluator,
  SystemClock,
  UuidIdGenerator,
} from '@baton/runtime';
import { DurableEventSink } from './events/durable-event-sink.js';
import type { SinkRoute } from './events/durable-event-sink.js';
import type { ServerStores } from './stores-factory.js';

/** Options of {@link createExecutor}. */
export interface CreateExecutorOptions {
  httpAllowHosts?: readonly string[];
  /** Where `nats:<subject>` EVENT sinks publish (absent: such sinks fail the task). */
  nats?: SinkRoute;
  /**
   * Threads for scripts, and as many for jq (default: one per core, at least 2). Each workflow
   * definition gets at most all but one of them, and a thread that frees up goes to the
   * definition that used the least thread time lately (see WorkerPool in @baton/runtime).
   */
  scriptThreads?: number;
  /** Script limits (time, memory, stack, result size); jq gets the same time and result size. */
  scriptLimits?: Partial<ScriptLimits>;
  /** A start fails when a SIMPLE task has no registered TaskDef (Conductor's strict check). */
  strictTaskDefs?: boolean;
  /** Deepest SUB_WORKFLOW nesting (default 32; see ExecutorConfig). */
  maxSubWorkflowDepth?: number;
  /** Most branches of one dynamic fork (default 1,000; see ExecutorConfig). */
  maxDynamicForkBranches?: number;
}

/** Creates the executor; `events` receives every ExecutionEvent (for SSE and metrics). */
export function createExecutor(
  stores: Pick<ServerStores, 'executions' | 'definitions' | 'queue'>,
  events: EventBus,
  options: CreateExecutorOptions = {},
): WorkflowExecutor {
  const threads = options.scriptThreads ?? Math.max(2, availableParallelism());
  const evaluator = new QuickJsScriptEvaluator({ ...options.scriptLimits, threads });
  const { timeoutMs, maxResultBytes } = evaluator.limits;
  return createWorkflowExecutor({
    executions: stores.executions,
    definitions: stores.definitions,
    queue: stores.queue,
    clock: new SystemClock(),
    ids: new UuidIdGenerator(),
    evaluator,
    jq: new JqWasmEvaluator({ threads, timeoutMs, maxResultBytes }),
    http: new FetchHttpCaller(
      options.httpAllowHosts && options.httpAllowHosts.length > 0
        ? { allowHosts: options.httpAllowHosts }
        : {},
    ),
    eventSink: new DurableEventSink(stores.queue, new InProcessEventSink(), options.nats),
    events,
    config: {
      strictTaskDefs: options.strictTaskDefs === true,
      scriptResultMaxBytes: maxResultBytes,
      ...(options.maxSubWorkflowDepth !== undefined
        ? { maxSubWorkflowDepth: options.maxSubWorkflowDepth }
        : {}),
      ...(options.maxDynamicForkBranches !== undefined
        ? { maxDynamicForkBranches: options.maxDynamicForkBranches }
        : {}),
    },
  });
}
