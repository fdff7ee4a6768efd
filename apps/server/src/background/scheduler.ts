/**
 * The scheduler loop (docs/conductor-compatibility.md#schedules), run by every server. Each pass
 * reads the due schedules (unpaused, pointer at or before now; at most `batch`), plans each with
 * the engine's `planDueTimes` (the catch-up policy), moves the schedule's pointer with a
 * compare-and-set (the server that loses skips the schedule: another one has it) and starts the
 * workflow of each planned due time that it claims. The claim (`ScheduleStore.claimExecution`,
 * one atomic statement per (schedule, due time)) is what makes each due time start once however
 * many servers share the store. A start is at most once: a server that dies between its claim and
 * the start leaves a POLLED record and no workflow. Between two schedules the loop yields to I/O,
 * and a pass handles at most `batch` schedules, so the API keeps answering.
 * @module
 */
import { planDueTimes } from '@baton/engine';
import type { ScheduleStore, WorkflowExecutor, WorkflowSchedule } from '@baton/engine';
import { cronSeries } from '../schedules/cron.js';
import { yieldToIo } from './background-work.js';

export interface SchedulerOptions {
  /** Time between passes, ms (default 1000). */
  intervalMs?: number;
  /** Schedules handled per pass (default 50). */
  batch?: number;
  /** With catch-up, most missed due times started after downtime (default 100). */
  catchUpMax?: number;
  /** Without catch-up, a due time late by at most this much still starts, ms (default 60 s). */
  graceMs?: number;
  /** Clock (tests). */
  now?: () => number;
  /** Execution record ids (default random UUIDs). */
  newId?: () => string;
}

export interface Scheduler {
  /** Runs one pass now; resolves to how many workflows it started. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Logger {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface SchedulerDeps {
  executor: WorkflowExecutor;
  schedules: ScheduleStore;
  log: Logger;
}

/** Starts one due time of a schedule if this server claims it; true when it did. */
async function fire(
  deps: SchedulerDeps,
  schedule: WorkflowSchedule,
  scheduledTime: number,
  now: () => number,
  newId: () => string,
): Promise<boolean> {
  const request = schedule.startWorkflowRequest;
  const record = {
    executionId: newId(),
    scheduleName: schedule.name,
    scheduledTime,
    executionTime: now(),
    workflowName: request.name,
    state: 'POLLED' as const,
    zoneId: schedule.zoneId ?? 'UTC',
  };
  if (!(await deps.schedules.claimExecution(record))) return false;
  try {
    const workflowId = await deps.executor.startWorkflow({
      ...request,
      input: { ...(request.input ?? {}), scheduledTime, executionTime: record.executionTime },
    });
    await deps.schedules.updateExecution({ ...record, state: 'EXECUTED', workflowId });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    deps.log.warn({ err, schedule: schedule.name, scheduledTime }, 'scheduled start failed');
    await deps.schedules.updateExecution({ ...record, state: 'FAILED', reason });
  }
  return true;
}

/** Starts the loop (call `stop` to end it). */
export function startScheduler(deps: SchedulerDeps, options: SchedulerOptions = {}): Scheduler {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const intervalMs = options.intervalMs ?? 1000;
  const batch = options.batch ?? 50;

  const runOnce = async (): Promise<number> => {
    const at = now();
    const due = await deps.schedules.dueSchedules(at, batch);
    let started = 0;
    for (const schedule of due) {
      const from = schedule.nextRunTime;
      if (typeof from !== 'number') continue;
      let plan;
      try {
        plan = planDueTimes({
          nextRunTime: from,
          now: at,
          catchUp: schedule.runCatchupScheduleInstances === true,
          catchUpMax: options.catchUpMax ?? 100,
          graceMs: options.graceMs ?? 60_000,
          endTime: schedule.scheduleEndTime ? schedule.scheduleEndTime : null,
          series: cronSeries(schedule.cronExpression, schedule.zoneId),
        });
      } catch (err) {
        // Stored before a rule changed, say: leave it, and say so, rather than stop the loop.
        deps.log.error({ err, schedule: schedule.name }, 'schedule cannot be planned; skipped');
        continue;
      }
      if (!(await deps.schedules.advanceSchedule(schedule.name, from, plan.nextRunTime))) {
        continue; // another server moved the pointer first and starts these due times
      }
      for (const time of plan.due) {
        if (await fire(deps, schedule, time, now, newId)) started += 1;
      }
      await yieldToIo();
    }
    return started;
  };

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  const tick = () => {
    inFlight = runOnce()
      .catch((err: unknown) => deps.log.error({ err }, 'scheduler pass failed; retrying'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
