/**
 * INLINE, LAMBDA and JSON_JQ_TRANSFORM
 * (docs/conductor-compatibility.md#inline-lambda-and-json_jq_transform): run inside the decide loop
 * through the ScriptEvaluator and JqEvaluator ports.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import type { ActionResult, SystemAction } from '../outcome.js';
import { createTask, endPatch, resolveNodeInput, type MapContext } from '../task-factory.js';
import { exceedsJsonDepth, tooDeepMessage } from '../../model/json-depth.js';

const EMPTY_LAMBDA_REASON =
  "Empty 'scriptExpression' in Lambda task's input parameters. A non-empty String value must be provided.";
const EMPTY_LAMBDA: Partial<Task> = { reasonForIncompletion: EMPTY_LAMBDA_REASON };

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
    // Like Conductor, LAMBDA reads its script from the task input (where validation requires it).
    const body = typeof input.scriptExpression === 'string' ? input.scriptExpression : '';
    if (body.trim() === '') return { patch: endPatch(now, 'FAILED', EMPTY_LAMBDA) };
    return {
      action: {
        type: 'script',
        taskId: task.taskId,
        purpose: 'lambda',
        expression: `(function scriptFun(){\n${body}\n})()`,
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

/** Default cap on a script's or jq's result, in bytes of its JSON text. */
export const DEFAULT_SCRIPT_RESULT_MAX_BYTES = 1024 * 1024;

/** Longest error message kept from a script or jq (in reasonForIncompletion and output.error). */
export const MAX_SCRIPT_MESSAGE_CHARS = 2_000;

/**
 * Bounds what a script or jq evaluation hands to its task, whatever evaluator produced it: a value
 * whose JSON is larger than `maxBytes` becomes an error saying so (the task fails rather than storing
 * it), and an error message is cut to {@link MAX_SCRIPT_MESSAGE_CHARS} characters.
 */
export function boundScriptResult(
  result: ActionResult,
  maxBytes: number,
  label: 'Script' | 'jq' = 'Script',
): ActionResult {
  if (result.type === 'error') return { type: 'error', message: truncateMessage(result.message) };
  const size = jsonBytes(result.value, maxBytes);
  if (size <= maxBytes) return result;
  return {
    type: 'error',
    message: `${label} result is ${size} bytes of JSON, more than the limit of ${maxBytes} bytes`,
  };
}

/** `message` cut to {@link MAX_SCRIPT_MESSAGE_CHARS} characters, saying so. */
export function truncateMessage(message: string): string {
  if (message.length <= MAX_SCRIPT_MESSAGE_CHARS) return message;
  const suffix = `... (message truncated to ${MAX_SCRIPT_MESSAGE_CHARS} characters)`;
  return message.slice(0, MAX_SCRIPT_MESSAGE_CHARS - suffix.length) + suffix;
}

/**
 * UTF-8 size of the value's JSON text (a value that is not JSON counts as `null`); exact when it
 * may exceed `maxBytes`, else any number up to it.
 */
function jsonBytes(value: unknown, maxBytes: number): number {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return 4;
  if (text.length * 3 <= maxBytes) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // 2 bytes up to U+07FF, 3 above; a surrogate pair (4 bytes) counts 2 + 2.
    if (code > 0x7f) bytes += code > 0x7ff && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
