/**
 * One read-modify-write of an execution: load with its revision, change a private copy, save with
 * `expectedRevision`, then sync queues and publish events. On STORE_CONFLICT the whole operation
 * re-reads and runs again.
 * @module
 */
import { batonError, isBatonError } from '../../errors.js';
import type { Task } from '../../model/task.js';
import type { Workflow } from '../../model/workflow.js';
import {
  buildTaskTable,
  forkTaskTable,
  positionOf,
  setTableTask,
  tableFits,
  type TaskTable,
} from '../../decider/task-table.js';
import type { Engine } from './engine.js';
import { tableOf, type Session } from './session-state.js';
import type { ExecutionEvent } from '../../ports/event-bus.js';
import { FIRST_REVISION } from '../../ports/execution-store.js';
import {
  applyQueueChanges,
  armDecider,
  planQueueSync,
  publishEvents,
  storeAppliesQueueChanges,
} from './queue-sync.js';

export { tableOf, type Session } from './session-state.js';

const MAX_ATTEMPTS = 20;

/** Options of {@link withExecution}. */
export interface ExecutionOptions {
  /**
   * Start from the store's in-process copy (`ExecutionStore.peekExecution`) when it has one,
   * saving a read. The save's revision check catches a stale copy (the operation then runs again
   * on a fresh read), and an operation that changed nothing or threw on a copy runs again on a
   * fresh read, so nothing is concluded from stale data. Only for operations whose work before the save has
   * no outside effect.
   */
  optimistic?: boolean;
  /**
   * The operation changes tasks only (a poll's claim): unless it changed the workflow after all,
   * the workflow row is saved as it was, without a new `updateTime`, as Conductor's poll updates
   * only the task.
   */
  tasksOnly?: boolean;
}

/**
 * Runs `operation` against a fresh copy of the execution and saves what it changed. Effects run
 * after the save, outside the retry loop.
 * @throws BatonError WORKFLOW_NOT_FOUND when the execution does not exist.
 */
export async function withExecution<R>(
  engine: Engine,
  workflowId: string,
  operation: (session: Session) => Promise<R>,
  options: ExecutionOptions = {},
): Promise<R> {
  let peek = options.optimistic === true;
  for (let attempt = 1; ; attempt += 1) {
    const peeked = peek ? engine.deps.executions.peekExecution?.(workflowId) : undefined;
    peek = false;
    const stored = peeked ?? (await engine.deps.executions.getExecution(workflowId));
    if (!stored) {
      throw batonError('WORKFLOW_NOT_FOUND', `No such workflow found by id: ${workflowId}`, {
        details: { workflowId },
      });
    }
    const hot = engine.hotTables.get(workflowId, stored.revision);
    const session = openSession(stored.workflow, stored.revision, hot);
    if (session.table.registry === hot?.registry) engine.stats.hotTableHits += 1;
    else engine.stats.hotTableMisses += 1;
    let result: R;
    try {
      result = await operation(session);
    } catch (e) {
      // A stale copy may lack what the operation looks for: decide only on a fresh read.
      if (peeked) {
        engine.stats.staleCopies += 1;
        continue;
      }
      throw e;
    }
    if (peeked && !hasChanges(session)) {
      engine.stats.staleCopies += 1;
      continue;
    }
    try {
      await commit(engine, session, options.tasksOnly === true);
    } catch (e) {
      if (peeked && isBatonError(e) && e.code === 'WORKFLOW_NOT_FOUND') {
        engine.stats.staleCopies += 1;
        continue;
      }
      if (isBatonError(e) && e.code === 'STORE_CONFLICT' && attempt < MAX_ATTEMPTS) {
        if (peeked) engine.stats.staleCopies += 1;
        else engine.stats.conflicts += 1;
        continue;
      }
      throw e;
    }
    for (const effect of session.effects) await effect();
    return result;
  }
}

/**
 * Creates a new execution from an operation run on it before it exists, so a start's first decide
 * is stored by the create itself (one write instead of a create and then a save). Its queue
 * changes (the decider message included) go into the create when the store can apply them there;
 * otherwise the decider queue is armed before the create, so a crash right after it leaves a
 * workflow the sweeper will decide, and the other queue changes follow it. Events (`opening`
 * first) and effects follow as after a save.
 * @throws BatonError WORKFLOW_ALREADY_EXISTS when the id is taken (nothing is then written).
 */
export async function createExecutionWith<R>(
  engine: Engine,
  workflow: Workflow,
  operation: (session: Session) => Promise<R>,
  opening: ExecutionEvent[],
): Promise<R> {
  const session = openSession(workflow, FIRST_REVISION);
  const result = await operation(session);
  const upsertTasks = dirtyTasks(session);
  const { executions, queue } = engine.deps;
  if (storeAppliesQueueChanges(engine)) {
    const plan = planQueueSync(engine, session, upsertTasks, null);
    plan.changes.push(...session.queueChanges);
    await executions.createExecution(session.workflow, plan.changes);
    engine.hotTables.set(session.workflow.workflowId, FIRST_REVISION, tableOf(session));
    plan.settle(FIRST_REVISION);
    await publishEvents(engine, session, upsertTasks, opening);
  } else {
    await armDecider(engine, session.workflow, { from: null, to: FIRST_REVISION });
    await executions.createExecution(session.workflow);
    engine.hotTables.set(session.workflow.workflowId, FIRST_REVISION, tableOf(session));
    // The decider message is in place, so the plan normally trusts it and pushes no other.
    const plan = planQueueSync(engine, session, upsertTasks, FIRST_REVISION);
    plan.changes.push(...session.queueChanges);
    await Promise.all([
      applyQueueChanges(queue, plan.changes),
      publishEvents(engine, session, upsertTasks, opening),
    ]);
    plan.settle(FIRST_REVISION);
  }
  for (const effect of session.effects) await effect();
  return result;
}

