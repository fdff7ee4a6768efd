/**
 * TaskDef: the registered settings of a task (retries, timeouts, rate limits), Conductor's JSON shape.
 * @module
 */

export type RetryLogic = 'FIXED' | 'LINEAR_BACKOFF' | 'EXPONENTIAL_BACKOFF';
export type TaskTimeoutPolicy = 'RETRY' | 'TIME_OUT_WF' | 'ALERT_ONLY';

/**
 * A task definition as registered through `/api/metadata/taskdefs`.
 * Fields the engine does not know are kept (index signature) so a round trip loses nothing.
 */
export interface TaskDef {
  name: string;
  description?: string | null;
  /** Default 3. Number of retries after the first attempt; 0 disables retries. */
  retryCount?: number;
  /** Default FIXED. */
  retryLogic?: RetryLogic;
  /** Default 60. Base delay between attempts. */
  retryDelaySeconds?: number;
  /** Default 1 (LINEAR_BACKOFF only). */
  backoffScaleFactor?: number;
  /** Default 0 (no cap). */
  maxRetryDelaySeconds?: number;
  /** Default 0: no overall limit per attempt, counted from that attempt's first poll. */
  timeoutSeconds?: number;
  /** Default TIME_OUT_WF. */
  timeoutPolicy?: TaskTimeoutPolicy;
  /** Default 3600. Heartbeat window for IN_PROGRESS worker tasks; must be <= timeoutSeconds when that is > 0. */
  responseTimeoutSeconds?: number;
  /** Default null (off): SCHEDULED tasks not polled within it time out. */
  pollTimeoutSeconds?: number | null;
  totalTimeoutSeconds?: number;
  concurrentExecLimit?: number | null;
  rateLimitPerFrequency?: number | null;
  rateLimitFrequencyInSeconds?: number | null;
  inputKeys?: string[];
  outputKeys?: string[];
  /** Default task input, merged put-if-absent after inputParameters resolve. */
  inputTemplate?: Record<string, unknown>;
  isolationGroupId?: string | null;
  executionNameSpace?: string | null;
  ownerEmail?: string | null;
  ownerApp?: string | null;
  createTime?: number;
  updateTime?: number;
  createdBy?: string | null;
  updatedBy?: string | null;
  [extra: string]: unknown;
}

/** Conductor's defaults for a TaskDef, applied when a field is absent. */
export const TASK_DEF_DEFAULTS = {
  retryCount: 3,
  retryLogic: 'FIXED',
  retryDelaySeconds: 60,
  backoffScaleFactor: 1,
  maxRetryDelaySeconds: 0,
  timeoutSeconds: 0,
  timeoutPolicy: 'TIME_OUT_WF',
  responseTimeoutSeconds: 3600,
} as const satisfies Partial<TaskDef>;

/** System types that never take a TaskDef (control flow); all others may have one by name. */
const NO_TASK_DEF: ReadonlySet<string> = new Set([
  'SWITCH',
  'DECISION',
  'FORK_JOIN',
  'FORK_JOIN_DYNAMIC',
  'JOIN',
  'EXCLUSIVE_JOIN',
  'DO_WHILE',
  'TERMINATE',
  'SET_VARIABLE',
  'NOOP',
  'DYNAMIC',
]);

/**
 * Whether a task of this type takes the TaskDef registered under its name when a workflow starts
 * (worker and most system tasks do; control-flow tasks never look one up).
 */
export function usesRegisteredTaskDef(type: string): boolean {
  return !NO_TASK_DEF.has(type);
}
