/**
 * TaskDef validation with Conductor's registration-time rules and messages
 * (docs/conductor-compatibility.md#definitions-and-validation).
 * @module
 */
import type { ValidationIssue } from '../errors.js';
import { TASK_DEF_DEFAULTS } from '../model/task-def.js';
import { IssueCollector, isNonEmptyString, isRecord, joinPath } from './issues.js';

export const RETRY_LOGIC_VALUES = ['FIXED', 'LINEAR_BACKOFF', 'EXPONENTIAL_BACKOFF'] as const;
export const TASK_TIMEOUT_POLICIES = ['RETRY', 'TIME_OUT_WF', 'ALERT_ONLY'] as const;

export interface TaskDefValidationOptions {
  /** Require ownerEmail (Conductor's `ownerEmailMandatory`; the bundled OSS config turns it off). */
  ownerEmailMandatory?: boolean;
}

/**
 * Lists every problem of a TaskDef as `{path, message, invalidValue}`; an empty list means valid.
 * Pure and fast, so the designer can run it on every edit.
 * @example validateTaskDef({ name: 'x', timeoutSeconds: 60 }) // responseTimeoutSeconds 3600 > 60
 */
export function validateTaskDef(
  def: unknown,
  options: TaskDefValidationOptions = {},
): ValidationIssue[] {
  const issues = new IssueCollector();
  collectTaskDefIssues(def, '', issues, options);
  return issues.issues;
}

/** Adds the TaskDef issues of `def` (at `path`) to `issues`. Used for inline `taskDefinition`s. */
export function collectTaskDefIssues(
  def: unknown,
  path: string,
  issues: IssueCollector,
  options: TaskDefValidationOptions = {},
): void {
  if (!isRecord(def)) {
    issues.add(path, 'TaskDef must be a JSON object', def);
    return;
  }
  if (!isNonEmptyString(def.name)) {
    issues.add(joinPath(path, 'name'), 'TaskDef name cannot be null or empty', def.name);
  }
  issues.shape(def, 'description', path, 'string');
  issues.integer(def, 'retryCount', path, {
    min: 0,
    message: (v) => `TaskDef retryCount: ${v} must be >= 0`,
  });
  issues.oneOf(def, 'retryLogic', path, RETRY_LOGIC_VALUES);
  issues.integer(def, 'retryDelaySeconds', path, { min: 0 });
  issues.integer(def, 'backoffScaleFactor', path, {
    min: 1,
    message: (v) => `TaskDef backoffScaleFactor: ${v} must be >= 1`,
  });
  issues.integer(def, 'maxRetryDelaySeconds', path, { min: 0 });
  issues.integer(def, 'backoffJitterMs', path, { min: 0 });
  const timeout = issues.integer(def, 'timeoutSeconds', path, { min: 0 });
  issues.oneOf(def, 'timeoutPolicy', path, TASK_TIMEOUT_POLICIES);
  const response = issues.integer(def, 'responseTimeoutSeconds', path, {
    min: 1,
    message: (v) => `TaskDef responseTimeoutSeconds: ${v} must be >= 1`,
  });
  issues.integer(def, 'pollTimeoutSeconds', path, {
    min: 0,
    nullable: true,
    message: (v) => `TaskDef pollTimeoutSeconds: ${v} must be >= 0`,
  });
  const total = issues.integer(def, 'totalTimeoutSeconds', path, { min: 0 });
  for (const field of [
    'concurrentExecLimit',
    'rateLimitPerFrequency',
    'rateLimitFrequencyInSeconds',
  ]) {
    issues.integer(def, field, path, { min: 0, nullable: true });
  }
  checkStringList(def, 'inputKeys', path, issues);
  checkStringList(def, 'outputKeys', path, issues);
  issues.shape(def, 'inputTemplate', path, 'object');
  if (options.ownerEmailMandatory && !isNonEmptyString(def.ownerEmail)) {
    issues.add(joinPath(path, 'ownerEmail'), 'ownerEmail cannot be empty', def.ownerEmail);
  }

  const name = typeof def.name === 'string' ? def.name : '';
  const effectiveResponse = response ?? TASK_DEF_DEFAULTS.responseTimeoutSeconds;
  if (timeout !== undefined && timeout > 0 && effectiveResponse > timeout) {
    issues.add(
      joinPath(path, 'responseTimeoutSeconds'),
      `TaskDef: ${name} responseTimeoutSeconds: ${effectiveResponse} must be less than timeoutSeconds: ${timeout}`,
      effectiveResponse,
    );
  }
  if (total !== undefined && timeout !== undefined && total > 0 && timeout > 0 && total < timeout) {
    issues.add(
      joinPath(path, 'totalTimeoutSeconds'),
      `TaskDef: ${name} totalTimeoutSeconds: ${total} must be greater than or equal to timeoutSeconds: ${timeout}`,
      total,
    );
  }
}

function checkStringList(
  def: Record<string, unknown>,
  field: string,
  path: string,
  issues: IssueCollector,
): void {
  if (!issues.shape(def, field, path, 'array')) return;
  (def[field] as unknown[]).forEach((item, i) => {
    if (typeof item !== 'string')
      issues.add(joinPath(joinPath(path, field), i), `${field} entries must be strings`, item);
  });
}
