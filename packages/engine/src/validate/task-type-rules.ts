/**
 * Type-specific WorkflowTask rules with Conductor's messages (semantics doc §2.4).
 * @module
 */
import type { TaskDef } from '../model/task-def.js';
import { IssueCollector, isNonEmptyString, isRecord, joinPath } from './issues.js';
import { parseWaitDuration, parseWaitUntil } from './wait-input.js';

/** SWITCH evaluators Baton can run. */
export const SWITCH_EVALUATOR_TYPES = ['value-param', 'javascript', 'graaljs'] as const;
const TERMINATION_STATUSES = ['COMPLETED', 'FAILED', 'TERMINATED'];

export interface TypeRuleContext {
  issues: IssueCollector;
  /** Registered TaskDefs, for rules satisfied by a TaskDef's inputTemplate (HTTP, JQ...). */
  getTaskDef?: (name: string) => TaskDef | null | undefined;
}

/** `<field> field is required for taskType: <TYPE> taskName: <name>` */
export function requiredMessage(field: string, type: string, name: string): string {
  return `${field} field is required for taskType: ${type} taskName: ${name}`;
}

/** Applies the rules of `type` to `task` at `path`. */
export function checkTaskType(task: Record<string, unknown>, type: string, path: string, ctx: TypeRuleContext): void {
  const name = typeof task.name === 'string' ? task.name : '';
  const input = isRecord(task.inputParameters) ? task.inputParameters : {};
  const issues = ctx.issues;
  const require = (field: string, ok: boolean, label = field): void => {
    if (!ok) issues.add(joinPath(path, field), requiredMessage(label, type, name), task[field]);
  };
  const hasInput = (key: string): boolean =>
    (input[key] !== undefined && input[key] !== null) || templateHas(task, key, ctx);

  switch (type) {
    case 'SWITCH':
      if (!isNonEmptyString(task.evaluatorType)) require('evaluatorType', false);
      else if (!isNonEmptyString(task.expression)) require('expression', false);
      else issues.oneOf(task, 'evaluatorType', path, SWITCH_EVALUATOR_TYPES);
      checkCases(task, type, name, path, issues);
      break;
    case 'DECISION':
      if (!isNonEmptyString(task.caseValueParam) && !isNonEmptyString(task.caseExpression)) {
        require('caseValueParam', false, 'caseValueParam or caseExpression');
      }
      checkCases(task, type, name, path, issues);
      break;
    case 'DO_WHILE':
      require('loopCondition', isNonEmptyString(task.loopCondition));
      require('loopOver', Array.isArray(task.loopOver) && task.loopOver.length > 0);
      break;
    case 'DYNAMIC':
      require('dynamicTaskNameParam', isNonEmptyString(task.dynamicTaskNameParam));
      break;
    case 'FORK_JOIN':
      if (!Array.isArray(task.forkTasks) || task.forkTasks.length === 0) {
        issues.add(joinPath(path, 'forkTasks'), `forkTasks should have atleast one task for taskType: FORK_JOIN taskName: ${name}`, task.forkTasks);
      }
      break;
    case 'FORK_JOIN_DYNAMIC':
      checkDynamicFork(task, input, name, path, issues);
      break;
    case 'HTTP':
      checkHttp(task, input, name, path, ctx);
      break;
    case 'KAFKA_PUBLISH':
      require('inputParameters', hasInput('kafka_request'), 'inputParameters.kafka_request');
      break;
    case 'JSON_JQ_TRANSFORM':
      require('inputParameters', hasInput('queryExpression'), 'inputParameters.queryExpression');
      break;
    case 'SUB_WORKFLOW':
      checkSubWorkflow(task, name, path, issues);
      break;
    case 'EVENT':
      require('sink', isNonEmptyString(task.sink));
      break;
    case 'TERMINATE':
      checkTerminate(task, input, name, path, issues);
      break;
    case 'WAIT':
      checkWait(input, path, issues);
      break;
    case 'JOIN':
    case 'EXCLUSIVE_JOIN':
      if (task.joinOn !== undefined && task.joinOn !== null) checkStringArray(task, 'joinOn', path, issues);
      break;
  }
}

function templateHas(task: Record<string, unknown>, key: string, ctx: TypeRuleContext): boolean {
  const inline = isRecord(task.taskDefinition) ? task.taskDefinition : null;
  const registered = typeof task.name === 'string' ? ctx.getTaskDef?.(task.name) : null;
  const template = (inline ?? registered)?.inputTemplate;
  return isRecord(template) && template[key] !== undefined && template[key] !== null;
}

function checkCases(task: Record<string, unknown>, type: string, name: string, path: string, issues: IssueCollector): void {
  if (!isRecord(task.decisionCases) || Object.keys(task.decisionCases).length === 0) {
    issues.add(joinPath(path, 'decisionCases'), `decisionCases should have atleast one task for taskType: ${type} taskName: ${name}`, task.decisionCases);
  }
}

