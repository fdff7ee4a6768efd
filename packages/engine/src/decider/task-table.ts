/**
 * A compact summary of an execution's task list, so that the passes an operation makes over every
 * task (which tasks a decide acts on, which are still running, where a task sits) read a byte and
 * a string per task instead of the task objects themselves. In a big execution those objects are
 * scattered over the heap: a pass that reads one field of each of 1,000 tasks costs about as much
 * as the rest of a task update (issue 20's per-size bench case, `bench/phases/size-phase.ts`).
 *
 * A table describes exactly one list (`tasks`, in seq order, the order stores hand tasks over in).
 * It is kept current by whoever changes that list (session.ts, draft.ts) and handed from one
 * operation to the next through the engine's cache of hot executions (executor/core/hot-tables.ts),
 * so an update of a 1,000-task execution reads only the tasks it changes.
 *
 * The `registry` (where each task id sits, which ids carry each reference name) is shared by every
 * table derived from one build: it only grows, and a lookup checks that the id really sits at the
 * position found (`ids[at] === id`), so an entry added by another table (an operation that lost a
 * race, say) is simply not found. Any change that moves a task to another position builds a new
 * table with a fresh registry.
 * @module
 */
import { isTerminalTaskStatus } from '../model/status.js';
import type { Task } from '../model/task.js';

/** A decide pass acts on the task: not retried, not yet executed, not SKIPPED. */
export const OPEN = 1;
/** Not retried and not terminal: timeouts, the decider delay and cancellation look at it. */
export const LIVE = 2;
/** A LIVE JOIN, EXCLUSIVE_JOIN or DO_WHILE, which looks at other tasks after every pass. */
export const CONTAINER = 4;
/** A COMPLETED TERMINATE, which ends the workflow. */
export const TERMINATED = 8;
/** Not terminal, or OPEN: the workflow cannot complete while such a task exists. */
export const UNFINISHED = 16;

const CONTAINER_TYPES = new Set(['JOIN', 'EXCLUSIVE_JOIN', 'DO_WHILE']);

/** The flags of one task (see {@link OPEN}, {@link LIVE}, {@link CONTAINER}, {@link TERMINATED},
 * {@link UNFINISHED}). */
export function flagsOf(task: Task): number {
  let flags = 0;
  const terminal = isTerminalTaskStatus(task.status);
  if (!task.retried && !task.executed && task.status !== 'SKIPPED') flags |= OPEN;
  if (!task.retried && !terminal) {
    flags |= LIVE;
    if (CONTAINER_TYPES.has(task.taskType)) flags |= CONTAINER;
  }
  if (task.taskType === 'TERMINATE' && task.status === 'COMPLETED') flags |= TERMINATED;
  if (!terminal || (flags & OPEN) !== 0) flags |= UNFINISHED;
  return flags;
}

/** Where task ids sit and which ids carry each reference name; shared, only grows. */
export interface TaskRegistry {
  readonly positions: Map<string, number>;
  /** Ids by reference name, in the order they were added (so the last valid one is the latest). */
  readonly byRef: Map<string, string[]>;
}

/** The summary of one task list; see the module comment. */
export interface TaskTable {
  /** The list this table describes (identity): a table for another list must not be used. */
  tasks: readonly Task[];
  /** Task ids by position. */
  readonly ids: string[];
  /** Flags by position; may be longer than `ids` (spare capacity). */
  flags: Uint8Array;
  readonly registry: TaskRegistry;
}

/** Builds the table of `tasks` (in seq order), reading each task once. */
export function buildTaskTable(tasks: readonly Task[]): TaskTable {
  const ids = new Array<string>(tasks.length);
  const flags = new Uint8Array(tasks.length + 16);
  const registry: TaskRegistry = { positions: new Map(), byRef: new Map() };
  for (let i = 0; i < tasks.length; i += 1) {
    const task = tasks[i] as Task;
    ids[i] = task.taskId;
    flags[i] = flagsOf(task);
    register(registry, task, i);
  }
  return { tasks, ids, flags, registry };
}

/**
 * A copy of `table` for `tasks`, a copy of its list that the caller will change: the ids and flags
 * are copied (a few kilobytes for a big execution), the registry is shared.
 */
export function forkTaskTable(table: TaskTable, tasks: readonly Task[]): TaskTable {
  const length = table.ids.length;
  const flags = new Uint8Array(length + 16);
  flags.set(table.flags.subarray(0, length));
  return { tasks, ids: table.ids.slice(), flags, registry: table.registry };
}

/** Whether `table` can describe `tasks`: same length and the same last task (a cheap check). */
export function tableFits(table: TaskTable, tasks: readonly Task[]): boolean {
  const length = tasks.length;
  if (table.ids.length !== length) return false;
  return length === 0 || table.ids[length - 1] === (tasks[length - 1] as Task).taskId;
}

/** The position of `taskId` in the table's list, or undefined. */
export function positionOf(table: TaskTable, taskId: string): number | undefined {
  const at = table.registry.positions.get(taskId);
  return at !== undefined && table.ids[at] === taskId ? at : undefined;
}

/** The position of the latest task (highest seq) with exactly reference name `ref`, or undefined. */
export function latestPositionOf(table: TaskTable, ref: string): number | undefined {
  const ids = table.registry.byRef.get(ref);
  if (!ids) return undefined;
  let best: number | undefined;
  for (let i = ids.length - 1; i >= 0; i -= 1) {
    const at = positionOf(table, ids[i] as string);
    if (at !== undefined && (best === undefined || at > best)) best = at;
  }
  return best;
}

/** Records that `task` now sits at `at` (replacing or appending; never moving a task). */
export function setTableTask(table: TaskTable, at: number, task: Task): void {
  if (at === table.ids.length) {
    if (table.flags.length <= at) {
      const grown = new Uint8Array(table.flags.length * 2 + 16);
      grown.set(table.flags);
      table.flags = grown;
    }
    table.ids.push(task.taskId);
    register(table.registry, task, at);
  }
  table.flags[at] = flagsOf(task);
}

function register(registry: TaskRegistry, task: Task, at: number): void {
  registry.positions.set(task.taskId, at);
  const ids = registry.byRef.get(task.referenceTaskName);
  if (ids) ids.push(task.taskId);
  else registry.byRef.set(task.referenceTaskName, [task.taskId]);
}
