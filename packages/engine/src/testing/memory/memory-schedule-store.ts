import type {
  ScheduleExecutionPage,
  WorkflowSchedule,
  WorkflowScheduleExecution,
} from '../../model/workflow-schedule.js';
import {
  scheduleNotFound,
  type ScheduleExecutionQuery,
  type SchedulePauseChange,
  type ScheduleStore,
} from '../../ports/schedule-store.js';
import { copy } from './support.js';

const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** ScheduleStore kept in process memory; every read returns copies. */
export class MemoryScheduleStore implements ScheduleStore {
  private readonly schedules = new Map<string, WorkflowSchedule>();
  private readonly executions = new Map<string, WorkflowScheduleExecution>();

  async saveSchedule(schedule: WorkflowSchedule): Promise<void> {
    this.schedules.set(schedule.name, copy(schedule));
  }

  async getSchedule(name: string): Promise<WorkflowSchedule | null> {
    const found = this.schedules.get(name);
    return found ? copy(found) : null;
  }

  async listSchedules(workflowName?: string): Promise<WorkflowSchedule[]> {
    return [...this.schedules.values()]
      .filter((s) => workflowName === undefined || s.startWorkflowRequest.name === workflowName)
      .sort(byName)
      .map(copy);
  }

  async removeSchedule(name: string): Promise<void> {
    if (!this.schedules.delete(name)) throw scheduleNotFound(name);
    for (const [id, record] of this.executions) {
      if (record.scheduleName === name) this.executions.delete(id);
    }
  }

  async setPaused(name: string, change: SchedulePauseChange): Promise<void> {
    const found = this.schedules.get(name);
    if (!found) throw scheduleNotFound(name);
    found.paused = change.paused;
    found.pausedReason = change.pausedReason;
    found.updatedTime = change.updatedTime;
    if (change.nextRunTime !== undefined) found.nextRunTime = change.nextRunTime;
  }

  async dueSchedules(now: number, limit: number): Promise<WorkflowSchedule[]> {
    return [...this.schedules.values()]
      .filter((s) => s.paused !== true && typeof s.nextRunTime === 'number' && s.nextRunTime <= now)
      .sort((a, b) => (a.nextRunTime as number) - (b.nextRunTime as number) || byName(a, b))
      .slice(0, limit)
      .map(copy);
  }

  async advanceSchedule(name: string, from: number, to: number | null): Promise<boolean> {
    const found = this.schedules.get(name);
    if (!found || found.nextRunTime !== from) return false;
    found.nextRunTime = to;
    return true;
  }

  async claimExecution(execution: WorkflowScheduleExecution): Promise<boolean> {
    for (const record of this.executions.values()) {
      if (
        record.scheduleName === execution.scheduleName &&
        record.scheduledTime === execution.scheduledTime
      ) {
        return false;
      }
    }
    this.executions.set(execution.executionId, copy(execution));
    return true;
  }

  async updateExecution(execution: WorkflowScheduleExecution): Promise<void> {
    if (this.executions.has(execution.executionId)) {
      this.executions.set(execution.executionId, copy(execution));
    }
  }

  async searchExecutions(options: ScheduleExecutionQuery): Promise<ScheduleExecutionPage> {
    const { scheduleName, text } = options;
    const hits = [...this.executions.values()]
      .filter((r) => scheduleName === undefined || r.scheduleName === scheduleName)
      .filter(
        (r) =>
          text === undefined ||
          r.scheduleName === text ||
          r.workflowName === text ||
          r.state === text,
      )
      .sort(
        (a, b) => b.scheduledTime - a.scheduledTime || (a.executionId < b.executionId ? -1 : 1),
      );
    return {
      totalHits: hits.length,
      results: hits.slice(options.start, options.start + options.size).map(copy),
    };
  }
}
