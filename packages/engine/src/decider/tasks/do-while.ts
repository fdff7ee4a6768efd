/**
 * DO_WHILE (docs/conductor-compatibility.md#do_while). Body tasks carry the iteration suffix
 * (`step__2`, and `step__1_2` in a loop nested in a loop). After each complete iteration the loop
 * records the body's outputs under the iteration number and asks for its loopCondition to be
 * evaluated.
 * @module
 */
import type { Task } from '../../model/task.js';
import { isSuccessfulTaskStatus, isTerminalTaskStatus } from '../../model/status.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { collectRefs } from '../def-index.js';
import type { ActionResult, SystemAction } from '../outcome.js';
import { baseRef, childSuffix, withSuffix } from '../refs.js';
import { createTask, endPatch, resolveNodeInput, type MapContext } from '../task-factory.js';

/** The loop task, IN_PROGRESS in iteration 1; the next pass schedules the body's first task. */
export function mapDoWhile(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const taskId = m.ctx.newId();
  const task = createTask(m, node, suffix, {
    taskId,
    taskType: 'DO_WHILE',
    taskDefName: node.name,
    status: 'IN_PROGRESS',
    inputData: resolveNodeInput(m, node, taskId),
    outputData: { iteration: 1 },
  });
  return [{ ...task, iteration: 1 }];
}

/** What an IN_PROGRESS loop needs now. */
export type LoopStep =
  | { type: 'schedule'; tasks: Task[] }
  | { type: 'update'; patch: Partial<Task>; action?: SystemAction };

const BODY_REFS = new WeakMap<WorkflowTask, Set<string>>();

function bodyRefs(node: WorkflowTask): Set<string> {
  let refs = BODY_REFS.get(node);
  if (!refs) {
    refs = collectRefs(node.loopOver ?? []);
    BODY_REFS.set(node, refs);
  }
  return refs;
}

/**
 * Starts the current iteration when none of its tasks exist; when every task of the iteration is
 * terminal and acted on, records the outputs and asks for the condition (or fails the loop when a
 * body task was unsuccessful). Null while the iteration runs.
 */
export function evaluateLoop(m: MapContext, loop: Task): LoopStep | null {
  const node = loop.workflowTask;
  const body = node.loopOver ?? [];
  const suffix = childSuffix(loop.referenceTaskName, loop.iteration);
  const rows: Task[] = [];
  for (const ref of bodyRefs(node)) {
    const row = m.draft.byRef(withSuffix(ref, suffix));
    if (row) rows.push(row);
  }
  const first = body[0];
  if (rows.length === 0) {
    if (!first) return { type: 'update', patch: endPatch(m.ctx.now, 'COMPLETED') };
    return { type: 'schedule', tasks: m.map(first, suffix) };
  }
  for (const row of rows) {
    if (!isTerminalTaskStatus(row.status)) return null;
    if (row.status !== 'SKIPPED' && !row.executed) return null;
  }
  if (body.some((n) => !m.draft.byRef(withSuffix(n.taskReferenceName, suffix)))) return null;
  const failed = rows.filter((row) => !isSuccessfulTaskStatus(row.status));
  if (failed.length > 0) {
    const reason = failed.map((t) => t.reasonForIncompletion ?? '').join(' ');
    return {
      type: 'update',
      patch: endPatch(m.ctx.now, 'FAILED', { reasonForIncompletion: reason }),
    };
  }
  const iterationOutput: Record<string, unknown> = {};
  for (const row of rows) iterationOutput[baseRef(row.referenceTaskName)] = row.outputData;
  const outputData = { ...loop.outputData, [String(loop.iteration)]: iterationOutput };
  const input: Record<string, unknown> = {
    ...resolveNodeInput(m, node, loop.taskId),
    ...iterationOutput,
    [baseRef(loop.referenceTaskName)]: outputData,
  };
  return {
    type: 'update',
    patch: { outputData, updateTime: m.ctx.now },
    action: {
      type: 'script',
      taskId: loop.taskId,
      purpose: 'loop',
      expression: node.loopCondition ?? 'false',
      input,
    },
  };
}

/**
 * Applies the loopCondition's value: a true boolean or a number > 0 starts the next iteration,
 * anything else completes the loop; an error ends it FAILED_WITH_TERMINAL_ERROR.
 */
export function applyLoopResult(loop: Task, result: ActionResult, now: number): Partial<Task> {
  if (result.type === 'error') {
    return endPatch(now, 'FAILED_WITH_TERMINAL_ERROR', { reasonForIncompletion: result.message });
  }
  const value = result.value;
  const again = value === true || (typeof value === 'number' && value > 0);
  if (!again) return endPatch(now, 'COMPLETED');
  const iteration = loop.iteration + 1;
  return { iteration, outputData: { ...loop.outputData, iteration }, updateTime: now };
}
