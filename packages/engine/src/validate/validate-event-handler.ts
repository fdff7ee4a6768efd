/**
 * EventHandler validation: Conductor's bean constraints (name, event, at least one action) plus
 * the checks Conductor leaves to run time, made at registration instead (each action names a
 * known kind and carries its parameters). docs/conductor-compatibility.md#event-handlers.
 * @module
 */
import type { ValidationIssue } from '../errors.js';
import { EVENT_ACTION_TYPES, EVENT_EVALUATOR_TYPES } from '../model/event-handler.js';
import { IssueCollector, isNonEmptyString, isRecord, joinPath } from './issues.js';

/** Longest accepted handler name and event string (they are keys and URL path segments). */
export const EVENT_HANDLER_NAME_MAX = 255;

/** Lists every problem of an EventHandler; an empty list means valid. Pure. */
export function validateEventHandler(handler: unknown): ValidationIssue[] {
  const issues = new IssueCollector();
  if (!isRecord(handler)) {
    issues.add('', 'EventHandler must be a JSON object', handler);
    return issues.issues;
  }
  if (!isNonEmptyString(handler.name)) {
    issues.add('name', 'Missing event handler name', handler.name);
  } else if (handler.name.length > EVENT_HANDLER_NAME_MAX) {
    issues.add('name', `name must be at most ${EVENT_HANDLER_NAME_MAX} characters`);
  }
  if (!isNonEmptyString(handler.event)) {
    issues.add('event', 'Missing event location', handler.event);
  } else if (handler.event.length > EVENT_HANDLER_NAME_MAX) {
    issues.add('event', `event must be at most ${EVENT_HANDLER_NAME_MAX} characters`);
  } else if (!/^[A-Za-z0-9_-]+:./.test(handler.event)) {
    issues.add(
      'event',
      'event must be <type>:<queue>, e.g. conductor:wf:ref or nats:subject',
      handler.event,
    );
  }
  issues.shape(handler, 'condition', '', 'string');
  issues.oneOf(handler, 'evaluatorType', '', EVENT_EVALUATOR_TYPES);
  issues.shape(handler, 'active', '', 'boolean');
  const actions = handler.actions;
  if (!Array.isArray(actions) || actions.length === 0) {
    issues.add('actions', 'No actions specified. Please specify at-least one action', actions);
  } else {
    actions.forEach((action, i) => collectActionIssues(action, joinPath('actions', i), issues));
  }
  return issues.issues;
}

function collectActionIssues(action: unknown, path: string, issues: IssueCollector): void {
  if (!isRecord(action)) {
    issues.add(path, 'action must be a JSON object', action);
    return;
  }
  const kind = action.action;
  if (typeof kind !== 'string' || !(EVENT_ACTION_TYPES as readonly string[]).includes(kind)) {
    issues.add(
      joinPath(path, 'action'),
      `action must be one of ${EVENT_ACTION_TYPES.join(', ')}`,
      kind,
    );
    return;
  }
  issues.shape(action, 'expandInlineJSON', path, 'boolean');
  const params = action[kind];
  const at = joinPath(path, kind);
  if (!isRecord(params)) {
    issues.add(at, `${kind} parameters are required for action ${kind}`, params);
    return;
  }
  const required = (field: string): void => {
    if (!isNonEmptyString(params[field])) {
      issues.add(joinPath(at, field), `${field} is required`, params[field]);
    }
  };
  switch (kind) {
    case 'start_workflow':
      required('name');
      issues.integer(params, 'version', at, { min: 1 });
      issues.shape(params, 'correlationId', at, 'string');
      issues.shape(params, 'input', at, 'object');
      issues.shape(params, 'taskToDomain', at, 'object');
      break;
    case 'complete_task':
    case 'fail_task':
      if (!isNonEmptyString(params.taskId)) {
        if (!isNonEmptyString(params.workflowId) || !isNonEmptyString(params.taskRefName)) {
          issues.add(at, 'taskId, or workflowId and taskRefName, are required');
        }
      }
      issues.shape(params, 'output', at, 'object');
      issues.shape(params, 'reasonForIncompletion', at, 'string');
      break;
    case 'terminate_workflow':
      required('workflowId');
      issues.shape(params, 'terminationReason', at, 'string');
      break;
    case 'update_workflow_variables':
      required('workflowId');
      if (!isRecord(params.variables)) {
        issues.add(joinPath(at, 'variables'), 'variables must be an object', params.variables);
      }
      issues.shape(params, 'appendArray', at, 'boolean');
      break;
  }
}
