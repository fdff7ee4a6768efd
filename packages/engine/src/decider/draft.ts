/**
 * The decider's private working copy of an execution. `decide` never mutates its input: changed
 * tasks are new objects recorded here and returned as upserts. Its task table (task-table.ts)
 * keeps, per position, whether a pass must look at the task, so a pass over a big execution reads
 * only the tasks that are still open.
 * @module
 */
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';
import {
  buildTaskTable,
  forkTaskTable,
  latestPositionOf,
  positionOf,
  setTableTask,
  tableFits,
  type TaskTable,
} from './task-table.js';

export class Draft {
  readonly tasks: Task[];
  readonly changed = new Map<string, Task>();
  variables: Record<string, unknown> | undefined;
  /** Increases on every change, so passes can tell whether they made progress. */
  version = 0;
  /** The table of `tasks`, owned by this draft. */
  readonly table: TaskTable;
  private maxSeq = 0;
  private cachedView: Workflow | undefined;

  /**
   * `table`, when given, describes `workflow.tasks` (the caller's table: it is copied, never
   * changed); without one, the draft reads every task once to build its own.
   */
  constructor(
    readonly workflow: Workflow,
    table?: TaskTable,
  ) {
    const tasks = workflow.tasks ?? [];
    this.tasks = [...tasks];
    if (table && table.tasks === tasks && tableFits(table, tasks)) {
      this.table = forkTaskTable(table, this.tasks);
      // A table's list is in seq order: the last task has the highest seq.
      this.maxSeq = this.tasks.length > 0 ? (this.tasks[this.tasks.length - 1] as Task).seq : 0;
    } else {
      this.table = buildTaskTable(this.tasks);
      for (const task of this.tasks) if (task.seq > this.maxSeq) this.maxSeq = task.seq;
    }
  }

  get(taskId: string): Task | undefined {
    const at = positionOf(this.table, taskId);
    return at === undefined ? undefined : this.tasks[at];
  }

  /** The flags (task-table.ts) of the task at position `at`. */
  flagsAt(at: number): number {
    return this.table.flags[at] ?? 0;
  }

  /** The latest row (highest seq) with exactly this reference name. */
  byRef(ref: string): Task | undefined {
    const at = latestPositionOf(this.table, ref);
    return at === undefined ? undefined : this.tasks[at];
  }

  /** Replaces `task` by a copy with `patch` applied; returns the copy. */
  update(task: Task, patch: Partial<Task>): Task {
    const at = positionOf(this.table, task.taskId);
    if (at === undefined) throw new Error(`unknown task ${task.taskId}`);
    const next = { ...(this.tasks[at] as Task), ...patch };
    this.tasks[at] = next;
    setTableTask(this.table, at, next);
    this.changed.set(next.taskId, next);
    this.touch();
    return next;
  }

  /** Appends a new task with the next seq. */
  add(task: Task): Task {
    this.maxSeq += 1;
    const next = { ...task, seq: this.maxSeq };
    const at = this.tasks.length;
    this.tasks.push(next);
    setTableTask(this.table, at, next);
    this.changed.set(next.taskId, next);
    this.touch();
    return next;
  }

  setVariables(variables: Record<string, unknown>): void {
    this.variables = variables;
    this.touch();
  }

  /** The workflow as it stands in this draft (tasks and variables included). */
  view(): Workflow {
    this.cachedView ??= {
      ...this.workflow,
      tasks: this.tasks,
      variables: this.variables ?? this.workflow.variables,
    };
    return this.cachedView;
  }

  upserts(): Task[] {
    return [...this.changed.values()];
  }

  private touch(): void {
    this.version += 1;
    this.cachedView = undefined;
  }
}
