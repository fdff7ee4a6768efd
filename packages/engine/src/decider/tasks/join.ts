/**
 * JOIN (docs/conductor-compatibility.md#join). Evaluated on every decide pass, so a branch
 * finishing completes the JOIN at once instead of waiting for a poll.
 * @module
 */
import type { Task } from '../../model/task.js';
import { isSuccessfulTaskStatus, isTerminalTaskStatus } from '../../model/status.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import type { Draft } from '../draft.js';
import { suffixOf, withSuffix } from '../refs.js';
import { createTask, endPatch, type MapContext } from '../task-factory.js';

/** An IN_PROGRESS JOIN waiting on `joinOn` (reference names without loop suffix). */
export function mapJoin(m: MapContext, node: WorkflowTask, suffix: string, joinOn: string[]): Task {
  return createTask(m, node, suffix, {
    taskType: 'JOIN',
    taskDefName: 'JOIN',
    status: 'IN_PROGRESS',
    inputData: { joinOn },
  });
}

/**
 * The JOIN's new state, or null while it waits. Fails fast on a non-optional unsuccessful branch;
 * otherwise completes once every joinOn task exists and is terminal (COMPLETED_WITH_ERRORS when an
 * optional branch completed with errors). The output maps each ref with output to that output.
 */
export function evaluateJoin(draft: Draft, join: Task, now: number): Partial<Task> | null {
  const joinOn = (join.inputData.joinOn as string[] | undefined) ?? [];
  const suffix = suffixOf(join.referenceTaskName);
  const outputData: Record<string, unknown> = {};
  const failures: Task[] = [];
  const withErrors: Task[] = [];
  let allDone = true;
  for (const ref of joinOn) {
    // Inside a DO_WHILE the output is keyed by the iteration's reference name (`l__1`).
    const iterationRef = withSuffix(ref, suffix);
    const task = draft.byRef(iterationRef);
    if (!task) {
      allDone = false;
      continue;
    }
    if (Object.keys(task.outputData).length > 0) outputData[iterationRef] = task.outputData;
    if (!isTerminalTaskStatus(task.status)) allDone = false;
    else if (!isSuccessfulTaskStatus(task.status) && !task.workflowTask?.optional)
      failures.push(task);
    else if (task.status === 'COMPLETED_WITH_ERRORS') withErrors.push(task);
  }
  if (failures.length > 0) {
    const status = failures.every((t) => t.status === 'CANCELED') ? 'CANCELED' : 'FAILED';
    const reason = failures.map((t) => t.reasonForIncompletion ?? '').join(' ');
    return endPatch(now, status, { outputData, reasonForIncompletion: reason });
  }
  if (!allDone) {
    return sameOutput(join.outputData, outputData) ? null : { outputData, updateTime: now };
  }
  if (withErrors.length > 0) {
    const names = withErrors.map((t) => `${t.taskDefName}/${t.taskId}`).join(' ');
    return endPatch(now, 'COMPLETED_WITH_ERRORS', {
      outputData,
      reasonForIncompletion: `${names} completed with errors`,
    });
  }
  return endPatch(now, 'COMPLETED', { outputData });
}

function sameOutput(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}
