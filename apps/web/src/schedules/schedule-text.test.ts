import { describe, expect, it } from 'vitest';
import type { WorkflowSchedule } from '@baton/client';
import {
  formatInZone,
  newScheduleText,
  parseSchedule,
  scheduleFields,
  toText,
  withScheduleField,
} from './schedule-text.js';

describe('schedule text', () => {
  it('sets form fields in the JSON, the workflow inside startWorkflowRequest', () => {
    let text = newScheduleText();
    text = withScheduleField(text, 'name', 'nightly');
    text = withScheduleField(text, 'workflowName', 'report');
    text = withScheduleField(text, 'runCatchupScheduleInstances', true);
    const parsed = parseSchedule(text);
    expect(parsed.ok && scheduleFields(parsed.value)).toEqual({
      name: 'nightly',
      cronExpression: '0 0 9 * * MON-FRI',
      zoneId: 'UTC',
      workflowName: 'report',
      runCatchupScheduleInstances: true,
    });
    expect(parsed.ok && parsed.value.startWorkflowRequest).toEqual({ name: 'report', input: {} });
  });

  it('leaves unparsable text alone and says why', () => {
    expect(withScheduleField('{oops', 'name', 'x')).toBe('{oops');
    expect(parseSchedule('{oops')).toMatchObject({ ok: false });
    expect(parseSchedule('[1]')).toEqual({
      ok: false,
      error: 'Invalid schedule: the JSON must be an object',
    });
  });

  it('edits a stored schedule without the fields the server keeps', () => {
    const stored = {
      name: 's',
      cronExpression: '0 * * * * *',
      startWorkflowRequest: { name: 'w' },
      nextRunTime: 5,
      createTime: 1,
      updatedTime: 2,
      paused: true,
      pausedReason: 'x',
    } as WorkflowSchedule;
    expect(JSON.parse(toText(stored))).toEqual({
      name: 's',
      cronExpression: '0 * * * * *',
      startWorkflowRequest: { name: 'w' },
      paused: true,
    });
  });

  it('shows a due time on the wall clock of its zone', () => {
    const t = Date.UTC(2026, 0, 1, 9, 0, 0);
    expect(formatInZone(t, 'Europe/Paris')).toBe('Thu 2026-01-01 10:00:00');
    expect(formatInZone(t, 'America/New_York')).toBe('Thu 2026-01-01 04:00:00');
    expect(formatInZone(t, null)).toBe('Thu 2026-01-01 09:00:00');
  });
});
