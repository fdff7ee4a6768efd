/**
 * Builders and helpers shared by the conformance suite's sections.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { Workflow } from '../../model/workflow.js';
import type { WorkflowDef } from '../../model/workflow-def.js';
import type { Clock } from '../../ports/clock.js';
import type { DefinitionStore } from '../../ports/definition-store.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { ScheduleStore } from '../../ports/schedule-store.js';
import type { EventHandlerStore } from '../../ports/event-handler-store.js';
import type { ExecutionStore, SearchRequest } from '../../ports/execution-store.js';
import type { TaskQueue } from '../../ports/task-queue.js';
import { isBatonError, type ErrorCode } from '../../errors.js';

/** A clock the suite can move forward; adapters that take a Clock should be given one. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** What an adapter hands the suite for one test. */
export interface ConformanceStores {
  executions: ExecutionStore;
  definitions: DefinitionStore;
  queue: TaskQueue;
  /** Omit when the adapter has no event bus. */
  events?: EventBus;
  /** Omit when the adapter has no event handler store. */
  eventHandlers?: EventHandlerStore;
  /** Omit when the adapter has no schedule store. */
  schedules?: ScheduleStore;
  /**
   * The clock the queue reads for delays and leases. When given, the suite advances it instead of
   * sleeping; when absent, the suite sleeps for real.
   */
  clock?: ManualClock;
  cleanup(): Promise<void>;
}

/** Creates a fresh, empty set of stores for each test. */
export type CreateConformanceStores = () => Promise<ConformanceStores>;

/** Returns the stores of the running test (set by the suite's beforeEach). */
export type GetStores = () => ConformanceStores;

let counter = 0;

/** A name unique within this process, so sections never see each other's data. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A clock starting at a fixed instant, moved only by `advance`. */
export function createManualClock(start = 1_700_000_000_000): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A real sleep (the engine has no timer types, so the host's is looked up). */
export function sleep(ms: number): Promise<void> {
  const host = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown };
  return new Promise((resolve) => host.setTimeout(resolve, ms));
}

/** Moves the stores' clock, or sleeps when they run on real time. */
export async function elapse(stores: ConformanceStores, ms: number): Promise<void> {
  if (stores.clock) stores.clock.advance(ms);
  else await sleep(ms);
}

/** Resolves to the error code the promise rejects with (fails the test if it resolves). */
export async function errorCodeOf(promise: Promise<unknown>): Promise<ErrorCode | string> {
  try {
    await promise;
  } catch (e) {
    return isBatonError(e) ? e.code : `not a BatonError: ${String(e)}`;
  }
  return 'resolved without error';
}

export function workflowDef(
  name: string,
  version = 1,
  extra: Partial<WorkflowDef> = {},
): WorkflowDef {
  return {
    name,
    version,
    schemaVersion: 2,
    tasks: [{ name: 'task_a', taskReferenceName: 'a', type: 'SIMPLE', inputParameters: {} }],
    ...extra,
  };
}

export function workflow(name: string, overrides: Partial<Workflow> = {}): Workflow {
  const workflowId = overrides.workflowId ?? uniqueName('wf');
  return {
    workflowId,
    workflowName: name,
    workflowVersion: 1,
    status: 'RUNNING',
    correlationId: null,
    input: { orderId: 'order-1' },
    output: {},
    variables: {},
    tasks: [],
    createTime: 1_000,
    startTime: 1_000,
    updateTime: 1_000,
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    priority: 0,
    workflowDefinition: workflowDef(name),
    ...overrides,
  };
}

export function task(wf: Workflow, seq: number, overrides: Partial<Task> = {}): Task {
  return {
    taskId: overrides.taskId ?? uniqueName('task'),
    taskType: 'task_a',
    taskDefName: 'task_a',
    referenceTaskName: `ref_${seq}`,
    status: 'SCHEDULED',
    inputData: { n: seq },
    outputData: {},
    seq,
    retryCount: 0,
    retried: false,
    executed: false,
    pollCount: 0,
    correlationId: wf.correlationId ?? null,
    workflowInstanceId: wf.workflowId,
    workflowType: wf.workflowName,
    workflowPriority: wf.priority,
    scheduledTime: 1_000 + seq,
    startTime: 0,
    endTime: 0,
    updateTime: 1_000 + seq,
    startDelayInSeconds: 0,
    callbackAfterSeconds: 0,
    responseTimeoutSeconds: 3600,
    callbackFromWorker: true,
    iteration: 0,
    workflowTask: { name: 'task_a', taskReferenceName: `ref_${seq}`, type: 'SIMPLE' },
    ...overrides,
  };
}

/** A search request with defaults (everything, first page of 100, default order). */
export function searchRequest(overrides: Partial<SearchRequest> = {}): SearchRequest {
  return { start: 0, size: 100, sort: [], query: null, freeText: '*', ...overrides };
}