function checkDynamicFork(task: Record<string, unknown>, input: Record<string, unknown>, name: string, path: string, issues: IssueCollector): void {
  if (Array.isArray(input.forkTaskInputs) || isNonEmptyString(input.forkTaskInputs)) return;
  const legacy = isNonEmptyString(task.dynamicForkJoinTasksParam);
  const tasksParam = isNonEmptyString(task.dynamicForkTasksParam);
  const inputParam = isNonEmptyString(task.dynamicForkTasksInputParamName);
  if (legacy && (tasksParam || inputParam)) {
    issues.add(
      joinPath(path, 'dynamicForkJoinTasksParam'),
      `dynamicForkJoinTasksParam or combination of dynamicForkTasksInputParamName and dynamicForkTasksParam cam be used for taskType: FORK_JOIN_DYNAMIC taskName: ${name}`,
      task.dynamicForkJoinTasksParam,
    );
  } else if (!legacy) {
    if (!tasksParam) issues.add(joinPath(path, 'dynamicForkTasksParam'), requiredMessage('dynamicForkTasksParam', 'FORK_JOIN_DYNAMIC', name), task.dynamicForkTasksParam);
    if (!inputParam) issues.add(joinPath(path, 'dynamicForkTasksInputParamName'), requiredMessage('dynamicForkTasksInputParamName', 'FORK_JOIN_DYNAMIC', name), task.dynamicForkTasksInputParamName);
  }
}

function checkHttp(task: Record<string, unknown>, input: Record<string, unknown>, name: string, path: string, ctx: TypeRuleContext): void {
  const request = input.http_request;
  if (request === undefined || request === null) {
    if (input.uri !== undefined || input.method !== undefined || templateHas(task, 'http_request', ctx)) return;
    ctx.issues.add(joinPath(path, 'inputParameters'), requiredMessage('inputParameters.http_request', 'HTTP', name));
    return;
  }
  if (!isRecord(request)) return;
  const requestPath = joinPath(joinPath(path, 'inputParameters'), 'http_request');
  for (const field of ['uri', 'method']) {
    if (!isNonEmptyString(request[field])) {
      ctx.issues.add(joinPath(requestPath, field), requiredMessage(`inputParameters.http_request.${field}`, 'HTTP', name), request[field]);
    }
  }
}

function checkSubWorkflow(task: Record<string, unknown>, name: string, path: string, issues: IssueCollector): void {
  const param = task.subWorkflowParam;
  if (!isRecord(param)) {
    issues.add(joinPath(path, 'subWorkflowParam'), requiredMessage('subWorkflowParam', 'SUB_WORKFLOW', name), param);
    return;
  }
  const paramPath = joinPath(path, 'subWorkflowParam');
  const inline = param.workflowDefinition;
  if (!isNonEmptyString(param.name) && !isRecord(inline) && !isNonEmptyString(inline)) {
    issues.add(joinPath(paramPath, 'name'), 'SubWorkflowParams name cannot be null or empty', param.name);
  }
  const version = param.version;
  if (version !== undefined && version !== null && !(Number.isInteger(version) || (typeof version === 'string' && version.includes('${')))) {
    issues.add(joinPath(paramPath, 'version'), 'version must be an integer or a ${...} expression', version);
  }
}

function checkTerminate(task: Record<string, unknown>, input: Record<string, unknown>, name: string, path: string, issues: IssueCollector): void {
  if (task.optional === true) issues.add(joinPath(path, 'optional'), `terminate task cannot be optional, taskName: ${name}`, true);
  const status = input.terminationStatus;
  if (typeof status !== 'string' || !TERMINATION_STATUSES.includes(status)) {
    issues.add(
      joinPath(joinPath(path, 'inputParameters'), 'terminationStatus'),
      `terminate task must have an terminationStatus parameter and must be set to COMPLETED or FAILED, taskName: ${name}`,
      status,
    );
  }
}

function checkWait(input: Record<string, unknown>, path: string, issues: IssueCollector): void {
  const inputPath = joinPath(path, 'inputParameters');
  const { duration, until } = input;
  if (duration !== undefined && duration !== null && until !== undefined && until !== null) {
    issues.add(inputPath, "Both 'duration' and 'until' specified. Please provide only one input");
    return;
  }
  if (typeof duration === 'string' && !duration.includes('${') && parseWaitDuration(duration) === null) {
    issues.add(joinPath(inputPath, 'duration'), `Unable to parse duration ${duration}`, duration);
  }
  if (typeof until === 'string' && !until.includes('${') && parseWaitUntil(until) === null) {
    issues.add(joinPath(inputPath, 'until'), `Unable to parse date ${until}`, until);
  }
}

function checkStringArray(task: Record<string, unknown>, field: string, path: string, issues: IssueCollector): void {
  if (!issues.shape(task, field, path, 'array')) return;
  (task[field] as unknown[]).forEach((item, i) => {
    if (!isNonEmptyString(item)) issues.add(joinPath(joinPath(path, field), i), `${field} entries must be task reference names`, item);
  });
}
