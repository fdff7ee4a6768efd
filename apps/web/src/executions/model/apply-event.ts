/**
 * Folds a live ExecutionEvent into cached server state, so a status shows the moment its event
 * arrives; the full rows (times, outputs) come from the refetch that follows.
 * @module
 */
import type {
  ExecutionEvent,
  SearchResult,
  Task,
  Workflow,
  WorkflowDef,
  WorkflowSummary,
  WorkflowTask,
} from '@baton/client';

/** What applying an event to a cached execution gave. */
export type ApplyResult =
  | { type: 'patched'; workflow: Workflow }
  | { type: 'unchanged' }
  /**
   * The event names a task the cache did not hold: a provisional row built from the event was
   * added (so its node shows the status at once); re-read the execution for the full row.
   */
  | { type: 'added'; workflow: Workflow };

/**
 * Field of a row built from an event rather than read from the server: when it was added
 * (Date.now()). A re-read that began before then may not hold the row yet (see mergeFetched).
 */
export const PROVISIONAL = 'provisionalSince';

const DEF_TASKS = new WeakMap<WorkflowDef, Map<string, WorkflowTask>>();

/** The definition's tasks by reference name, nested ones included (memoised per definition). */
function defTasks(def: WorkflowDef | undefined): Map<string, WorkflowTask> {
  if (!def) return new Map();
  let byRef = DEF_TASKS.get(def);
  if (byRef) return byRef;
  byRef = new Map();
  const visit = (list: readonly WorkflowTask[] | undefined) => {
    for (const t of list ?? []) {
      byRef!.set(t.taskReferenceName, t);
      for (const b of t.forkTasks ?? []) visit(b);
      for (const c of Object.values(t.decisionCases ?? {})) visit(c);
      visit(t.defaultCase);
      visit(t.loopOver);
    }
  };
  visit(def.tasks);
  DEF_TASKS.set(def, byRef);
  return byRef;
}

/** A row for a task known only from its event; the re-read that follows replaces it. */
function provisionalTask(
  workflow: Workflow,
  event: Extract<ExecutionEvent, { type: 'task' }>,
  now: number,
): Task {
  const suffix = /__(\d+)$/.exec(event.referenceTaskName);
  const ref = suffix ? event.referenceTaskName.slice(0, suffix.index) : event.referenceTaskName;
  const started = event.status !== 'SCHEDULED';
  const ended = started && event.status !== 'IN_PROGRESS';
  return {
    taskId: event.taskId,
    taskType: event.taskType,
    taskDefName: event.taskType,
    referenceTaskName: event.referenceTaskName,
    status: event.status,
    inputData: {},
    outputData: {},
    seq: workflow.tasks.reduce((max, t) => Math.max(max, t.seq), 0) + 1,
    retryCount: event.retryCount,
    retried: false,
    executed: false,
    pollCount: 0,
    workflowInstanceId: workflow.workflowId,
    workflowType: workflow.workflowName,
    workflowPriority: workflow.priority,
    scheduledTime: event.time,
    startTime: started ? event.time : 0,
    endTime: ended ? event.time : 0,
    updateTime: event.time,
    startDelayInSeconds: 0,
    callbackAfterSeconds: 0,
    responseTimeoutSeconds: 0,
    callbackFromWorker: true,
    ...(event.workerId ? { workerId: event.workerId } : {}),
    iteration: suffix ? Number(suffix[1]) : 0,
    workflowTask: defTasks(workflow.workflowDefinition).get(ref) ?? {
      name: event.taskType,
      taskReferenceName: ref,
      type: event.taskType,
    },
    [PROVISIONAL]: now,
  };
}

/**
 * Applies one event to a cached execution (a new object only when something changed). A task the
 * cache does not hold yet gets a provisional row, added at `now`.
 */
export function applyEventToWorkflow(
  workflow: Workflow,
  event: ExecutionEvent,
  now = Date.now(),
): ApplyResult {
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
  if (index < 0)
    return {
      type: 'added',
      workflow: { ...workflow, tasks: [...workflow.tasks, provisionalTask(workflow, event, now)] },
    };
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
 * more recently than the re-read saw keeps its patched status, and a provisional row added after
 * the re-read began (`readStartedAt`) stays until a read holds it, so a read that started before
 * an event cannot paint an older status back.
 */
export function mergeFetched(
  cached: Workflow | undefined,
  fresh: Workflow,
  readStartedAt = Infinity,
): Workflow {
  if (!cached || cached.workflowId !== fresh.workflowId) return fresh;
  const byId = new Map(cached.tasks.map((t) => [t.taskId, t]));
  const freshIds = new Set(fresh.tasks.map((t) => t.taskId));
  const pending = cached.tasks.filter(
    (t) =>
      !freshIds.has(t.taskId) &&
      ((t[PROVISIONAL] as number | undefined) ?? -Infinity) >= readStartedAt,
  );
  let changed = pending.length > 0;
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
  tasks.push(...pending);
  const keepStatus =
    cached.status !== fresh.status && (cached.updateTime ?? 0) > (fresh.updateTime ?? 0);
  if (!changed && !keepStatus) return fresh;
  return {
    ...fresh,
    tasks,
    ...(keepStatus ? { status: cached.status, endTime: cached.endTime } : {}),
  };
}
