import type { SearchExpression } from '../search/search-query.js';
import type { PollData, Task, TaskExecLog } from '../model/task.js';
import type { SearchResult, Workflow } from '../model/workflow.js';
import type { QueueMessage, TaskQueue } from './task-queue.js';

/** An execution as read from the store, with the revision used for optimistic concurrency. */
/** The revision of a newly created execution. */
export const FIRST_REVISION = 1;

export interface StoredExecution {
  /** The workflow with all its tasks, ordered by seq. */
  workflow: Workflow;
  /** Incremented by every successful save; starts at 1. */
  revision: number;
}

/** One atomic change of an execution. */
export interface ExecutionChange {
  /** The whole workflow row; its `tasks` field is ignored (tasks go through upsert/delete). */
  workflow: Workflow;
  /** The save succeeds only if the stored revision still equals this. */
  expectedRevision: number;
  /** Tasks to insert or replace (by taskId). */
  upsertTasks: Task[];
  /** Tasks to delete (restart, rerun). */
  deleteTaskIds: string[];
  /**
   * True when `workflow` is the stored row as it was (a change of tasks only, such as a poll's
   * claim): a store may keep the stored row instead of writing it again.
   */
  workflowUnchanged?: boolean;
  /**
   * Queue changes to apply with the change, atomically: only passed to a store whose
   * {@link ExecutionStore.appliesQueueChanges} said yes for the engine's queue.
   */
  queueChanges?: QueueChange[];
}

/**
 * A change of the task queue that belongs to an execution change: a push (add, or replace the
 * visibility and priority of a message) or a remove, with {@link TaskQueue}'s semantics.
 */
export type QueueChange =
  | { kind: 'push'; queue: string; message: QueueMessage }
  | { kind: 'remove'; queue: string; id: string };

export interface SortField {
  field: string;
  order: 'ASC' | 'DESC';
}

export interface SearchRequest {
  start: number;
  size: number;
  sort: SortField[];
  /** Parsed `query` (Conductor's syntax), or null for everything. */
  query: SearchExpression | null;
  /** Free text ('*' or '' for everything): matched against ids, names, correlation id, input and output. */
  freeText: string;
}

/**
 * Stores executions (workflows with their tasks), task logs and poll data, and answers searches.
 * Every state change is one atomic write guarded by the execution's revision, so several stateless
 * servers can share one store without read-modify-write races: the loser of a race gets
 * STORE_CONFLICT, re-reads and decides again.
 *
 * Objects passed to `createExecution` and `saveExecution` are handed over: a store may keep them
 * as its in-process copy (deeply frozen), so callers must not change them afterwards; the engine
 * copies on write. A read gives the caller its own workflow object and task list; the tasks and
 * values in them may be shared and frozen, so change copies.
 */
export interface ExecutionStore {
  /**
   * Inserts a new execution with its tasks at revision {@link FIRST_REVISION}.
   * @throws BatonError WORKFLOW_ALREADY_EXISTS when the id exists.
   */
  createExecution(workflow: Workflow, queueChanges?: QueueChange[]): Promise<void>;
  /**
   * Optional: whether this store applies `queueChanges` to `queue` itself, in the same atomic
   * write as the create or save they come with (so they happen exactly when it does, in one
   * round trip). When absent or false the engine applies them through the queue after the write.
   */
  appliesQueueChanges?(queue: TaskQueue): boolean;
  /** The execution with its tasks and revision, or null. */
  getExecution(workflowId: string): Promise<StoredExecution | null>;
  /**
   * Applies `change` atomically if the stored revision equals `expectedRevision`; returns the new
   * revision.
   * @throws BatonError STORE_CONFLICT on a revision mismatch; WORKFLOW_NOT_FOUND when absent.
   */
  saveExecution(change: ExecutionChange): Promise<number>;
  /** Deletes the execution, its tasks and logs; returns false when it did not exist. */
  removeExecution(workflowId: string): Promise<boolean>;
  /** A task by id (from any execution), or null. */
  getTask(taskId: string): Promise<Task | null>;
  /**
   * Optional, for stores that keep recent executions in the process: a copy of the execution as
   * this process last saw it, which may be stale. The engine uses it only where it saves with the
   * copy's revision (a stale copy then fails with STORE_CONFLICT and is read again), and never
   * trusts it for an operation that would change nothing.
   */
  peekExecution?(workflowId: string): StoredExecution | undefined;
  /** Optional hint: the workflow a task belongs to, when the process knows it without I/O. */
  peekTaskLocation?(taskId: string): string | undefined;
  /**
   * Optional: the workflow a live task belongs to, read without the task itself (cheaper than
   * {@link getTask} when only that is needed); null when the store has no such task. A hint, like
   * {@link peekTaskLocation}: the caller verifies the task against the execution it then reads.
   */
  locateTask?(taskId: string): Promise<string | null>;

  /** Workflows matching the request (without tasks unless includeTasks). */
  searchWorkflows(
    request: SearchRequest,
    options?: { includeTasks?: boolean },
  ): Promise<SearchResult<Workflow>>;
  /** Tasks matching the request (query fields are task fields: taskId, taskType, status, workflowId, ...). */
  searchTasks(request: SearchRequest): Promise<SearchResult<Task>>;
  /** Ids of RUNNING workflows of (name, version), optionally created within [startTime, endTime]. */
  getRunningWorkflowIds(
    name: string,
    version: number,
    startTime?: number,
    endTime?: number,
  ): Promise<string[]>;
  /** Workflows of `name` with that correlation id; only RUNNING ones unless includeClosed. */
  getWorkflowsByCorrelationId(
    name: string,
    correlationId: string,
    options: { includeClosed: boolean; includeTasks: boolean },
  ): Promise<Workflow[]>;
  /** The newest workflow of `name` started with that idempotency key, or null. */
  findByIdempotencyKey(name: string, idempotencyKey: string): Promise<Workflow | null>;

  addTaskLogs(logs: TaskExecLog[]): Promise<void>;
  /** Logs of a task, oldest first. */
  getTaskLogs(taskId: string): Promise<TaskExecLog[]>;
  /** Records the latest poll of (queueName, workerId). */
  recordPoll(pollData: PollData): Promise<void>;
  /** Latest polls, of one queue or of all. */
  getPollData(queueName?: string): Promise<PollData[]>;
}
