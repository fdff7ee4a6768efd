/**
 * What the worker process reports about a window of time.
 * @module
 */
import type { LatencySummary } from '../stats/percentiles.js';

/** Counters of the instant workers since the last reset. */
export interface WorkerSnapshot {
  seconds: number;
  tasksByType: Record<string, number>;
  tasks: number;
  /** JSON characters of task input received. */
  bytesIn: number;
  /** Characters of task output sent. */
  bytesOut: number;
  failedRequests: number;
  /** Client-side latency of `POST /api/tasks`. */
  update: LatencySummary;
  /** Client-side latency of batch polls (includes long-poll waiting). */
  poll: LatencySummary;
}
