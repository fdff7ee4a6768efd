/**
 * SET_VARIABLE (docs/conductor-compatibility.md#set_variable): merges its input into
 * `workflow.variables`.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { createTask, resolveNodeInput, type MapContext } from '../task-factory.js';

/** Conductor's default maxWorkflowVariablesPayloadSizeThreshold (256 KB). */
export const MAX_VARIABLES_BYTES = 256 * 1024;

export function mapSetVariable(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const taskId = m.ctx.newId();
  const inputData = resolveNodeInput(m, node, taskId);
  const view = m.draft.view();
  const variables = { ...view.variables, ...inputData };
  const size = JSON.stringify(variables).length;
  if (size > MAX_VARIABLES_BYTES) {
    const reason = `The variables payload size: ${size} of workflow: ${view.workflowId} is greater than the permissible limit: ${MAX_VARIABLES_BYTES / 1024} kilobytes`;
    return [
      createTask(m, node, suffix, {
        taskId,
        taskType: 'SET_VARIABLE',
        status: 'FAILED_WITH_TERMINAL_ERROR',
        inputData,
        reasonForIncompletion: reason,
      }),
    ];
  }
  m.draft.setVariables(variables);
  return [
    createTask(m, node, suffix, {
      taskId,
      taskType: 'SET_VARIABLE',
      status: 'COMPLETED',
      inputData,
    }),
  ];
}
