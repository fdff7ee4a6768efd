/**
 * What the scheduler routes do with a schedule: validate it (the engine's rules, this server's
 * cron reading, a workflow definition that exists), stamp its times and compute its first due
 * time, pause and resume (resuming without catch-up skips the due times missed while paused).
 * docs/conductor-compatibility.md#schedules.
 * @module
 */
import { batonError, scheduleNotFound, validateSchedule } from '@baton/engine';
import type { DefinitionStore, ScheduleStore, WorkflowSchedule } from '@baton/engine';
import { cronCheck, cronSeries, nextTimes } from './cron.js';

export interface ScheduleServiceDeps {
  schedules: ScheduleStore;
  definitions: DefinitionStore;
  now?: () => number;
}

function invalid(issues: { path: string; message: string; invalidValue?: unknown }[]): Error {
  return batonError('SCHEDULE_INVALID', 'Validation failed, check below errors for detail.', {
    validationErrors: issues.map((issue) => ({
      ...issue,
      path: issue.path === '' ? 'schedule' : `schedule.${issue.path}`,
    })),
  });
}

/** The first due time at or after `from` (and the start time), within the end time. */
export function firstRunTime(schedule: WorkflowSchedule, from: number): number | null {
  const start = Math.max(from, schedule.scheduleStartTime ?? 0);
  const end = schedule.scheduleEndTime ? schedule.scheduleEndTime : null;
  const [first] = nextTimes(
    cronSeries(schedule.cronExpression, schedule.zoneId),
    start - 1,
    end,
    1,
  );
  return first ?? null;
}

export function createScheduleService(deps: ScheduleServiceDeps) {
  const now = deps.now ?? Date.now;

  async function assertWorkflowExists(schedule: WorkflowSchedule): Promise<void> {
    const { name, version } = schedule.startWorkflowRequest;
    const def = await deps.definitions.getWorkflowDef(name, version ?? undefined);
    if (def !== null) return;
    const which = version ? `${name} version ${version}` : name;
    throw invalid([
      {
        path: 'startWorkflowRequest.name',
        message: `No workflow definition ${which} is registered`,
        invalidValue: name,
      },
    ]);
  }

  return {
    /** Creates or replaces a schedule; returns what was stored. */
    async save(body: unknown): Promise<WorkflowSchedule> {
      const issues = validateSchedule(body, cronCheck);
      if (issues.length > 0) throw invalid(issues);
      const schedule = body as WorkflowSchedule;
      await assertWorkflowExists(schedule);
      const at = now();
      const existing = await deps.schedules.getSchedule(schedule.name);
      const saved: WorkflowSchedule = {
        ...schedule,
        zoneId: schedule.zoneId ?? 'UTC',
        paused: schedule.paused === true,
        runCatchupScheduleInstances: schedule.runCatchupScheduleInstances === true,
        createTime: existing?.createTime ?? at,
        updatedTime: at,
        createdBy: existing?.createdBy ?? schedule.createdBy ?? null,
        nextRunTime: firstRunTime(schedule, at),
      };
      if (!saved.paused) saved.pausedReason = null;
      await deps.schedules.saveSchedule(saved);
      return saved;
    },

    async get(name: string): Promise<WorkflowSchedule> {
      const found = await deps.schedules.getSchedule(name);
      if (!found) throw scheduleNotFound(name);
      return found;
    },

    async pause(name: string, reason: string | null): Promise<void> {
      await deps.schedules.setPaused(name, {
        paused: true,
        pausedReason: reason,
        updatedTime: now(),
      });
    },

    async resume(name: string): Promise<void> {
      const found = await this.get(name);
      const at = now();
      // Without catch-up the due times missed while paused are skipped; with it, the pointer
      // stays and the scheduler runs them (within its cap).
      const catchUp = found.runCatchupScheduleInstances === true;
      await deps.schedules.setPaused(name, {
        paused: false,
        pausedReason: null,
        updatedTime: at,
        ...(catchUp ? {} : { nextRunTime: firstRunTime(found, at) }),
      });
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
