/**
 * The engine's public operations: what the server (or an in-process runner) calls. Implemented by
 * `createWorkflowExecutor` over the ports; holds no state of its own between calls, so any number
 * of executors (servers) may share one set of stores.
 * @module
 */
import type { Task, TaskResult } from '../model/task.js';
import type { TaskResultStatus } from '../model/status.js';
import type { Workflow } from '../model/workflow.js';
import type {
  RerunWorkflowRequest,
  SkipTaskRequest,
  StartWorkflowRequest,
} from '../model/workflow-def.js';
import type { Clock } from '../ports/clock.js';
import type { DefinitionStore } from '../ports/definition-store.js';
import type { ScriptEvaluator, JqEvaluator } from '../ports/evaluator.js';
import type { EventBus } from '../ports/event-bus.js';
import type { EventSink } from '../ports/event-sink.js';
import type { ExecutionStore } from '../ports/execution-store.js';
import type { HttpCaller } from '../ports/http-caller.js';
import type { IdGenerator } from '../ports/ids.js';
import type { TaskQueue } from '../ports/task-queue.js';
import type { TaskTimeoutListener } from './core/timeout-alerts.js';

export interface ExecutorConfig {
  /** Reject starts whose SIMPLE tasks have no registered TaskDef (Conductor 2.x behaviour). Default false. */
  strictTaskDefs?: boolean;
  /** Default decider-queue re-check offset when nothing is due sooner (Conductor: 30 s). */
  workflowOffsetTimeoutMs?: number;
  /** Lease on popped worker-task messages before redelivery (Conductor's unack timeout, 60 s). */
  queueLeaseMs?: number;
  /**
   * Largest result of a script (INLINE, LAMBDA, javascript SWITCH/DECISION, loopCondition) or jq,
   * in bytes of its JSON; a larger one fails the task with a reason giving both sizes. Default
   * 1 MiB.
   */
  scriptResultMaxBytes?: number;
  /** Async system tasks of one type running at once in this process (see runSystemTasks). Default 200. */
  systemTaskConcurrency?: number;
  /**
   * Deepest SUB_WORKFLOW nesting (a top-level workflow is at depth 0, its child at 1): starting a
   * child deeper than this fails the SUB_WORKFLOW task with a reason giving both. Default 32.
   * Conductor has no limit; a workflow that starts itself would nest for ever.
   */
  maxSubWorkflowDepth?: number;
  /**
   * Most branches one FORK_JOIN_DYNAMIC may create; a larger fan-out fails the workflow with a
   * reason giving both numbers. Default 1,000. Conductor has no limit.
   */
  maxDynamicForkBranches?: number;
}

export interface ExecutorDeps {
  executions: ExecutionStore;
  definitions: DefinitionStore;
  queue: TaskQueue;
  clock: Clock;
  ids: IdGenerator;
  evaluator: ScriptEvaluator;
  jq: JqEvaluator;
  http: HttpCaller;
  eventSink?: EventSink;
  events?: EventBus;
  config?: ExecutorConfig;
}

/** Async system task types run by server-side workers via `runSystemTasks`. */
export const ASYNC_SYSTEM_TASK_TYPES = [
  'HTTP',
  'WAIT',
  'SUB_WORKFLOW',
  'START_WORKFLOW',
  'JOIN',
  'EVENT',
  'KAFKA_PUBLISH',
] as const;

export interface PollOptions {
  workerId?: string;
  domain?: string;
  count: number;
}

export interface WorkflowExecutor {
  /** Starts a workflow, runs the first decide synchronously, returns its id. */
  startWorkflow(request: StartWorkflowRequest): Promise<string>;
  /** @throws WORKFLOW_NOT_FOUND */
  getWorkflow(workflowId: string, options?: { includeTasks?: boolean }): Promise<Workflow>;
  /** Runs the decider now (no-op for terminal workflows). */
  decide(workflowId: string): Promise<void>;
  pause(workflowId: string): Promise<void>;
  resume(workflowId: string): Promise<void>;
  terminate(workflowId: string, reason?: string): Promise<void>;
  restart(workflowId: string, options?: { useLatestDefinitions?: boolean }): Promise<void>;
  retry(workflowId: string, options?: { resumeSubworkflowTasks?: boolean }): Promise<void>;
  /** Returns the (same) workflow id. */
  rerun(workflowId: string, request: RerunWorkflowRequest): Promise<string>;
  skipTask(workflowId: string, taskReferenceName: string, request?: SkipTaskRequest): Promise<void>;
  remove(workflowId: string, options?: { archiveWorkflow?: boolean }): Promise<void>;
  resetCallbacks(workflowId: string): Promise<void>;
  /** Merges variables into a running workflow (event handlers' `update_workflow_variables`). */
  updateVariables(
    workflowId: string,
    variables: Record<string, unknown>,
    options?: { appendArray?: boolean },
  ): Promise<void>;

  /**
   * Hands up to `count` due worker tasks of `taskType` to a worker: marks them IN_PROGRESS, counts the
   * poll, records poll data. Never returns system tasks. Does not wait (the server long-polls with
   * `TaskQueue.waitForMessages`).
   */
  pollTasks(taskType: string, options: PollOptions): Promise<Task[]>;
  /** Applies a worker's TaskResult; returns the task id. Updates to terminal tasks/workflows are ignored. */
  updateTask(result: TaskResult): Promise<string>;
  /**
   * Applies a worker's TaskResult as `updateTask` does; returns the task as the update left it
   * (unchanged when the update was ignored), or null for a lease extension.
   */
  updateTaskAndRead(result: TaskResult): Promise<Task | null>;
  /**
   * Updates the first non-terminal task with that reference name (or the ref with a loop suffix).
   * Output is merged onto the existing output. @throws TASK_NOT_FOUND when there is none.
   */
  updateTaskByRef(
    workflowId: string,
    taskReferenceName: string,
    status: TaskResultStatus,
    output: Record<string, unknown>,
    workerId?: string,
  ): Promise<string>;
  /** @throws TASK_NOT_FOUND */
  getTask(taskId: string): Promise<Task>;

  /** Pops and runs up to `count` due async system tasks of `taskType`; returns how many ran. */
  runSystemTasks(taskType: string, count: number): Promise<number>;
  /**
   * Pops up to `count` due workflows from the decider queue and decides each (this fires task
   * timeouts, response timeouts, poll timeouts, delayed retries and workflow timeouts). Returns how
   * many were decided.
   */
  sweep(count: number): Promise<number>;
  /**
   * Calls `listener` once per task timeout (timeoutSeconds or pollTimeoutSeconds) this process
   * finds, whatever the timeout policy; returns the function that removes it.
   */
  onTaskTimeout(listener: TaskTimeoutListener): () => void;
  /** Counts of this process's read-modify-writes since it started (see {@link OperationStats}). */
  operationStats(): OperationStats;
}

/**
 * How this process's read-modify-writes of executions went: with several processes or servers on
 * the same workflows these show how much work was redone, the cost issue 20 asks to keep near zero.
 */
export interface OperationStats {
  /** Saves refused because another writer saved first (STORE_CONFLICT); each ran the operation again. */
  conflicts: number;
  /**
   * Operations run again on a fresh read after starting from the in-process copy, because that
   * copy was stale (or the operation changed nothing on it, which a stale copy could explain).
   */
  staleCopies: number;
  /** Operations that started from the task table this process kept (no task list read). */
  hotTableHits: number;
  /** Operations that had to read every task of the execution to build its table. */
  hotTableMisses: number;
}
