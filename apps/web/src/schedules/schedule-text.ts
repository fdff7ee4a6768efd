/**
 * Pure helpers of the schedule editor: the JSON text is the source of truth, the small form
 * (name, cron expression, zone, workflow, catch-up) reads and writes fields of it.
 * @module
 */
import type { WorkflowSchedule } from '@baton/client';
import {
  editJsonObject,
  isRecord,
  parseJsonObject,
  prettyJson,
  stringOr,
  type ParsedObject,
} from '../ui/definition-list/json-object-text.js';

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
  return prettyJson(editable);
}

/** The schedule object in `text`, or why it is not one (the server validates the rest). */
export const parseSchedule = (text: string): ParsedObject => parseJsonObject(text, 'schedule');

/** `text` with one form field set; unchanged if unparsable. */
export function withScheduleField(
  text: string,
  field: ScheduleField,
  value: string | boolean,
): string {
  return editJsonObject(text, 'schedule', (next) => {
    if (field !== 'workflowName') return { ...next, [field]: value };
    const request = isRecord(next.startWorkflowRequest) ? next.startWorkflowRequest : {};
    return { ...next, startWorkflowRequest: { ...request, name: value } };
  });
}

/** The form's view of a parsed schedule. */
export function scheduleFields(value: Record<string, unknown>): {
  name: string;
  cronExpression: string;
  zoneId: string;
  workflowName: string;
  runCatchupScheduleInstances: boolean;
} {
  const request = isRecord(value.startWorkflowRequest) ? value.startWorkflowRequest : {};
  return {
    name: stringOr(value.name),
    cronExpression: stringOr(value.cronExpression),
    zoneId: stringOr(value.zoneId),
    workflowName: stringOr(request.name),
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
