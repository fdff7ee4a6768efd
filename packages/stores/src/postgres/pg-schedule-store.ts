/**
 * ScheduleStore on Postgres (or PGlite), used by the Redis + Postgres stores too: schedules live
 * with the definitions. `claimExecution` is one INSERT ... ON CONFLICT DO NOTHING on the unique
 * (schedule_name, scheduled_time) key: atomic, so each due time has one claimant.
 * @module
 */
import { scheduleNotFound } from '@baton/engine';
import type {
  ScheduleExecutionPage,
  ScheduleExecutionQuery,
  SchedulePauseChange,
  ScheduleStore,
  WorkflowSchedule,
  WorkflowScheduleExecution,
} from '@baton/engine';
import { pgJson } from './safe-text.js';
import type { SqlClient } from './sql-client.js';
import * as sql from './sql/schedules.js';

interface ScheduleRow {
  data: WorkflowSchedule;
  paused: boolean;
  next_run_time: number | null;
}

function fromRow(row: ScheduleRow): WorkflowSchedule {
  return { ...row.data, paused: row.paused, nextRunTime: row.next_run_time };
}

export class PgScheduleStore implements ScheduleStore {
  constructor(private readonly db: SqlClient) {}

  async saveSchedule(schedule: WorkflowSchedule): Promise<void> {
    const { paused, nextRunTime, ...rest } = schedule;
    await this.db.query(sql.UPSERT_SCHEDULE, [
      schedule.name,
      schedule.startWorkflowRequest.name,
      paused === true,
      nextRunTime ?? null,
      pgJson(rest),
    ]);
  }

  async getSchedule(name: string): Promise<WorkflowSchedule | null> {
    const { rows } = await this.db.query<ScheduleRow>(sql.SELECT_SCHEDULE, [name]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async listSchedules(workflowName?: string): Promise<WorkflowSchedule[]> {
    const { rows } =
      workflowName === undefined
        ? await this.db.query<ScheduleRow>(sql.SELECT_SCHEDULES)
        : await this.db.query<ScheduleRow>(sql.SELECT_SCHEDULES_FOR_WORKFLOW, [workflowName]);
    return rows.map(fromRow);
  }

  async removeSchedule(name: string): Promise<void> {
    const { rows } = await this.db.query(sql.DELETE_SCHEDULE, [name]);
    if (rows.length === 0) throw scheduleNotFound(name);
  }

  async setPaused(name: string, change: SchedulePauseChange): Promise<void> {
    const { rows } = await this.db.query(sql.SET_PAUSED, [
      name,
      change.paused,
      change.pausedReason,
      change.updatedTime,
      change.nextRunTime !== undefined,
      change.nextRunTime ?? null,
    ]);
    if (rows.length === 0) throw scheduleNotFound(name);
  }

  async dueSchedules(now: number, limit: number): Promise<WorkflowSchedule[]> {
    const { rows } = await this.db.query<ScheduleRow>(sql.SELECT_DUE_SCHEDULES, [now, limit]);
    return rows.map(fromRow);
  }

  async advanceSchedule(name: string, from: number, to: number | null): Promise<boolean> {
    const { rows } = await this.db.query(sql.ADVANCE_SCHEDULE, [name, from, to]);
    return rows.length > 0;
  }

  async claimExecution(execution: WorkflowScheduleExecution): Promise<boolean> {
    const { rows } = await this.db.query(sql.CLAIM_EXECUTION, [
      execution.executionId,
      execution.scheduleName,
      execution.scheduledTime,
      execution.workflowName,
      execution.state,
      pgJson(execution),
    ]);
    return rows.length > 0;
  }

  async updateExecution(execution: WorkflowScheduleExecution): Promise<void> {
    await this.db.query(sql.UPDATE_EXECUTION, [
      execution.executionId,
      execution.state,
      pgJson(execution),
    ]);
  }

  async searchExecutions(options: ScheduleExecutionQuery): Promise<ScheduleExecutionPage> {
    const filters = [options.scheduleName ?? null, options.text ?? null];
    const { rows } = await this.db.query<{ data: WorkflowScheduleExecution; total: number }>(
      sql.SEARCH_EXECUTIONS,
      [...filters, options.start, options.size],
    );
    if (rows[0]) return { totalHits: rows[0].total, results: rows.map((row) => row.data) };
    const count = await this.db.query<{ total: number }>(sql.COUNT_EXECUTIONS, filters);
    return { totalHits: count.rows[0]?.total ?? 0, results: [] };
  }
}
