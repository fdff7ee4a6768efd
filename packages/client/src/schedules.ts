/**
 * `/api/scheduler`: workflow schedules (Conductor's scheduler API) and the record of their
 * starts (docs/conductor-compatibility.md#schedules).
 * @module
 */
import type { HttpTransport } from './http.js';
import { path } from './http.js';
import type { ScheduleExecutionPage, WorkflowSchedule } from './types.js';

/** Saves, lists, pauses, resumes and removes schedules; previews due times; lists starts. */
export class SchedulesApi {
  constructor(private readonly http: HttpTransport) {}

  /**
   * Creates or replaces the schedule of that name; returns it with its next due time.
   * @throws BatonApiError SCHEDULE_INVALID (400) with `validationErrors`.
   */
  save(schedule: WorkflowSchedule): Promise<WorkflowSchedule> {
    return this.http.json({ method: 'POST', path: '/scheduler/schedules', body: schedule });
  }

  /** Every schedule, or those starting `workflowName`. */
  list(workflowName?: string): Promise<WorkflowSchedule[]> {
    return this.http.json({ method: 'GET', path: '/scheduler/schedules', query: { workflowName } });
  }

  /** @throws BatonApiError SCHEDULE_NOT_FOUND (404) */
  get(name: string): Promise<WorkflowSchedule> {
    return this.http.json({ method: 'GET', path: path`/scheduler/schedules/${name}` });
  }

  /** @throws BatonApiError SCHEDULE_NOT_FOUND (404) */
  remove(name: string): Promise<void> {
    return this.http.void({ method: 'DELETE', path: path`/scheduler/schedules/${name}` });
  }

  /** @throws BatonApiError SCHEDULE_NOT_FOUND (404) */
  pause(name: string, reason?: string): Promise<void> {
    return this.http.void({
      method: 'PUT',
      path: path`/scheduler/schedules/${name}/pause`,
      query: { reason },
    });
  }

  /** @throws BatonApiError SCHEDULE_NOT_FOUND (404) */
  resume(name: string): Promise<void> {
    return this.http.void({ method: 'PUT', path: path`/scheduler/schedules/${name}/resume` });
  }

  /** The next due times (epoch ms, at most 5) of an expression in a zone (default UTC). */
  nextTimes(
    cronExpression: string,
    options: { zoneId?: string; limit?: number; scheduleStartTime?: number } = {},
  ): Promise<number[]> {
    return this.http.json({
      method: 'GET',
      path: '/scheduler/nextFewSchedules',
      query: {
        cronExpression,
        zoneId: options.zoneId,
        limit: options.limit,
        scheduleStartTime: options.scheduleStartTime,
      },
    });
  }

  /** Scheduled starts, newest due time first, optionally of one schedule. */
  executions(
    options: { scheduleName?: string; start?: number; size?: number } = {},
  ): Promise<ScheduleExecutionPage> {
    const query =
      options.scheduleName === undefined ? undefined : `scheduleName='${options.scheduleName}'`;
    return this.http.json({
      method: 'GET',
      path: '/scheduler/search/executions',
      query: { query, start: options.start, size: options.size },
    });
  }
}
