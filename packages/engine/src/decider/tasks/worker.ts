/**
 * SIMPLE and USER_DEFINED tasks (docs/conductor-compatibility.md#simple): queued for external
 * workers.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { TerminateSignal } from '../outcome.js';
import { nodeType } from '../task-kinds.js';
import { createTask, resolveNodeInput, type MapContext, type MapOptions } from '../task-factory.js';

/**
 * A SCHEDULED worker task in the domain the workflow maps it to. SIMPLE tasks are queued under the
 * node's name; USER_DEFINED ones (an unknown `type`) under their type, and need a TaskDef.
 */
export function mapWorkerTask(
  m: MapContext,
  node: WorkflowTask,
  suffix: string,
  options: MapOptions = {},
  taskName: string = nodeType(node) === 'USER_DEFINED' ? (node.type ?? node.name) : node.name,
): Task[] {
  if (nodeType(node) === 'USER_DEFINED' && !node.taskDefinition) {
    throw new TerminateSignal(
      'FAILED',
      `Invalid task specified.  Cannot find task by name ${node.name} in the task definitions`,
    );
  }
  const taskId = m.ctx.newId();
  const inputData = { ...resolveNodeInput(m, node, taskId), ...options.inputOverride };
  const task = createTask(m, node, suffix, {
    taskId,
    taskType: taskName,
    taskDefName: nodeType(node) === 'USER_DEFINED' ? node.name : taskName,
    status: 'SCHEDULED',
    inputData,
  });
  task.domain = domainFor(m.draft.workflow.taskToDomain, taskName);
  return [task];
}

/**
 * The domain of a worker task: `taskToDomain[taskType]`, else `taskToDomain['*']`; the last entry
 * of a comma-separated list is used, and NO_DOMAIN means none.
 */
export function domainFor(
  taskToDomain: Record<string, string> | undefined | null,
  taskType: string,
): string | null {
  const mapping = taskToDomain?.[taskType] ?? taskToDomain?.['*'];
  if (!mapping) return null;
  const domains = mapping.split(',').map((d) => d.trim());
  const domain = domains[domains.length - 1] ?? '';
  return domain === '' || domain === 'NO_DOMAIN' ? null : domain;
}
