/**
 * Folds a live ExecutionEvent into cached server state, so a status shows the moment its event
 * arrives; the full rows (times, outputs) come from the refetch that follows.
 * @module
 */
import type { ExecutionEvent, SearchResult, Workflow, WorkflowSummary } from '@baton/client';

/** What applying an event to a cached execution gave. */
export type ApplyResult =
  | { type: 'patched'; workflow: Workflow }
  | { type: 'unchanged' }
  /** The event names a task the cache does not hold yet: re-read the execution. */
  | { type: 'unknown-task' };

/** Applies one event to a cached execution (a new object only when something changed). */
export function applyEventToWorkflow(workflow: Workflow, event: ExecutionEvent): ApplyResult {
  if (event.workflowId !== workflow.workflowId) return { type: 'unchanged' };
  if (event.type === 'workflow') {
    if (workflow.status === event.status) return { type: 'unchanged' };
    const ended = event.status !== 'RUNNING' && event.status !== 'PAUSED';
    return {
      type: 'patched',
      workflow: {
        ...workflow,
        status: event.status,
        updateTime: event.time,
        ...(ended ? { endTime: event.time } : {}),
        ...(event.reasonForIncompletion !== undefined
          ? { reasonForIncompletion: event.reasonForIncompletion }
          : {}),
      },
    };
  }
  const index = workflow.tasks.findIndex((t) => t.taskId === event.taskId);
  if (index < 0) return { type: 'unknown-task' };
  const task = workflow.tasks[index]!;
  if (task.status === event.status) return { type: 'unchanged' };
  const tasks = [...workflow.tasks];
  const ended = event.status !== 'SCHEDULED' && event.status !== 'IN_PROGRESS';
  tasks[index] = {
    ...task,
    status: event.status,
    updateTime: event.time,
    ...(event.status === 'IN_PROGRESS' && !task.startTime ? { startTime: event.time } : {}),
    ...(ended && !task.endTime ? { endTime: event.time } : {}),
    ...(event.workerId ? { workerId: event.workerId } : {}),
  };
  return { type: 'patched', workflow: { ...workflow, tasks } };
}

/** Applies a workflow event to one page of search results; null when the execution is not on it. */
export function applyEventToSearch(
  page: SearchResult<WorkflowSummary>,
  event: ExecutionEvent,
): SearchResult<WorkflowSummary> | null {
  if (event.type !== 'workflow') return null;
  const index = page.results.findIndex((r) => r.workflowId === event.workflowId);
  if (index < 0) return null;
  const row = page.results[index]!;
  if (row.status === event.status) return page;
  const results = [...page.results];
  const iso = new Date(event.time).toISOString();
  const ended = event.status !== 'RUNNING' && event.status !== 'PAUSED';
  results[index] = {
    ...row,
    status: event.status,
    updateTime: iso,
    ...(ended ? { endTime: iso } : {}),
  };
  return { ...page, results };
}

/**
 * Merges a re-read execution into the cached one: a row (or the workflow) the live stream patched
 * more recently than the re-read saw keeps its patched status, so a read that started before an
 * event cannot paint an older status back.
 */
export function mergeFetched(cached: Workflow | undefined, fresh: Workflow): Workflow {
  if (!cached || cached.workflowId !== fresh.workflowId) return fresh;
  const byId = new Map(cached.tasks.map((t) => [t.taskId, t]));
  let changed = false;
  const tasks = fresh.tasks.map((t) => {
    const old = byId.get(t.taskId);
    if (old && old.status !== t.status && old.updateTime > t.updateTime) {
      changed = true;
      return {
        ...t,
        status: old.status,
        endTime: old.endTime || t.endTime,
        startTime: t.startTime || old.startTime,
      };
    }
    return t;
  });
  const keepStatus =
    cached.status !== fresh.status && (cached.updateTime ?? 0) > (fresh.updateTime ?? 0);
  if (!changed && !keepStatus) return fresh;
  return {
    ...fresh,
    tasks,
    ...(keepStatus ? { status: cached.status, endTime: cached.endTime } : {}),
  };
}
