/**
 * Type-specific WorkflowTask rules with Conductor's messages
 * (docs/conductor-compatibility.md#definitions-and-validation).
 * @module
 */
import type { IssueCollector, TypeRuleContext } from './issues.js';
import { isNonEmptyString, isRecord, joinPath, requiredMessage } from './issues.js';
import {
  checkHttp,
  checkInputRules,
  checkTerminate,
  checkWait,
  templateHas,
} from './input-rules.js';

/** SWITCH evaluators Baton can run. */
export const SWITCH_EVALUATOR_TYPES = ['value-param', 'javascript', 'graaljs'] as const;

/** Applies the rules of `type` to `task` at `path`. */
export function checkTaskType(
  task: Record<string, unknown>,
  type: string,
  path: string,
  ctx: TypeRuleContext,
): void {
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
        issues.add(
          joinPath(path, 'forkTasks'),
          `forkTasks should have atleast one task for taskType: FORK_JOIN taskName: ${name}`,
          task.forkTasks,
        );
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
    case 'INLINE':
    case 'LAMBDA':
    case 'START_WORKFLOW':
      checkInputRules(type, hasInput, input, name, path, issues);
      break;
    case 'JOIN':
    case 'EXCLUSIVE_JOIN':
      if (task.joinOn !== undefined && task.joinOn !== null)
        checkStringArray(task, 'joinOn', path, issues);
      break;
  }
}

function checkCases(
  task: Record<string, unknown>,
  type: string,
  name: string,
  path: string,
  issues: IssueCollector,
): void {
  if (!isRecord(task.decisionCases) || Object.keys(task.decisionCases).length === 0) {
    issues.add(
      joinPath(path, 'decisionCases'),
      `decisionCases should have atleast one task for taskType: ${type} taskName: ${name}`,
      task.decisionCases,
    );
  }
}

function checkDynamicFork(
  task: Record<string, unknown>,
  input: Record<string, unknown>,
  name: string,
  path: string,
  issues: IssueCollector,
): void {
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
    if (!tasksParam)
      issues.add(
        joinPath(path, 'dynamicForkTasksParam'),
        requiredMessage('dynamicForkTasksParam', 'FORK_JOIN_DYNAMIC', name),
        task.dynamicForkTasksParam,
      );
    if (!inputParam)
      issues.add(
        joinPath(path, 'dynamicForkTasksInputParamName'),
        requiredMessage('dynamicForkTasksInputParamName', 'FORK_JOIN_DYNAMIC', name),
        task.dynamicForkTasksInputParamName,
      );
  }
}

function checkSubWorkflow(
  task: Record<string, unknown>,
  name: string,
  path: string,
  issues: IssueCollector,
): void {
  const param = task.subWorkflowParam;
  if (!isRecord(param)) {
    issues.add(
      joinPath(path, 'subWorkflowParam'),
      requiredMessage('subWorkflowParam', 'SUB_WORKFLOW', name),
      param,
    );
    return;
  }
  const paramPath = joinPath(path, 'subWorkflowParam');
  const inline = param.workflowDefinition;
  if (!isNonEmptyString(param.name) && !isRecord(inline) && !isNonEmptyString(inline)) {
    issues.add(
      joinPath(paramPath, 'name'),
      'SubWorkflowParams name cannot be null or empty',
      param.name,
    );
  }
  const version = param.version;
  if (
    version !== undefined &&
    version !== null &&
    !(Number.isInteger(version) || (typeof version === 'string' && version.includes('${')))
  ) {
    issues.add(
      joinPath(paramPath, 'version'),
      'version must be an integer or a ${...} expression',
      version,
    );
  }
}

function checkStringArray(
  task: Record<string, unknown>,
  field: string,
  path: string,
  issues: IssueCollector,
): void {
  if (!issues.shape(task, field, path, 'array')) return;
  (task[field] as unknown[]).forEach((item, i) => {
    if (!isNonEmptyString(item))
      issues.add(
        joinPath(joinPath(path, field), i),
        `${field} entries must be task reference names`,
        item,
      );
  });
}
