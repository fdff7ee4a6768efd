/**
 * The state of one read-modify-write of an execution (see session.ts). Its own module so that
 * session.ts and queue-sync.ts, which both need it, do not import each other.
 * @module
 */
import { buildTaskTable, type TaskTable } from '../../decider/task-table.js';
import type { Task } from '../../model/task.js';
import type { Workflow } from '../../model/workflow.js';
import type { QueueChange } from '../../ports/execution-store.js';

export interface Session {
  /** The working copy; `tasks` is owned by the session and kept in seq order. */
  workflow: Workflow;
  readonly before: Workflow;
  /** The tasks as read, by id. */
  readonly beforeTasks: Pick<ReadonlyMap<string, Task>, 'get' | 'has'>;
  revision: number;
  dirty: Set<string>;
  deleted: Map<string, Task>;
  workflowChanged: boolean;
  /** Work to do after the save succeeded (child workflows, parents, failure workflows). */
  effects: Array<() => Promise<void>>;
  /**
   * The task table (decider/task-table.ts) of `workflow.tasks`, so finding a task by id or the
   * tasks a pass must look at costs no scan of a big execution; session.ts keeps it current and
   * rebuilds it when the list was replaced.
   */
  table: TaskTable;
  /**
   * Queue changes the operation asks for beyond those the save implies (a poll's acknowledgement
   * of the messages it claimed): they ride in the save where the store can, so they happen only
   * if it commits, else they follow it.
   */
  queueChanges: QueueChange[];
}

/**
 * The task table of `session.workflow.tasks`, rebuilt when the list was replaced since it was
 * built (deleteTasks, or an operation that assigned a new list).
 */
export function tableOf(session: Session): TaskTable {
  const tasks = session.workflow.tasks;
  if (session.table.tasks !== tasks) session.table = buildTaskTable(tasks);
  return session.table;
}
