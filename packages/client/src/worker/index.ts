/**
 * @baton/client/worker: run task workers against a Baton server (polling, concurrency, graceful
 * stop, backoff). Uses only fetch and timers, so it runs in Node, Deno, Bun and browsers.
 * @module
 */

export { TaskRunner } from './task-runner.js';
export { NonRetryableError, isNonRetryableError } from './non-retryable-error.js';
export type {
  TaskRunnerOptions,
  WorkerDefinition,
  WorkerResult,
  WorkerContext,
  WorkerLogger,
} from './types.js';
