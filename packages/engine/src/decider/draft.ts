/**
 * The decider's private working copy of an execution. `decide` never mutates its input: changed
 * tasks are new objects recorded here and returned as upserts.
 * @module
 */
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';

export class Draft {
  readonly tasks: Task[];
  readonly changed = new Map<string, Task>();
  variables: Record<string, unknown> | undefined;
  /** Increases on every change, so passes can tell whether they made progress. */
  version = 0;
  private readonly positions = new Map<string, number>();
  private readonly latest = new Map<string, Task>();
  private maxSeq = 0;
  private cachedView: Workflow | undefined;

  constructor(readonly workflow: Workflow) {
    this.tasks = [...(workflow.tasks ?? [])];
    this.tasks.forEach((task, i) => {
      this.positions.set(task.taskId, i);
      this.index(task);
      if (task.seq > this.maxSeq) this.maxSeq = task.seq;
    });
  }

  get(taskId: string): Task | undefined {
    const at = this.positions.get(taskId);
    return at === undefined ? undefined : this.tasks[at];
  }

  /** The latest row (highest seq) with exactly this reference name. */
  byRef(ref: string): Task | undefined {
    return this.latest.get(ref);
  }

  /** Replaces `task` by a copy with `patch` applied; returns the copy. */
  update(task: Task, patch: Partial<Task>): Task {
    const at = this.positions.get(task.taskId);
    if (at === undefined) throw new Error(`unknown task ${task.taskId}`);
    const next = { ...(this.tasks[at] as Task), ...patch };
    this.tasks[at] = next;
    this.changed.set(next.taskId, next);
    this.index(next);
    this.touch();
    return next;
  }

  /** Appends a new task with the next seq. */
  add(task: Task): Task {
    this.maxSeq += 1;
    const next = { ...task, seq: this.maxSeq };
    this.positions.set(next.taskId, this.tasks.length);
    this.tasks.push(next);
    this.changed.set(next.taskId, next);
    this.index(next);
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

  private index(task: Task): void {
    const current = this.latest.get(task.referenceTaskName);
    if (!current || current.seq <= task.seq || current.taskId === task.taskId) {
      this.latest.set(task.referenceTaskName, task);
    }
  }

  private touch(): void {
    this.version += 1;
    this.cachedView = undefined;
  }
}
