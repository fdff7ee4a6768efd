/**
 * WorkflowDef validation: every problem of a definition with a JSON path and an actionable message,
 * using Conductor's messages where it has them
 * (docs/conductor-compatibility.md#definitions-and-validation) and stricter checks where Conductor
 * registers a definition that cannot run (JOIN pairing, dangling joinOn refs).
 * @module
 */
import type { ValidationIssue } from '../errors.js';
import type { TaskDef } from '../model/task-def.js';
import { IssueCollector, isNonEmptyString, isRecord, joinPath } from './issues.js';
import {
  checkDuplicateRefs,
  checkExclusiveJoinDefaults,
  checkForkJoinPairs,
  checkInputReferences,
  checkLoopRefs,
} from './references.js';
import { startWorkflowWarning } from './input-rules.js';
import { checkWorkflowTask } from './validate-workflow-task.js';
import { walkTasks, type TaskNode } from './walk-tasks.js';

export const WORKFLOW_TIMEOUT_POLICIES = ['TIME_OUT_WF', 'ALERT_ONLY'] as const;

export interface WorkflowDefValidationOptions {
  /** Require ownerEmail (Conductor's `ownerEmailMandatory`; the bundled OSS config turns it off). */
  ownerEmailMandatory?: boolean;
  /**
   * Check `${ref...}` input references in nested tasks too (default true). Conductor checks only
   * top-level tasks; pass false to match it exactly.
   */
  checkNestedReferences?: boolean;
  /** Registered TaskDefs, for rules a TaskDef's inputTemplate can satisfy (HTTP, JQ, KAFKA). */
  getTaskDef?: (name: string) => TaskDef | null | undefined;
}

/**
 * Lists every problem of `def` as `{path, message, invalidValue}` (e.g. path
 * `tasks[2].forkTasks[0][1].taskReferenceName`); an empty list means the definition registers.
 * Pure and fast: the designer runs the same function on every edit.
 */
export function validateWorkflowDef(
  def: unknown,
  options: WorkflowDefValidationOptions = {},
): ValidationIssue[] {
  const issues = new IssueCollector();
  if (!isRecord(def)) {
    issues.add('', 'WorkflowDef must be a JSON object', def);
    return issues.issues;
  }
  checkWorkflowFields(def, issues, options);
  if (!Array.isArray(def.tasks)) return issues.issues;

  const nodes: TaskNode[] = [];
  walkTasks(def.tasks, 'tasks', (node) => nodes.push(node));
  const allRefs = new Set<string>();
  for (const { task } of nodes) {
    if (isRecord(task) && isNonEmptyString(task.taskReferenceName))
      allRefs.add(task.taskReferenceName);
  }
  const ctx = { issues, getTaskDef: options.getTaskDef };
  for (const node of nodes) {
    checkWorkflowTask(node.task, node.path, ctx);
    checkForkJoinPairs(node, allRefs, issues);
    checkExclusiveJoinDefaults(node, allRefs, issues);
    checkLoopRefs(node, issues);
    if (node.topLevel || options.checkNestedReferences !== false)
      checkInputReferences(node, allRefs, issues);
  }
  checkDuplicateRefs(nodes, typeof def.name === 'string' ? def.name : '', issues);
  return issues.issues;
}

/**
 * Problems that do not stop `def` from registering (Conductor accepts it) but will fail it at run
 * time; `POST /api/metadata/workflow/validate` reports them as warnings.
 */
export function workflowDefWarnings(def: unknown): ValidationIssue[] {
  const issues = new IssueCollector();
  if (!isRecord(def) || !Array.isArray(def.tasks)) return issues.issues;
  walkTasks(def.tasks, 'tasks', ({ task, path }) => {
    if (!isRecord(task) || task.type !== 'START_WORKFLOW') return;
    const input = isRecord(task.inputParameters) ? task.inputParameters : {};
    startWorkflowWarning(input, typeof task.name === 'string' ? task.name : '', path, issues);
  });
  return issues.issues;
}

function checkWorkflowFields(
  def: Record<string, unknown>,
  issues: IssueCollector,
  options: WorkflowDefValidationOptions,
): void {
  if (!isNonEmptyString(def.name))
    issues.add('name', 'WorkflowDef name cannot be null or empty', def.name);
  if (!Array.isArray(def.tasks) || def.tasks.length === 0) {
    issues.add('tasks', 'WorkflowTask list cannot be empty', def.tasks);
  }
  if (def.schemaVersion !== undefined && def.schemaVersion !== 2) {
    issues.add(
      'schemaVersion',
      'workflowDef schemaVersion: 2 is only supported',
      def.schemaVersion,
    );
  }
  issues.integer(def, 'version', '', { min: 0 });
  issues.integer(def, 'timeoutSeconds', '', { min: 0 });
  issues.oneOf(def, 'timeoutPolicy', '', WORKFLOW_TIMEOUT_POLICIES);
  issues.integer(def, 'failureWorkflowVersion', '', { min: 1, nullable: true });
  for (const field of ['description', 'failureWorkflow', 'ownerEmail', 'ownerApp'])
    issues.shape(def, field, '', 'string');
  for (const field of ['restartable', 'workflowStatusListenerEnabled'])
    issues.shape(def, field, '', 'boolean');
  for (const field of ['outputParameters', 'inputTemplate', 'variables'])
    issues.shape(def, field, '', 'object');
  if (issues.shape(def, 'inputParameters', '', 'array')) {
    (def.inputParameters as unknown[]).forEach((item, i) => {
      if (typeof item !== 'string')
        issues.add(joinPath('inputParameters', i), 'inputParameters entries must be strings', item);
    });
  }
  if (options.ownerEmailMandatory && !isNonEmptyString(def.ownerEmail)) {
    issues.add('ownerEmail', 'ownerEmail cannot be empty', def.ownerEmail);
  }
}
