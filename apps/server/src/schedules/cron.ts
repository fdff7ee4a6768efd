/**
 * Cron expressions the way Conductor reads them (Spring's `CronExpression`: six fields, seconds
 * first, `?` for "any", day-of-month AND day-of-week, macros such as `@daily`), in a time zone,
 * through croner (a maintained cron library without dependencies): the `CronCheck` and
 * `CronSeries` adapters the engine's schedule functions take.
 * @module
 */
import { Cron } from 'croner';
import type { CronCheck, CronSeries } from '@baton/engine';

const MACROS = new Set([
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
]);

const SIX_FIELDS =
  'cronExpression must have six fields: second minute hour day-of-month month day-of-week (e.g. 0 0 9 * * MON-FRI)';

function fieldProblem(expression: string): string | null {
  const trimmed = expression.trim();
  if (MACROS.has(trimmed.toLowerCase())) return null;
  return trimmed.split(/\s+/).length === 6 ? null : SIX_FIELDS;
}

function build(expression: string, zoneId: string | null | undefined): Cron {
  return new Cron(expression.trim(), {
    timezone: zoneId ?? 'UTC',
    domAndDow: true,
    paused: true,
  });
}

function zoneProblem(zoneId: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zoneId });
    return null;
  } catch {
    return `zoneId ${JSON.stringify(zoneId)} is not a known IANA time zone (e.g. Europe/Paris, UTC)`;
  }
}

/** Checks expressions and zones for `validateSchedule`. */
export const cronCheck: CronCheck = {
  cronProblem(expression) {
    const fields = fieldProblem(expression);
    if (fields !== null) return fields;
    try {
      build(expression, 'UTC');
      return null;
    } catch (e) {
      const detail = e instanceof Error ? e.message.replace(/^CronPattern: /, '') : String(e);
      return `cronExpression is not a valid cron expression: ${detail}`;
    }
  },
  zoneProblem,
};

/** The due times of an expression in a zone (both already valid). */
export function cronSeries(expression: string, zoneId: string | null | undefined): CronSeries {
  const cron = build(expression, zoneId);
  return {
    next(after) {
      return cron.nextRun(new Date(after))?.getTime() ?? null;
    },
    previous(atOrBefore, count) {
      // croner's reference is exclusive and whole seconds: start just after atOrBefore's second.
      const reference = new Date(Math.floor(atOrBefore / 1000) * 1000 + 1000);
      return cron
        .previousRuns(count, reference)
        .map((d) => d.getTime())
        .filter((t) => t <= atOrBefore)
        .reverse();
    },
  };
}

/** Up to `limit` due times from `from` (exclusive) to `until` (inclusive, null: no end). */
export function nextTimes(
  series: CronSeries,
  from: number,
  until: number | null,
  limit: number,
): number[] {
  const times: number[] = [];
  let cursor: number | null = from;
  while (times.length < limit) {
    cursor = series.next(cursor);
    if (cursor === null || (until !== null && cursor > until)) break;
    times.push(cursor);
  }
  return times;
}
