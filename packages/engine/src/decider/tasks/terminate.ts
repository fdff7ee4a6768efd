/**
 * TERMINATE (docs/conductor-compatibility.md#terminate): completes at once; the decider then ends
 * the workflow with `terminationStatus` and the task's output.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import type { EndStatus } from '../outcome.js';
import { createTask, resolveNodeInput, type MapContext } from '../task-factory.js';

export function mapTerminate(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const taskId = m.ctx.newId();
  const inputData = resolveNodeInput(m, node, taskId);
  const value = inputData.workflowOutput;
  let outputData: Record<string, unknown> = {};
  if (value !== null && value !== undefined) {
    outputData =
      typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : { output: value };
  }
  return [
    createTask(m, node, suffix, {
      taskId,
      taskType: 'TERMINATE',
      status: 'COMPLETED',
      inputData,
      outputData,
    }),
  ];
}

/** The status and reason a completed TERMINATE task ends the workflow with. */
export function terminationOf(task: Task): { status: EndStatus; reason: string } {
  const requested = String(task.inputData.terminationStatus ?? 'COMPLETED');
  const status: EndStatus =
    requested === 'FAILED' || requested === 'TERMINATED' ? requested : 'COMPLETED';
  const given = task.inputData.terminationReason;
  const reason =
    typeof given === 'string' && given.trim() !== ''
      ? given
      : `Workflow is ${status} by TERMINATE task: ${task.taskId}`;
  return { status, reason };
}
