/**
 * FORK_JOIN (docs/conductor-compatibility.md#fork_join): a FORK row born COMPLETED, the first task
 * of every branch, and the JOIN that follows the fork in the definition, all in one pass.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { TerminateSignal } from '../outcome.js';
import { createTask, resolveNodeInput, type MapContext } from '../task-factory.js';
import { mapJoin } from './join.js';

export function mapForkJoin(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const joinNode = followingJoin(m, node);
  if (!joinNode) {
    throw new TerminateSignal(
      'FAILED',
      'Fork task definition is not followed by a join task.  Check the blueprint',
    );
  }
  const taskId = m.ctx.newId();
  const fork = createTask(m, node, suffix, {
    taskId,
    taskType: 'FORK',
    taskDefName: 'FORK',
    status: 'COMPLETED',
    inputData: resolveNodeInput(m, node, taskId),
  });
  const tasks = [fork];
  for (const branch of node.forkTasks ?? []) {
    const first = branch[0];
    if (first) tasks.push(...m.map(first, suffix));
  }
  tasks.push(mapJoin(m, joinNode, suffix, joinNode.joinOn ?? []));
  return tasks;
}

/** The JOIN node right after `node` in its list, or undefined. */
export function followingJoin(m: MapContext, node: WorkflowTask): WorkflowTask | undefined {
  const location = m.index.get(node.taskReferenceName);
  const next = location?.list[location.index + 1];
  return next && next.type === 'JOIN' ? next : undefined;
}
