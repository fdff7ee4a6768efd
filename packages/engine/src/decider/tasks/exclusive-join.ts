/**
 * EXCLUSIVE_JOIN (docs/conductor-compatibility.md#exclusive_join): takes the output of whichever
 * joinOn task ran.
 * @module
 */
import type { Task } from '../../model/task.js';
import { isSuccessfulTaskStatus, isTerminalTaskStatus } from '../../model/status.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import type { Draft } from '../draft.js';
import { suffixOf, withSuffix } from '../refs.js';
import { createTask, endPatch, type MapContext } from '../task-factory.js';

export function mapExclusiveJoin(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  return [
    createTask(m, node, suffix, {
      taskType: 'EXCLUSIVE_JOIN',
      taskDefName: 'EXCLUSIVE_JOIN',
      status: 'IN_PROGRESS',
      inputData: {
        joinOn: node.joinOn ?? [],
        defaultExclusiveJoinTask: node.defaultExclusiveJoinTask ?? [],
      },
    }),
  ];
}

/**
 * Uses the first joinOn ref that exists and is not SKIPPED (else the first existing default task):
 * its success completes the join with its output, its failure fails the join; null while it runs.
 */
export function evaluateExclusiveJoin(draft: Draft, join: Task, now: number): Partial<Task> | null {
  const suffix = suffixOf(join.referenceTaskName);
  const find = (refs: string[]): Task | undefined =>
    refs
      .map((ref) => draft.byRef(withSuffix(ref, suffix)))
      .find((t): t is Task => t !== undefined && t.status !== 'SKIPPED');
  const chosen =
    find(join.workflowTask.joinOn ?? []) ?? find(join.workflowTask.defaultExclusiveJoinTask ?? []);
  if (!chosen || !isTerminalTaskStatus(chosen.status)) return null;
  if (isSuccessfulTaskStatus(chosen.status)) {
    return endPatch(now, 'COMPLETED', { outputData: chosen.outputData });
  }
  return endPatch(now, 'FAILED', { reasonForIncompletion: chosen.reasonForIncompletion ?? null });
}
