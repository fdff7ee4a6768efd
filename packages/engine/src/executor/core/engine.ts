/**
 * The executor's internal context: ports, settings and a fresh DecideContext per pass.
 * @module
 */
import type { DecideContext } from '../../decider/outcome.js';
import type { Workflow } from '../../model/workflow.js';
import type { StartWorkflowRequest } from '../../model/workflow-def.js';
import { lazyParamsDocument } from '../../params/params-document.js';
import { resolveValue } from '../../params/resolve-params.js';
import { resolveTaskInput } from '../../params/task-input.js';
import type { ExecutorDeps, OperationStats } from '../executor-api.js';
import { HotTables } from './hot-tables.js';
import type { TaskTimeoutListener } from './timeout-alerts.js';

/** Executor operations other modules call back into (late-bound to avoid import cycles). */
export interface EngineOps {
  startWorkflow(request: StartWorkflowRequest, options?: StartOptions): Promise<string>;
  terminate(workflowId: string, reason?: string): Promise<void>;
  /** Copies a terminal child's status onto its parent's SUB_WORKFLOW task and decides the parent. */
  notifyParent(child: Workflow): Promise<void>;
}

/** How a workflow is started on behalf of the engine (sub-workflows, failure workflows). */
export interface StartOptions {
  workflowId?: string;
  parentWorkflowId?: string;
  parentWorkflowTaskId?: string;
}

export interface Engine {
  deps: ExecutorDeps;
  ops: EngineOps;
  offsetMs: number;
  leaseMs: number;
  strictTaskDefs: boolean;
  /** When this process last wrote poll data, by task type, domain and worker (see poll.ts). */
  recordedPolls: Map<string, number>;
  /** Decider-queue messages this process pushed, by workflow (see queue-sync.ts armDecider). */
  armedDeciders: Map<string, ArmedDecider>;
  /** Who hears about task timeouts (see timeout-alerts.ts). */
  timeoutListeners: Set<TaskTimeoutListener>;
  /** Tasks whose timeout this process has reported. */
  reportedTimeouts: Set<string>;
  /** Deepest SUB_WORKFLOW nesting: a child deeper than this fails its task (default 32). */
  maxSubWorkflowDepth: number;
  /** Consecutive sweeps that changed nothing, by workflow (see sweep.ts idleBackoffMs). */
  idleSweeps: Map<string, number>;
  /** Async system tasks running in this process, by type (see system-tasks.ts). */
  systemTasksInFlight: Map<string, SystemTasksInFlight>;
  /** Most async system tasks of one type running at once in this process. */
  systemTaskConcurrency: number;
  /** Task tables of the executions this process saved last (see hot-tables.ts). */
  hotTables: HotTables;
  /** What `operationStats()` reports (see session.ts). */
  stats: OperationStats;
  decideContext(): DecideContext;
}

/** Default of `ExecutorConfig.maxSubWorkflowDepth`. */
export const DEFAULT_MAX_SUBWORKFLOW_DEPTH = 32;

/** Default of `ExecutorConfig.maxDynamicForkBranches`. */
export const DEFAULT_MAX_DYNAMIC_FORK_BRANCHES = 1_000;

/** Default of `ExecutorConfig.systemTaskConcurrency`. */
export const DEFAULT_SYSTEM_TASK_CONCURRENCY = 200;

/** The async system tasks of one type this process is running. */
export interface SystemTasksInFlight {
  tasks: Set<Promise<boolean>>;
  /** The first failure not yet reported to a caller of runSystemTasks. */
  failure: { error: unknown } | undefined;
}

/** A decider-queue message this process pushed for the execution at `revision`. */
export interface ArmedDecider {
  revision: number;
  dueAt: number;
}

/** Builds the internal context from the executor's dependencies. */
export function createEngine(deps: ExecutorDeps, ops: EngineOps): Engine {
  const documents = new WeakMap<Workflow, Record<string, unknown>>();
  const documentOf = (workflow: Workflow): Record<string, unknown> => {
    let document = documents.get(workflow);
    if (!document) {
      document = lazyParamsDocument(workflow);
      documents.set(workflow, document);
    }
    return document;
  };
  return {
    deps,
    ops,
    offsetMs: deps.config?.workflowOffsetTimeoutMs ?? 30_000,
    leaseMs: deps.config?.queueLeaseMs ?? 60_000,
    strictTaskDefs: deps.config?.strictTaskDefs ?? false,
    recordedPolls: new Map(),
    armedDeciders: new Map(),
    idleSweeps: new Map(),
    timeoutListeners: new Set(),
    reportedTimeouts: new Set(),
    maxSubWorkflowDepth: deps.config?.maxSubWorkflowDepth ?? DEFAULT_MAX_SUBWORKFLOW_DEPTH,
    systemTasksInFlight: new Map(),
    hotTables: new HotTables(),
    stats: { conflicts: 0, staleCopies: 0, hotTableHits: 0, hotTableMisses: 0 },
    systemTaskConcurrency: Math.max(
      1,
      deps.config?.systemTaskConcurrency ?? DEFAULT_SYSTEM_TASK_CONCURRENCY,
    ),
    decideContext: () => ({
      now: deps.clock.now(),
      maxDynamicForkBranches:
        deps.config?.maxDynamicForkBranches ?? DEFAULT_MAX_DYNAMIC_FORK_BRANCHES,
      newId: () => deps.ids.newId(),
      resolveInput: (params, workflow, task) =>
        resolveTaskInput(params, task.taskDefinition ?? null, {
          workflow,
          taskId: task.taskId,
          document: documentOf(workflow),
        }),
      resolveValue: (value, workflow) =>
        resolveValue(value, { workflow, document: documentOf(workflow) }),
    }),
  };
}
