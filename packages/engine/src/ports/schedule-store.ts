import { batonError } from '../errors.js';
import type {
  ScheduleExecutionPage,
  WorkflowSchedule,
  WorkflowScheduleExecution,
} from '../model/workflow-schedule.js';

/** What `ScheduleStore.setPaused` changes: `nextRunTime` replaces the stored one when given. */
export interface SchedulePauseChange {
  paused: boolean;
  pausedReason: string | null;
  updatedTime: number;
  nextRunTime?: number | null;
}

/**
 * Which execution records `ScheduleStore.searchExecutions` returns: those of `scheduleName` when
 * given; `text` matches the schedule or workflow name exactly, or the state; a page of `size` from
 * `start`.
 */
export interface ScheduleExecutionQuery {
  scheduleName?: string;
  text?: string;
  start: number;
  size: number;
}

/**
 * Stores workflow schedules (validated before they get here) and the record of each scheduled
 * start. Schedules live with the definitions: PGlite/Postgres, and Postgres under Redis +
 * Postgres. `claimExecution` is the lease that makes each due time run once across servers: one
 * atomic statement that succeeds for exactly one caller per (schedule, due time).
 */
export interface ScheduleStore {
  /** Inserts or replaces the schedule of that name (its `paused` and `nextRunTime` included). */
  saveSchedule(schedule: WorkflowSchedule): Promise<void>;
  getSchedule(name: string): Promise<WorkflowSchedule | null>;
  /** Every schedule, or those starting `workflowName`, ordered by name. */
  listSchedules(workflowName?: string): Promise<WorkflowSchedule[]>;
  /** Removes the schedule and its execution records. @throws BatonError SCHEDULE_NOT_FOUND */
  removeSchedule(name: string): Promise<void>;
  /**
   * Pauses or resumes; `nextRunTime` replaces the stored one when given.
   * @throws BatonError SCHEDULE_NOT_FOUND
   */
  setPaused(name: string, change: SchedulePauseChange): Promise<void>;
  /** Unpaused schedules whose `nextRunTime` is at or before `now`, earliest first, at most `limit`. */
  dueSchedules(now: number, limit: number): Promise<WorkflowSchedule[]>;
  /**
   * Moves `nextRunTime` from `from` to `to` only if it is still `from` (another server may have
   * moved it). Returns whether it moved.
   */
  advanceSchedule(name: string, from: number, to: number | null): Promise<boolean>;
  /**
   * Records `execution` unless one exists for its (scheduleName, scheduledTime): true for the one
   * caller that recorded it, who then starts the workflow.
   */
  claimExecution(execution: WorkflowScheduleExecution): Promise<boolean>;
  /** Replaces the record with that executionId. */
  updateExecution(execution: WorkflowScheduleExecution): Promise<void>;
  /**
   * Records newest due time first; `text` matches the schedule or workflow name exactly, or
   * the state.
   */
  searchExecutions(options: ScheduleExecutionQuery): Promise<ScheduleExecutionPage>;
}

/** The error every adapter raises when no schedule has the name. */
export function scheduleNotFound(name: string): Error {
  return batonError('SCHEDULE_NOT_FOUND', `Schedule not found: ${name}`, { details: { name } });
}
