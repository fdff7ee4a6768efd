/**
 * How a task or workflow status looks: a tone (the colour family) and a short label. One table, so the
 * graph, the list, the timeline and the legend agree.
 * @module
 */
import type { TaskStatus, WorkflowStatus } from '@baton/client';

/** Colour family of a status; CSS classes are `tone-<tone>`. */
export type StatusTone =
  | 'pending'
  | 'scheduled'
  | 'running'
  | 'success'
  | 'warning'
  | 'failure'
  | 'skipped'
  | 'canceled'
  | 'paused';

/** What a node shows before its task exists. */
export const NOT_SCHEDULED = 'NOT_SCHEDULED';
/** A task status, or NOT_SCHEDULED for a node that has no task (yet). */
export type NodeStatus = TaskStatus | typeof NOT_SCHEDULED;

const TONES: Record<NodeStatus | WorkflowStatus, StatusTone> = {
  NOT_SCHEDULED: 'pending',
  SCHEDULED: 'scheduled',
  IN_PROGRESS: 'running',
  RUNNING: 'running',
  COMPLETED: 'success',
  COMPLETED_WITH_ERRORS: 'warning',
  SKIPPED: 'skipped',
  FAILED: 'failure',
  FAILED_WITH_TERMINAL_ERROR: 'failure',
  TIMED_OUT: 'failure',
  TERMINATED: 'failure',
  CANCELED: 'canceled',
  PAUSED: 'paused',
};

/** The colour family of a task or workflow status (unknown strings are `pending`). */
export function statusTone(status: string): StatusTone {
  return TONES[status as NodeStatus] ?? 'pending';
}

/** A human label: `IN_PROGRESS` → `In progress`, `NOT_SCHEDULED` → `Not scheduled`. */
export function statusLabel(status: string): string {
  const words = status.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** True while the status can still change without an operator action. */
export function isActiveStatus(status: string): boolean {
  return status === 'SCHEDULED' || status === 'IN_PROGRESS' || status === 'RUNNING';
}
