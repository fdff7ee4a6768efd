/**
 * Which due times of a schedule to start now, and where its pointer goes next: the catch-up
 * policy of docs/conductor-compatibility.md#schedules, as one pure function. The cron arithmetic
 * comes in as `CronSeries` (the server's adapter of a cron library), as the engine imports none.
 * @module
 */

/** A cron expression read in its time zone, in epoch ms. */
export interface CronSeries {
  /** The first due time strictly after `after`, or null when there is none. */
  next(after: number): number | null;
  /** Up to `count` due times at or before `atOrBefore`, oldest first. */
  previous(atOrBefore: number, count: number): number[];
}

export interface DuePlanInput {
  /** The schedule's stored pointer: the earliest due time not handled yet. */
  nextRunTime: number;
  now: number;
  /** The schedule's `runCatchupScheduleInstances`. */
  catchUp: boolean;
  /** At most this many reached due times run in one pass (the latest ones). */
  catchUpMax: number;
  /** Without catch-up, a due time late by at most this much still runs (the loop's own lag). */
  graceMs: number;
  /** The schedule's `scheduleEndTime`: no due time after it. */
  endTime: number | null;
  series: CronSeries;
}

export interface DuePlan {
  /** Due times to start, oldest first. */
  due: number[];
  /** The new pointer: the first due time after `now` (null: none left before the end time). */
  nextRunTime: number | null;
}

/**
 * Plans one pass over a schedule. Nothing is due while `nextRunTime` is in the future. Otherwise
 * every due time in [nextRunTime, now] was reached: with catch-up the latest `catchUpMax` of them
 * run, oldest first, and any older ones are skipped; without catch-up only the due times within
 * `graceMs` of now run (a pass that comes late by a second still runs both seconds of an
 * every-second schedule), so the ones missed by downtime or a pause are skipped. Pure.
 */
export function planDueTimes(input: DuePlanInput): DuePlan {
  const { nextRunTime, now, series, endTime } = input;
  if (nextRunTime > now) return { due: [], nextRunTime };
  const inWindow = (t: number) =>
    t >= nextRunTime && t <= now && (endTime === null || t <= endTime);
  const reached = series.previous(now, Math.max(1, input.catchUpMax));
  const due = input.catchUp
    ? reached.filter(inWindow)
    : reached.filter((t) => inWindow(t) && now - t <= input.graceMs);
  const after = series.next(now);
  return {
    due,
    nextRunTime: after === null || (endTime !== null && after > endTime) ? null : after,
  };
}
