/**
 * Test runs are executions (hidden from searches, see docs/workflow-tests.md): once the designer
 * has read a run's result it removes the run and the sub-workflows it started, so they do not pile
 * up.
 * @module
 */
import type { BatonClient, Workflow } from '@baton/client';

/** How deep nested sub-workflows are followed. */
const MAX_DEPTH = 5;

/** The sub-workflow executions a run's tasks started. */
export function subWorkflowIds(run: Pick<Workflow, 'tasks'>): string[] {
  return (run.tasks ?? [])
    .map((t) => t.subWorkflowId)
    .filter((id): id is string => typeof id === 'string' && id !== '');
}

type Cleaner = { workflows: Pick<BatonClient['workflows'], 'bulkSearch' | 'bulkTerminateRemove'> };

/**
 * Terminates (when still running) and removes a test run and the sub-workflows it started, the
 * run first. Rejects naming the executions that could not be removed.
 */
export async function removeTestRun(
  client: Cleaner,
  run: Pick<Workflow, 'workflowId' | 'tasks'>,
): Promise<void> {
  const ids = [run.workflowId];
  let next = subWorkflowIds(run);
  for (let depth = 0; next.length > 0 && depth < MAX_DEPTH; depth++) {
    ids.push(...next);
    const found = await client.workflows.bulkSearch(next, { includeTasks: true });
    next = found.bulkSuccessfulResults.flatMap(subWorkflowIds).filter((id) => !ids.includes(id));
  }
  const removed = await client.workflows.bulkTerminateRemove(ids, {
    reason: 'designer test run read',
  });
  const failed = Object.entries(removed.bulkErrorResults ?? {});
  if (failed.length > 0)
    throw new Error(
      `Could not remove test run ${failed.map(([id, why]) => `${id} (${why})`).join(', ')}`,
    );
}
