/**
 * Checks one WorkflowTask node: JSON shape, required fields and its type's rules.
 * @module
 */
import type { IssueCollector } from './issues.js';
import { isNonEmptyString, isRecord, joinPath } from './issues.js';
import type { TypeRuleContext } from './issues.js';
import { checkTaskType } from './task-type-rules.js';
import { collectTaskDefIssues } from './validate-task-def.js';

const BOOLEAN_FIELDS = ['optional', 'asyncComplete', 'rateLimited', 'permissive'];
const STRING_FIELDS = [
  'description',
  'evaluatorType',
  'expression',
  'caseValueParam',
  'caseExpression',
  'loopCondition',
  'dynamicTaskNameParam',
  'dynamicForkTasksParam',
  'dynamicForkTasksInputParamName',
  'dynamicForkJoinTasksParam',
  'sink',
  'scriptExpression',
];

/** Adds the issues of the node at `path` (children are visited separately). */
export function checkWorkflowTask(task: unknown, path: string, ctx: TypeRuleContext): void {
  const issues = ctx.issues;
  if (!isRecord(task)) {
    issues.add(path, 'WorkflowTask must be a JSON object', task);
    return;
  }
  if (!isNonEmptyString(task.name)) {
    issues.add(joinPath(path, 'name'), 'WorkflowTask name cannot be empty or null', task.name);
  }
  if (!isNonEmptyString(task.taskReferenceName)) {
    issues.add(
      joinPath(path, 'taskReferenceName'),
      'WorkflowTask taskReferenceName name cannot be empty or null',
      task.taskReferenceName,
    );
  }
  let type = 'SIMPLE';
  if (task.type !== undefined && task.type !== null) {
    if (!isNonEmptyString(task.type)) {
      issues.add(
        joinPath(path, 'type'),
        'type must be a task type (e.g. SIMPLE, SWITCH, HTTP) or a worker task name',
        task.type,
      );
    } else {
      type = task.type;
    }
  }
  checkShapes(task, path, issues);
  issues.integer(task, 'startDelay', path, { min: 0, message: () => 'startDelay must be >= 0' });
  issues.integer(task, 'retryCount', path, { min: 0, nullable: true });
  if (task.taskDefinition !== undefined && task.taskDefinition !== null) {
    collectTaskDefIssues(task.taskDefinition, joinPath(path, 'taskDefinition'), issues);
  }
  checkTaskType(task, type, path, ctx);
}

function checkShapes(task: Record<string, unknown>, path: string, issues: IssueCollector): void {
  for (const field of BOOLEAN_FIELDS) issues.shape(task, field, path, 'boolean');
  for (const field of STRING_FIELDS) issues.shape(task, field, path, 'string');
  issues.shape(task, 'inputParameters', path, 'object');
  issues.shape(task, 'subWorkflowParam', path, 'object');
  issues.shape(task, 'defaultCase', path, 'array');
  issues.shape(task, 'loopOver', path, 'array');
  issues.shape(task, 'defaultExclusiveJoinTask', path, 'array');
  if (issues.shape(task, 'decisionCases', path, 'object')) {
    for (const [key, list] of Object.entries(task.decisionCases as Record<string, unknown>)) {
      if (!Array.isArray(list)) {
        issues.add(
          joinPath(joinPath(path, 'decisionCases'), key),
          'each decision case must be an array of tasks',
          list,
        );
      }
    }
  }
  if (issues.shape(task, 'forkTasks', path, 'array')) {
    (task.forkTasks as unknown[]).forEach((branch, i) => {
      if (!Array.isArray(branch)) {
        issues.add(
          joinPath(joinPath(path, 'forkTasks'), i),
          'each fork branch must be an array of tasks',
          branch,
        );
      } else if (branch.length === 0) {
        issues.add(
          joinPath(joinPath(path, 'forkTasks'), i),
          'a fork branch must have at least one task',
          branch,
        );
      }
    });
  }
}
