/**
 * The executions this process last read or wrote, by id, with their revision. A read sends the
 * cached revision to `getExecution-3`, which answers with just the revision when nothing changed,
 * so the common sequence of one server claiming a task and then completing it moves and parses the
 * execution once instead of at every step. Entries are only hints: the script compares revisions
 * in Redis, so another server's save (or a removal) is always seen.
 *
 * A snapshot after a write is built from the objects the caller handed over (the ExecutionStore
 * port lets a store keep them), not by parsing back the JSON just sent; after a read, from that
 * JSON. Snapshots are deeply frozen, and readers get a shallow copy (their own workflow object and
 * task list), so a caller that changed a shared task in place would fail loudly instead of
 * corrupting the cache.
 * @module
 */
import { deepFreeze, type StoredExecution, type Task, type Workflow } from '@baton/engine';

/** A snapshot and where each of its tasks sits (see {@link ExecutionSnapshots.apply}). */
interface Entry extends StoredExecution {
  /**
   * Task id → position, shared by the snapshots derived from one another by appending, so a save
   * finds the tasks it replaces without reading every task of a big execution. Entries are hints,
   * checked against the list (`tasks[at].taskId === id`); a change that moves tasks gets a new map.
   */
  positions: Map<string, number>;
}

/** Least-recently-used frozen snapshots with a fixed capacity. */
export class ExecutionSnapshots {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 2_000) {}

  /** The revision of the cached snapshot of `workflowId`, or undefined. */
  revisionOf(workflowId: string): number | undefined {
    return this.entries.get(workflowId)?.revision;
  }

  /**
   * The cached snapshot's workflow at whatever revision it is, frozen and shared (not a copy), and
   * without counting as a use: for fields that never change once created, or as a hint.
   */
  peek(workflowId: string): Readonly<Workflow> | undefined {
    return this.entries.get(workflowId)?.workflow;
  }

  /** The cached snapshot when it is at `revision`, as a shallow copy. */
  get(workflowId: string, revision: number): StoredExecution | undefined {
    const entry = this.entries.get(workflowId);
    if (entry?.revision !== revision) return undefined;
    this.entries.delete(workflowId);
    this.entries.set(workflowId, entry);
    return { workflow: { ...entry.workflow, tasks: [...entry.workflow.tasks] }, revision };
  }

  /**
   * Remembers a freshly decoded `workflow` (tasks in stored order) at `revision`; it must not be
   * shared with anyone else, since it is frozen here.
   */
  set(workflow: Workflow, revision: number): void {
    deepFreeze(workflow);
    this.put(workflow, revision, positionsOf(workflow.tasks));
  }

  /**
   * Derives the snapshot after a save at `revision` from the one at `from` (`revision - 1`, or
   * older for the changes of several saves read from the store's change log): `workflow`
   * replaces the workflow fields, `deleted` tasks go, `upserts` replace tasks in place or are
   * added in seq order after tasks of the same seq (the stored insertion order). Without a
   * snapshot at the previous revision the entry is dropped and the next read fetches it whole.
   * Reads only the tasks it replaces (and, to place an added one, the last task), not the others.
   */
  apply(
    workflow: Workflow,
    revision: number,
    upserts: readonly Task[],
    deleted: readonly string[],
    from = revision - 1,
  ): void {
    const previous = this.entries.get(workflow.workflowId);
    if (previous?.revision !== from) {
      this.entries.delete(workflow.workflowId);
      return;
    }
    let tasks: Task[];
    let positions = previous.positions;
    if (deleted.length > 0) {
      // A task deleted and written again in one save goes to the end of its seq, as in Redis.
      const gone = new Set(deleted);
      tasks = previous.workflow.tasks.filter((task) => !gone.has(task.taskId));
      positions = positionsOf(tasks);
    } else {
      tasks = previous.workflow.tasks.slice();
    }
    let moved = false;
    for (let i = 0; i < upserts.length; i += 1) {
      const task = upserts[i] as Task;
      deepFreeze(task);
      const at = positions.get(task.taskId);
      if (at !== undefined && tasks[at]?.taskId === task.taskId) {
        tasks[at] = task;
        continue;
      }
      let to = tasks.length;
      while (to > 0 && (tasks[to - 1] as Task).seq > task.seq) to -= 1;
      tasks.splice(to, 0, task);
      if (to === tasks.length - 1) positions.set(task.taskId, to);
      else moved = true;
    }
    if (moved) positions = positionsOf(tasks);
    // Frozen first, so deepFreeze below does not walk the (already frozen) tasks again.
    Object.freeze(tasks);
    workflow.tasks = tasks;
    deepFreeze(workflow);
    this.put(workflow, revision, positions);
  }

  delete(workflowId: string): void {
    this.entries.delete(workflowId);
  }

  private put(workflow: Workflow, revision: number, positions: Map<string, number>): void {
    this.entries.delete(workflow.workflowId);
    this.entries.set(workflow.workflowId, { workflow, revision, positions });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}

function positionsOf(tasks: readonly Task[]): Map<string, number> {
  const positions = new Map<string, number>();
  for (let i = 0; i < tasks.length; i += 1) positions.set((tasks[i] as Task).taskId, i);
  return positions;
}
