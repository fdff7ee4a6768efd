/**
 * INLINE, LAMBDA and JSON_JQ_TRANSFORM (semantics doc §3.12-3.13): run inside the decide loop
 * through the ScriptEvaluator and JqEvaluator ports.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import type { ActionResult, SystemAction } from '../outcome.js';
import { createTask, endPatch, resolveNodeInput, type MapContext } from '../task-factory.js';
import { exceedsJsonDepth, tooDeepMessage } from '../../model/json-depth.js';

/** An IN_PROGRESS INLINE, LAMBDA or JSON_JQ_TRANSFORM task waiting for its evaluation. */
export function mapScriptTask(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const taskId = m.ctx.newId();
  return [
    createTask(m, node, suffix, {
      taskId,
      taskType: node.type ?? 'INLINE',
      status: 'IN_PROGRESS',
      inputData: resolveNodeInput(m, node, taskId),
    }),
  ];
}

/**
 * The action the task needs, or a patch when it can be settled without a port (INLINE
 * value-param, or a bad evaluator / empty expression, which is a terminal error).
 */
export function scriptStep(
  task: Task,
  now: number,
): { action: SystemAction } | { patch: Partial<Task> } {
  const input = task.inputData;
  if (task.taskType === 'JSON_JQ_TRANSFORM') {
    return {
      action: {
        type: 'jq',
        taskId: task.taskId,
        query: String(input.queryExpression ?? ''),
        input,
      },
    };
  }
  if (task.taskType === 'LAMBDA') {
    const body = task.workflowTask.scriptExpression ?? '';
    return {
      action: {
        type: 'script',
        taskId: task.taskId,
        purpose: 'lambda',
        expression: `(function scriptFun(){${body}})()`,
        input,
      },
    };
  }
  const evaluator = String(input.evaluatorType ?? 'javascript');
  const expression = typeof input.expression === 'string' ? input.expression : '';
  if (expression.trim() === '') return { patch: inlineError(now, 'Empty expression') };
  if (evaluator === 'value-param')
    return {
      patch: endPatch(now, 'COMPLETED', { outputData: { result: input[expression] ?? null } }),
    };
  if (evaluator !== 'javascript' && evaluator !== 'graaljs') {
    return { patch: inlineError(now, `Evaluator ${evaluator} is not supported`) };
  }
  return {
    action: { type: 'script', taskId: task.taskId, purpose: 'inline', expression, input },
  };
}

function inlineError(now: number, message: string): Partial<Task> {
  return endPatch(now, 'FAILED_WITH_TERMINAL_ERROR', {
    reasonForIncompletion: message,
    outputData: { error: message },
  });
}

/** Applies an evaluation: `{result}` (jq: `{result, resultList}`) or the failure Conductor gives. */
export function applyScriptResult(task: Task, evaluated: ActionResult, now: number): Partial<Task> {
  const result: ActionResult =
    evaluated.type !== 'error' && exceedsJsonDepth(evaluated.value)
      ? { type: 'error', message: tooDeepMessage('result') }
      : evaluated;
  if (result.type === 'error') {
    const status = task.taskType === 'INLINE' ? 'FAILED_WITH_TERMINAL_ERROR' : 'FAILED';
    return endPatch(now, status, {
      reasonForIncompletion: result.message,
      outputData: { error: result.message },
    });
  }
  if (task.taskType === 'JSON_JQ_TRANSFORM') {
    const list = Array.isArray(result.value) ? result.value : [result.value];
    return endPatch(now, 'COMPLETED', {
      outputData: { result: list[0] ?? null, resultList: list },
    });
  }
  return endPatch(now, 'COMPLETED', { outputData: { result: result.value ?? null } });
}
