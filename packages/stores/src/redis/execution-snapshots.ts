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

/** Least-recently-used frozen snapshots with a fixed capacity. */
export class ExecutionSnapshots {
  private readonly entries = new Map<string, StoredExecution>();

  constructor(private readonly capacity = 2_000) {}

  /** The revision of the cached snapshot of `workflowId`, or undefined. */
  revisionOf(workflowId: string): number | undefined {
    return this.entries.get(workflowId)?.revision;
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
    this.entries.delete(workflow.workflowId);
    this.entries.set(workflow.workflowId, { workflow, revision });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /**
   * Derives the snapshot after a save at `revision` from the one at `revision - 1`: `workflow`
   * replaces the workflow fields, `deleted` tasks go, `upserts` replace tasks in place or are
   * added in seq order after tasks of the same seq (the stored insertion order). Without a
   * snapshot at the previous revision the entry is dropped and the next read fetches it whole.
   */
  apply(
    workflow: Workflow,
    revision: number,
    upserts: readonly Task[],
    deleted: readonly string[],
  ): void {
    const previous = this.entries.get(workflow.workflowId);
    if (previous?.revision !== revision - 1) {
      this.entries.delete(workflow.workflowId);
      return;
    }
    const gone = new Set(deleted);
    const byId = new Map<string, Task>();
    for (let i = 0; i < upserts.length; i += 1)
      byId.set((upserts[i] as Task).taskId, upserts[i] as Task);
    // Indexed loops: iterating a frozen array with for-of allocates on every step.
    const old = previous.workflow.tasks;
    const tasks: Task[] = new Array<Task>();
    for (let i = 0; i < old.length; i += 1) {
      const task = old[i] as Task;
      // A task deleted and written again in one save goes to the end of its seq, as in Redis.
      if (gone.size > 0 && gone.has(task.taskId)) continue;
      if (byId.size === 0) {
        tasks.push(task);
        continue;
      }
      const replacement = byId.get(task.taskId);
      if (replacement) byId.delete(task.taskId);
      tasks.push(replacement ?? task);
    }
    for (const added of byId.values()) {
      let at = tasks.length;
      while (at > 0 && (tasks[at - 1] as Task).seq > added.seq) at -= 1;
      tasks.splice(at, 0, added);
    }
    workflow.tasks = tasks;
    this.set(workflow, revision);
  }

  delete(workflowId: string): void {
    this.entries.delete(workflowId);
  }
}
