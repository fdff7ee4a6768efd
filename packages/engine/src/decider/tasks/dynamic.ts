/**
 * DYNAMIC (docs/conductor-compatibility.md#dynamic): a worker task whose name comes from the input.
 * The executor looks up the TaskDef of the resolved name (NFX behaviour) before the task is stored.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { TerminateSignal } from '../outcome.js';
import { resolveNodeInput, type MapContext, type MapOptions } from '../task-factory.js';
import { mapWorkerTask } from './worker.js';

export function mapDynamic(
  m: MapContext,
  node: WorkflowTask,
  suffix: string,
  options: MapOptions = {},
): Task[] {
  const param = node.dynamicTaskNameParam ?? '';
  const input = resolveNodeInput(m, node, '');
  const name = input[param];
  if (name === null || name === undefined || name === '') {
    throw new TerminateSignal(
      'FAILED',
      `Cannot map a dynamic task based on the parameter and input. Parameter= ${param}, input= ${JSON.stringify(input)}`,
    );
  }
  const taskName = String(name);
  const defNode: WorkflowTask = {
    ...node,
    taskDefinition: node.taskDefinition?.name === taskName ? node.taskDefinition : undefined,
  };
  return mapWorkerTask(m, defNode, suffix, options, taskName);
}
