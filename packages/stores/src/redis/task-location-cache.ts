/**
 * A bounded in-process map of taskId → workflowId for tasks whose index entry this process has
 * written or read. It saves the index SET on every later save of the same task and the index GET
 * on `getTask`; entries are hints, always checked against the execution's task hash.
 * @module
 */

/** Least-recently-used map with a fixed capacity. */
export class TaskLocationCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity = 50_000) {}

  get(taskId: string): string | undefined {
    const workflowId = this.entries.get(taskId);
    if (workflowId !== undefined) {
      this.entries.delete(taskId);
      this.entries.set(taskId, workflowId);
    }
    return workflowId;
  }

  set(taskId: string, workflowId: string): void {
    this.entries.delete(taskId);
    this.entries.set(taskId, workflowId);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(taskId: string): void {
    this.entries.delete(taskId);
  }
}