function dirtyTasks(session: Session): Task[] {
  const tasks: Task[] = [];
  for (const id of session.dirty) {
    const task = findTask(session, id);
    if (task) tasks.push(task);
  }
  return tasks;
}

function hasChanges(session: Session): boolean {
  return session.workflowChanged || session.dirty.size > 0 || session.deleted.size > 0;
}

/**
 * Opens a session on `workflow` at `revision`; `hot`, the table this process saved at that
 * revision (hot-tables.ts), saves reading every task when it still fits the list read.
 */
function openSession(workflow: Workflow, revision: number, hot?: TaskTable): Session {
  const stored = workflow.tasks ?? [];
  const fits = hot !== undefined && tableFits(hot, stored);
  // Stores hand tasks over in seq order (ExecutionStore); a list that is not is sorted.
  const readTasks =
    fits || isInSeqOrder(stored) ? stored : [...stored].sort((a, b) => a.seq - b.seq);
  const tasks = readTasks.slice();
  const table = fits ? forkTaskTable(hot, tasks) : buildTaskTable(tasks);
  // The table's registry also serves the tasks as read: the working list only appends or replaces
  // in place, so an id found at a position of the read list whose task there has that id is a
  // task as read.
  const { positions } = table.registry;
  const beforeTask = (taskId: string): Task | undefined => {
    const at = positions.get(taskId);
    const task = at === undefined ? undefined : readTasks[at];
    return task?.taskId === taskId ? task : undefined;
  };
  return {
    workflow: { ...workflow, tasks },
    before: workflow,
    beforeTasks: { get: beforeTask, has: (taskId) => beforeTask(taskId) !== undefined },
    revision,
    dirty: new Set(),
    deleted: new Map(),
    workflowChanged: false,
    effects: [],
    table,
    queueChanges: [],
  };
}

function isInSeqOrder(tasks: readonly Task[]): boolean {
  for (let i = 1; i < tasks.length; i += 1) {
    if ((tasks[i - 1] as Task).seq > (tasks[i] as Task).seq) return false;
  }
  return true;
}

/** Finds a task of the session by id. */
export function findTask(session: Session, taskId: string): Task | undefined {
  const at = positionOf(tableOf(session), taskId);
  return at === undefined ? undefined : session.workflow.tasks[at];
}

/** Inserts or replaces a task (by id), keeping seq order. */
export function putTask(session: Session, task: Task): void {
  const tasks = session.workflow.tasks;
  const table = tableOf(session);
  const at = positionOf(table, task.taskId);
  if (at !== undefined) {
    tasks[at] = task;
    setTableTask(table, at, task);
  } else {
    let i = tasks.length;
    while (i > 0 && (tasks[i - 1] as Task).seq > task.seq) i -= 1;
    tasks.splice(i, 0, task);
    // Appended: the table follows; inserted before others: they moved, so it is rebuilt.
    if (i === tasks.length - 1) setTableTask(table, i, task);
    else session.table = buildTaskTable(tasks);
  }
  session.dirty.add(task.taskId);
}

/** Applies `patch` to the task with `taskId`; returns the new task. */
export function patchTask(session: Session, taskId: string, patch: Partial<Task>): Task {
  const current = findTask(session, taskId);
  if (!current) throw batonError('TASK_NOT_FOUND', `No such task found by id: ${taskId}`);
  const next = { ...current, ...patch };
  putTask(session, next);
  return next;
}

/** Removes tasks from the execution (restart, rerun). */
export function deleteTasks(session: Session, taskIds: Iterable<string>): void {
  const ids = new Set(taskIds);
  for (const task of session.workflow.tasks) {
    if (ids.has(task.taskId)) {
      session.dirty.delete(task.taskId);
      if (session.beforeTasks.has(task.taskId)) session.deleted.set(task.taskId, task);
    }
  }
  session.workflow.tasks = session.workflow.tasks.filter((t) => !ids.has(t.taskId));
}

/** Changes workflow-level fields. */
export function patchWorkflow(session: Session, patch: Partial<Workflow>): void {
  session.workflow = { ...session.workflow, ...patch, tasks: session.workflow.tasks };
  session.workflowChanged = true;
}

async function commit(engine: Engine, session: Session, tasksOnly: boolean): Promise<void> {
  if (!hasChanges(session)) return;
  const workflowUnchanged = tasksOnly && !session.workflowChanged;
  if (!workflowUnchanged) {
    session.workflow = { ...session.workflow, updateTime: engine.deps.clock.now() };
  }
  const upsertTasks = dirtyTasks(session);
  const expectedRevision = session.revision;
  const plan = planQueueSync(engine, session, upsertTasks, expectedRevision);
  plan.changes.push(...session.queueChanges);
  const inline = storeAppliesQueueChanges(engine) && plan.changes.length > 0;
  session.revision = await engine.deps.executions.saveExecution({
    workflow: session.workflow,
    expectedRevision,
    upsertTasks,
    deleteTaskIds: [...session.deleted.keys()],
    ...(workflowUnchanged ? { workflowUnchanged } : {}),
    ...(inline ? { queueChanges: plan.changes } : {}),
  });
  // Kept before anything else is awaited: the save is visible, and the next operation on this
  // execution (a worker claiming the task it scheduled) may already be on its way.
  engine.hotTables.set(session.workflow.workflowId, session.revision, tableOf(session));
  // Queue changes and events go out together (one round trip on a networked store).
  await Promise.all([
    inline ? undefined : applyQueueChanges(engine.deps.queue, plan.changes),
    publishEvents(engine, session, upsertTasks),
  ]);
  plan.settle(session.revision);
}
