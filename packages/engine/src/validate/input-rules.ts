/**
 * WorkflowTask rules about inputParameters (HTTP, TERMINATE, WAIT, INLINE, LAMBDA, START_WORKFLOW),
 * using Conductor's messages where it has them
 * (docs/conductor-compatibility.md#definitions-and-validation).
 * @module
 */
import type { IssueCollector, TypeRuleContext } from './issues.js';
import { isNonEmptyString, isRecord, joinPath, requiredMessage } from './issues.js';
import { isWaitUntilFormat, parseWaitDuration } from './wait-input.js';

const TERMINATION_STATUSES = ['COMPLETED', 'FAILED', 'TERMINATED'];
/** INLINE evaluators Baton can run. */
export const INLINE_EVALUATOR_TYPES = ['javascript', 'graaljs', 'value-param'] as const;

/**
 * Baton's stricter checks for INLINE, LAMBDA and START_WORKFLOW, whose missing input Conductor only
 * reports at runtime (the task fails). A START_WORKFLOW request without a name is only a warning
 * ({@link startWorkflowWarning}). A TaskDef inputTemplate may supply the input (`hasInput`).
 */
export function checkInputRules(
  type: string,
  hasInput: (key: string) => boolean,
  input: Record<string, unknown>,
  name: string,
  path: string,
  issues: IssueCollector,
): void {
  const inputPath = joinPath(path, 'inputParameters');
  const require = (key: string): void => {
    if (!hasInput(key))
      issues.add(inputPath, requiredMessage(`inputParameters.${key}`, type, name));
  };
  if (type === 'INLINE') {
    require('expression');
    const evaluator = input.evaluatorType;
    const literal = typeof evaluator === 'string' && !evaluator.includes('${');
    if (literal && !(INLINE_EVALUATOR_TYPES as readonly string[]).includes(evaluator)) {
      issues.add(
        joinPath(inputPath, 'evaluatorType'),
        `evaluatorType must be one of ${INLINE_EVALUATOR_TYPES.join(', ')}`,
        evaluator,
      );
    }
  } else if (type === 'LAMBDA') {
    require('scriptExpression');
  } else if (type === 'START_WORKFLOW') {
    require('startWorkflow');
  }
}

/**
 * Warnings (the definition registers, as in Conductor, but will fail at run time): a
 * START_WORKFLOW whose request has no workflow name fails its task with Conductor's
 * `startWorkflow validation failed.` reason.
 */
export function startWorkflowWarning(
  input: Record<string, unknown>,
  name: string,
  path: string,
  issues: IssueCollector,
): void {
  const request = input.startWorkflow;
  if (isRecord(request) && !isNonEmptyString(request.name)) {
    issues.add(
      joinPath(joinPath(joinPath(path, 'inputParameters'), 'startWorkflow'), 'name'),
      `${requiredMessage('inputParameters.startWorkflow.name', 'START_WORKFLOW', name)}; without it the task fails when it runs`,
      request.name,
    );
  }
}

/** True when the inline or registered TaskDef inputTemplate has a non-null `key`. */
export function templateHas(
  task: Record<string, unknown>,
  key: string,
  ctx: TypeRuleContext,
): boolean {
  const inline = isRecord(task.taskDefinition) ? task.taskDefinition : null;
  const registered = typeof task.name === 'string' ? ctx.getTaskDef?.(task.name) : null;
  const template = (inline ?? registered)?.inputTemplate;
  return isRecord(template) && template[key] !== undefined && template[key] !== null;
}

/** HTTP: a request in inputParameters, at the top level (OSS), or in the template. */
export function checkHttp(
  task: Record<string, unknown>,
  input: Record<string, unknown>,
  name: string,
  path: string,
  ctx: TypeRuleContext,
): void {
  const request = input.http_request;
  if (request === undefined || request === null) {
    if (
      input.uri !== undefined ||
      input.method !== undefined ||
      templateHas(task, 'http_request', ctx)
    )
      return;
    ctx.issues.add(
      joinPath(path, 'inputParameters'),
      requiredMessage('inputParameters.http_request', 'HTTP', name),
    );
    return;
  }
  if (!isRecord(request)) return;
  const requestPath = joinPath(joinPath(path, 'inputParameters'), 'http_request');
  for (const field of ['uri', 'method']) {
    if (!isNonEmptyString(request[field])) {
      ctx.issues.add(
        joinPath(requestPath, field),
        requiredMessage(`inputParameters.http_request.${field}`, 'HTTP', name),
        request[field],
      );
    }
  }
}

/** TERMINATE: never optional; terminationStatus COMPLETED, FAILED or TERMINATED. */
export function checkTerminate(
  task: Record<string, unknown>,
  input: Record<string, unknown>,
  name: string,
  path: string,
  issues: IssueCollector,
): void {
  if (task.optional === true)
    issues.add(
      joinPath(path, 'optional'),
      `terminate task cannot be optional, taskName: ${name}`,
      true,
    );
  const status = input.terminationStatus;
  if (typeof status !== 'string' || !TERMINATION_STATUSES.includes(status)) {
    issues.add(
      joinPath(joinPath(path, 'inputParameters'), 'terminationStatus'),
      `terminate task must have an terminationStatus parameter and must be set to COMPLETED or FAILED, taskName: ${name}`,
      status,
    );
  }
}

/** WAIT: duration or until, not both; literal values must parse. */
export function checkWait(
  input: Record<string, unknown>,
  path: string,
  issues: IssueCollector,
): void {
  const inputPath = joinPath(path, 'inputParameters');
  const { duration, until } = input;
  if (duration !== undefined && duration !== null && until !== undefined && until !== null) {
    issues.add(inputPath, "Both 'duration' and 'until' specified. Please provide only one input");
    return;
  }
  if (
    typeof duration === 'string' &&
    !duration.includes('${') &&
    parseWaitDuration(duration) === null
  ) {
    issues.add(joinPath(inputPath, 'duration'), `Unable to parse duration ${duration}`, duration);
  }
  if (typeof until === 'string' && !until.includes('${') && !isWaitUntilFormat(until)) {
    issues.add(joinPath(inputPath, 'until'), `Unable to parse date ${until}`, until);
  }
}
