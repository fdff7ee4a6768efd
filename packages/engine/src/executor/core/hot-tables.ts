/**
 * The task tables (decider/task-table.ts) of the executions this process last saved, by id and
 * revision: the next operation on one of them starts from its table instead of reading every task
 * (issue 20: the cost of a task update should follow what changed, not the size of the workflow).
 * An entry is used only for the revision it was saved at and only when it still fits the list read
 * (same length, same last task), so another process's save, or any write this process did not
 * make, just means one full read of the list. Bounded by the number of tasks held, least recently
 * used first out.
 * @module
 */
import type { TaskTable } from '../../decider/task-table.js';

/** Default bound: the tasks of all cached tables together. */
export const DEFAULT_HOT_TABLE_TASKS = 100_000;

export class HotTables {
  private readonly entries = new Map<string, { revision: number; table: TaskTable }>();
  private tasks = 0;

  constructor(private readonly maxTasks = DEFAULT_HOT_TABLE_TASKS) {}

  /** The table saved for `workflowId` at `revision`, or undefined. */
  get(workflowId: string, revision: number): TaskTable | undefined {
    const entry = this.entries.get(workflowId);
    if (entry?.revision !== revision) return undefined;
    this.entries.delete(workflowId);
    this.entries.set(workflowId, entry);
    return entry.table;
  }

  /** Remembers `table` (which its owner no longer changes) as the one at `revision`. */
  set(workflowId: string, revision: number, table: TaskTable): void {
    this.delete(workflowId);
    if (table.ids.length > this.maxTasks) return;
    this.entries.set(workflowId, { revision, table });
    this.tasks += table.ids.length;
    for (const [id, entry] of this.entries) {
      if (this.tasks <= this.maxTasks) break;
      this.entries.delete(id);
      this.tasks -= entry.table.ids.length;
    }
  }

  delete(workflowId: string): void {
    const entry = this.entries.get(workflowId);
    if (!entry) return;
    this.entries.delete(workflowId);
    this.tasks -= entry.table.ids.length;
  }
}
