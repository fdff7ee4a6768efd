/**
 * SWITCH and DECISION (docs/conductor-compatibility.md#switch-and-decision): pick a case, then the
 * case's first task runs next.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { TerminateSignal, type ActionResult, type SystemAction } from '../outcome.js';
import { createTask, endPatch, resolveNodeInput, type MapContext } from '../task-factory.js';

/**
 * The SWITCH/DECISION task. value-param (and DECISION caseValueParam) are decided right here and
 * the task is born COMPLETED; javascript expressions leave it IN_PROGRESS for a script action.
 */
export function mapSwitch(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const type = node.type === 'DECISION' ? 'DECISION' : 'SWITCH';
  const taskId = m.ctx.newId();
  const inputData = resolveNodeInput(m, node, taskId);
  const task = createTask(m, node, suffix, {
    taskId,
    taskType: type,
    taskDefName: type,
    status: 'IN_PROGRESS',
    inputData,
  });
  const param = valueParamOf(node);
  if (param !== undefined) {
    const done = { ...task, ...completeSwitch(task, caseKey(inputData[param]), m.ctx.now) };
    // As in Conductor, the chosen case's first task is created with the SWITCH, so inside a fork
    // branch it comes before the tasks of the branches after it.
    const first = selectedBranch(done)[0];
    return first ? [done, ...m.map(first, suffix)] : [done];
  }
  if (type === 'SWITCH' && !isScriptEvaluator(node.evaluatorType)) {
    throw new TerminateSignal('FAILED', `No evaluator registered for type: ${node.evaluatorType}`);
  }
  return [task];
}

function valueParamOf(node: WorkflowTask): string | undefined {
  if (node.type === 'DECISION') return node.caseValueParam ?? undefined;
  const evaluator = node.evaluatorType ?? 'value-param';
  return evaluator === 'value-param' ? (node.expression ?? '') : undefined;
}

function isScriptEvaluator(type: string | null | undefined): boolean {
  return type === 'javascript' || type === 'graaljs';
}

/** The script a javascript SWITCH or DECISION caseExpression still has to evaluate. */
export function switchAction(task: Task): SystemAction {
  const node = task.workflowTask;
  const decision = task.taskType === 'DECISION';
  return {
    type: 'script',
    taskId: task.taskId,
    purpose: decision ? 'decision' : 'switch',
    expression: (decision ? node.caseExpression : node.expression) ?? '',
    input: task.inputData,
  };
}

/** Completes the SWITCH with the script's value, or fails it with the script's error. */
export function applySwitchResult(task: Task, result: ActionResult, now: number): Partial<Task> {
  if (result.type === 'error') {
    const expression = task.workflowTask.caseExpression ?? task.workflowTask.expression;
    const reason =
      task.taskType === 'DECISION'
        ? `Error while evaluating script: ${expression}`
        : `Error evaluating the script \`${result.message}\``;
    return endPatch(now, 'FAILED', { reasonForIncompletion: reason });
  }
  return completeSwitch(task, caseKey(result.value), now);
}

/** Conductor's `"" + result`: null → "null", true → "true", 1 → "1". */
export function caseKey(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The branch a completed SWITCH/DECISION selected (empty for none). */
export function selectedBranch(task: Task): WorkflowTask[] {
  const node = task.workflowTask;
  const key = String(
    task.taskType === 'DECISION'
      ? ((task.outputData.caseOutput as unknown[] | undefined)?.[0] ?? 'null')
      : (task.outputData.selectedCase ?? 'null'),
  );
  const cases = node.decisionCases ?? {};
  if (Object.hasOwn(cases, key)) {
    const branch = cases[key] ?? [];
    // OSS SWITCH: an explicit empty case means no tasks; DECISION falls back to the default.
    if (branch.length > 0 || task.taskType === 'SWITCH') return branch;
  }
  return node.defaultCase ?? [];
}

function completeSwitch(task: Task, key: string, now: number): Partial<Task> {
  const outputData =
    task.taskType === 'DECISION'
      ? { caseOutput: [key] }
      : { evaluationResult: [key], selectedCase: key };
  const done = { ...task, outputData };
  const inputData: Record<string, unknown> = { ...task.inputData, case: key };
  if (selectedBranch(done).length > 0) inputData.hasChildren = 'true';
  return endPatch(now, 'COMPLETED', { outputData, inputData });
}
