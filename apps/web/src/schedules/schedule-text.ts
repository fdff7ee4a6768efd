/**
 * Pure helpers of the schedule editor: the JSON text is the source of truth, the small form
 * (name, cron expression, zone, workflow, catch-up) reads and writes fields of it.
 * @module
 */
import type { WorkflowSchedule } from '@baton/client';

/** The fields the form edits. */
export type ScheduleField =
  'name' | 'cronExpression' | 'zoneId' | 'workflowName' | 'runCatchupScheduleInstances';

/** The text of a new schedule: weekdays at 09:00 UTC. */
export function newScheduleText(): string {
  return toText({
    name: '',
    cronExpression: '0 0 9 * * MON-FRI',
    zoneId: 'UTC',
    startWorkflowRequest: { name: '', input: {} },
    runCatchupScheduleInstances: false,
  } as unknown as WorkflowSchedule);
}

/** A stored schedule as editable text (without the times and reason the server keeps). */
export function toText(schedule: WorkflowSchedule): string {
  const {
    nextRunTime: _next,
    createTime: _created,
    updatedTime: _updated,
    pausedReason: _reason,
    ...editable
  } = schedule;
  return JSON.stringify(editable, null, 2);
}

/** The schedule object in `text`, or why it is not one (the server validates the rest). */
export function parseSchedule(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'Invalid schedule: the JSON must be an object' };
  return { ok: true, value: value as Record<string, unknown> };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `text` with one form field set; unchanged if unparsable. */
export function withScheduleField(
  text: string,
  field: ScheduleField,
  value: string | boolean,
): string {
  const parsed = parseSchedule(text);
  if (!parsed.ok) return text;
  const next: Record<string, unknown> = { ...parsed.value };
  if (field === 'workflowName') {
    const request = isRecord(next.startWorkflowRequest) ? next.startWorkflowRequest : {};
    next.startWorkflowRequest = { ...request, name: value };
  } else {
    next[field] = value;
  }
  return JSON.stringify(next, null, 2);
}

/** The form's view of a parsed schedule. */
export function scheduleFields(value: Record<string, unknown>): {
  name: string;
  cronExpression: string;
  zoneId: string;
  workflowName: string;
  runCatchupScheduleInstances: boolean;
} {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const request = isRecord(value.startWorkflowRequest) ? value.startWorkflowRequest : {};
  return {
    name: str(value.name),
    cronExpression: str(value.cronExpression),
    zoneId: str(value.zoneId),
    workflowName: str(request.name),
    runCatchupScheduleInstances: value.runCatchupScheduleInstances === true,
  };
}

/** `1767258000000`, `Europe/Paris` → `Thu 2026-01-01 10:00:00` (the wall clock in that zone). */
export function formatInZone(epochMs: number, zoneId: string | null | undefined): string {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zoneId || 'UTC',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(epochMs));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  } catch {
    return new Date(epochMs).toISOString();
  }
}
