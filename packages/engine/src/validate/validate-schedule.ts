/**
 * WorkflowSchedule validation with field-named messages. The cron expression and time zone are
 * checked by the caller's `CronCheck` (the server reads them with a cron library; the engine
 * imports none). docs/conductor-compatibility.md#schedules.
 * @module
 */
import type { ValidationIssue } from '../errors.js';
import { IssueCollector, isNonEmptyString, isRecord } from './issues.js';

/** Longest accepted schedule name (a key and a URL path segment). */
export const SCHEDULE_NAME_MAX = 255;
/** Longest accepted cron expression. */
export const CRON_EXPRESSION_MAX = 255;

/** Control characters and `/` (a name is a URL path segment). */
// eslint-disable-next-line no-control-regex -- control characters are what this rejects
const BAD_NAME_CHAR = /[\u0000-\u001f\u007f/]/;

/** Reads a cron expression and a time zone; each returns a problem message or null. */
export interface CronCheck {
  cronProblem(expression: string): string | null;
  zoneProblem(zoneId: string): string | null;
}

/** Lists every problem of a WorkflowSchedule; an empty list means valid. Pure. */
export function validateSchedule(schedule: unknown, check: CronCheck): ValidationIssue[] {
  const issues = new IssueCollector();
  if (!isRecord(schedule)) {
    issues.add('', 'WorkflowSchedule must be a JSON object', schedule);
    return issues.issues;
  }
  const { name, cronExpression, zoneId } = schedule;
  if (!isNonEmptyString(name) || name.trim() === '') {
    issues.add('name', 'name is required', name);
  } else if (name.length > SCHEDULE_NAME_MAX) {
    issues.add('name', `name must be at most ${SCHEDULE_NAME_MAX} characters`);
  } else if (BAD_NAME_CHAR.test(name)) {
    issues.add('name', 'name must not contain control characters or /', name);
  }
  if (!isNonEmptyString(cronExpression)) {
    issues.add('cronExpression', 'cronExpression is required', cronExpression);
  } else if (cronExpression.length > CRON_EXPRESSION_MAX) {
    issues.add(
      'cronExpression',
      `cronExpression must be at most ${CRON_EXPRESSION_MAX} characters`,
    );
  } else {
    const problem = check.cronProblem(cronExpression);
    if (problem !== null) issues.add('cronExpression', problem, cronExpression);
  }
  if (zoneId !== undefined && zoneId !== null) {
    if (typeof zoneId !== 'string' || zoneId.length > 64) {
      issues.add('zoneId', 'zoneId must be an IANA time zone name', zoneId);
    } else {
      const problem = check.zoneProblem(zoneId);
      if (problem !== null) issues.add('zoneId', problem, zoneId);
    }
  }
  const request = schedule.startWorkflowRequest;
  if (!isRecord(request)) {
    issues.add('startWorkflowRequest', 'startWorkflowRequest is required', request);
  } else {
    const at = 'startWorkflowRequest';
    if (!isNonEmptyString(request.name)) {
      issues.add(`${at}.name`, 'startWorkflowRequest.name is required', request.name);
    }
    issues.integer(request, 'version', at, { min: 1, nullable: true });
    issues.integer(request, 'priority', at, { min: 0, nullable: true });
    issues.shape(request, 'correlationId', at, 'string');
    issues.shape(request, 'input', at, 'object');
    issues.shape(request, 'taskToDomain', at, 'object');
  }
  issues.shape(schedule, 'paused', '', 'boolean');
  issues.shape(schedule, 'runCatchupScheduleInstances', '', 'boolean');
  issues.shape(schedule, 'description', '', 'string');
  const start = issues.integer(schedule, 'scheduleStartTime', '', { min: 0, nullable: true });
  const end = issues.integer(schedule, 'scheduleEndTime', '', { min: 0, nullable: true });
  if (start !== undefined && end !== undefined && end > 0 && end < start) {
    issues.add('scheduleEndTime', 'scheduleEndTime must not be before scheduleStartTime', end);
  }
  return issues.issues;
}
