/**
 * Conductor's status strings, spelled exactly as Conductor spells them on the wire.
 * @module
 */

export const WORKFLOW_STATUSES = [
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'TIMED_OUT',
  'TERMINATED',
  'PAUSED',
] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const TASK_STATUSES = [
  'IN_PROGRESS',
  'CANCELED',
  'FAILED',
  'FAILED_WITH_TERMINAL_ERROR',
  'COMPLETED',
  'COMPLETED_WITH_ERRORS',
  'SCHEDULED',
  'TIMED_OUT',
  'SKIPPED',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses a worker may send in a TaskResult (OSS adds CANCELED). */
export const TASK_RESULT_STATUSES = [
  'IN_PROGRESS',
  'FAILED',
  'FAILED_WITH_TERMINAL_ERROR',
  'COMPLETED',
  'CANCELED',
] as const;
export type TaskResultStatus = (typeof TASK_RESULT_STATUSES)[number];

/** A workflow that will never change again without an operator action (retry, restart, rerun). */
export function isTerminalWorkflowStatus(status: WorkflowStatus): boolean {
  return status !== 'RUNNING' && status !== 'PAUSED';
}

/** A workflow status that counts as success. */
export function isSuccessfulWorkflowStatus(status: WorkflowStatus): boolean {
  return status === 'COMPLETED';
}

/** Terminal task statuses: every status but SCHEDULED and IN_PROGRESS. */
export function isTerminalTaskStatus(status: TaskStatus): boolean {
  return status !== 'SCHEDULED' && status !== 'IN_PROGRESS';
}

/** Conductor's "successful" flag: SCHEDULED, IN_PROGRESS, COMPLETED, COMPLETED_WITH_ERRORS, SKIPPED. */
export function isSuccessfulTaskStatus(status: TaskStatus): boolean {
  return (
    status === 'SCHEDULED' ||
    status === 'IN_PROGRESS' ||
    status === 'COMPLETED' ||
    status === 'COMPLETED_WITH_ERRORS' ||
    status === 'SKIPPED'
  );
}

/** Conductor's "retriable" flag: false only for SKIPPED, FAILED_WITH_TERMINAL_ERROR and CANCELED. */
export function isRetriableTaskStatus(status: TaskStatus): boolean {
  return status !== 'SKIPPED' && status !== 'FAILED_WITH_TERMINAL_ERROR' && status !== 'CANCELED';
}
