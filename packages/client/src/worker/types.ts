/**
 * Types of the worker runner: what a worker is, what it returns, and the runner's options.
 * @module
 */
import type { BackoffOptions } from '../backoff.js';
import type { BatonClient } from '../client.js';
import type { Task, TaskResultStatus } from '../types.js';

/** What `execute` returns; `status` defaults to COMPLETED. */
export interface WorkerResult {
  status?: TaskResultStatus;
  outputData?: Record<string, unknown>;
  reasonForIncompletion?: string;
  /** With IN_PROGRESS: when the server should hand the task out again. */
  callbackAfterSeconds?: number;
  /** Log lines attached to the update. */
  logs?: string[];
}

/** Passed to `execute` next to the task. */
export interface WorkerContext {
  /** The worker id the task was polled with. */
  workerId: string;
}

/** One task type this process executes. */
export interface WorkerDefinition {
  /** The task type (the SIMPLE task's `name`) to poll. */
  taskDefName: string;
  /**
   * Runs one task. Throw {@link NonRetryableError} to fail without retries; any other error fails
   * the task with its message as `reasonForIncompletion`.
   */
  execute: (task: Task, context: WorkerContext) => Promise<WorkerResult> | WorkerResult;
  /** Tasks of this type run at the same time. Default 1. */
  concurrency?: number;
  /** Pause between polls that returned nothing, in ms. Default 100. */
  pollInterval?: number;
  /** Poll the `domain:taskType` queue. */
  domain?: string;
  /** Overrides the runner's worker id for this type. */
  workerId?: string;
}

/** Where the runner reports what happens; `console` by default. */
export interface WorkerLogger {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

/** Options of {@link TaskRunner}. */
export interface TaskRunnerOptions {
  client: BatonClient;
  workers: WorkerDefinition[];
  /** Most tasks taken by one poll (never more than the free slots). Default: the concurrency. */
  batchSize?: number;
  /** Long-poll wait of each batch poll, in ms (the server allows up to 5000). Default 1000. */
  pollTimeoutMs?: number;
  /** Worker id sent with polls and updates. Default `baton-worker-<random>`. */
  workerId?: string;
  /** Attempts after the first to send a task's result when the server is unreachable. Default 5. */
  updateRetries?: number;
  /** Delays after poll and update failures. Default 200 ms doubling up to 10 s. */
  backoff?: BackoffOptions;
  logger?: WorkerLogger;
  /**
   * Report results with `POST /api/tasks/update-v2`, which hands back the next task of the same
   * type, so a busy worker makes one request per task. Default true; falls back to
   * `POST /api/tasks` by itself when the server has no such endpoint.
   */
  updateV2?: boolean;
}
