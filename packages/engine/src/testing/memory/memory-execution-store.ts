import { batonError } from '../../errors.js';
import type { PollData, Task, TaskExecLog } from '../../model/task.js';
import type { SearchResult, Workflow } from '../../model/workflow.js';
import type {
  ExecutionChange,
  ExecutionStore,
  QueueChange,
  SearchRequest,
  StoredExecution,
} from '../../ports/execution-store.js';
import type { TaskQueue } from '../../ports/task-queue.js';
import { applyQueueChanges } from '../../executor/core/queue-sync.js';
import { searchItems } from './memory-search.js';
import { deepFreeze } from '../../deep-freeze.js';
import { copy, frozenCopy } from './support.js';

interface Row {
  /** The workflow without its tasks, deeply frozen. */
  workflow: Workflow;
  revision: number;
  taskIds: Set<string>;
}

interface TaskRow {
  /** Deeply frozen; reads return copies. */
  task: Task;
  /** Insertion order: ties on `seq` keep the order in which tasks were first stored. */
  order: number;
}

/**
 * ExecutionStore kept in process memory. Writes store deeply frozen JSON copies and reads return
 * deep copies, so callers cannot change stored state. The one exception is `workflowDefinition`:
 * it never changes after the start (restart may replace it whole), so every read shares the
 * stored frozen object and a save that passes it back unchanged does not copy it again.
 * Saves are checked against the revision exactly as the durable stores do. Given a `queue`, it
 * applies the queue changes of a create or save to it right after the write, with no await in
 * between (so, in one process, atomically), as the Redis store does inside its scripts.
 */
export class MemoryExecutionStore implements ExecutionStore {
  private readonly rows = new Map<string, Row>();
  private readonly tasks = new Map<string, TaskRow>();
  private readonly logs = new Map<string, TaskExecLog[]>();
  private readonly polls = new Map<string, PollData>();
  private counter = 0;
  private readonly queue: TaskQueue | undefined;

  constructor(options: { queue?: TaskQueue } = {}) {
    this.queue = options.queue;
  }

  appliesQueueChanges(queue: TaskQueue): boolean {
    return this.queue !== undefined && queue === this.queue;
  }

  async createExecution(workflow: Workflow, queueChanges?: QueueChange[]): Promise<void> {
    if (this.rows.has(workflow.workflowId)) {
      throw batonError(
        'WORKFLOW_ALREADY_EXISTS',
        `Workflow ${workflow.workflowId} already exists`,
        { details: { workflowId: workflow.workflowId } },
      );
    }
    handOver(workflow, workflow.tasks ?? []);
    const row: Row = { workflow: withoutTasks(workflow, null), revision: 1, taskIds: new Set() };
    this.rows.set(workflow.workflowId, row);
    for (const task of workflow.tasks ?? []) this.putTask(row, task);
    await this.applyQueueChanges(queueChanges);
  }

  async getExecution(workflowId: string): Promise<StoredExecution | null> {
    const row = this.rows.get(workflowId);
    return row ? { workflow: this.assemble(row, true), revision: row.revision } : null;
  }

  async saveExecution(change: ExecutionChange): Promise<number> {
    const workflowId = change.workflow.workflowId;
    const row = this.rows.get(workflowId);
    if (!row) {
      throw batonError('WORKFLOW_NOT_FOUND', `No such workflow found by id: ${workflowId}`, {
        details: { workflowId },
      });
    }
    if (row.revision !== change.expectedRevision) {
      throw batonError(
        'STORE_CONFLICT',
        `Workflow ${workflowId} changed concurrently (revision ${row.revision}, expected ${change.expectedRevision})`,
        {
          details: {
            workflowId,
            revision: row.revision,
            expectedRevision: change.expectedRevision,
          },
        },
      );
    }
    handOver(change.workflow, change.upsertTasks);
    row.workflow = withoutTasks(change.workflow, row.workflow.workflowDefinition);
    for (const taskId of change.deleteTaskIds) {
      if (row.taskIds.delete(taskId)) this.tasks.delete(taskId);
    }
    for (const task of change.upsertTasks) this.putTask(row, task);
    row.revision += 1;
    await this.applyQueueChanges(change.queueChanges);
    return row.revision;
  }

  /** Applies the queue changes of a write that has just been made (none for most writes). */
  private async applyQueueChanges(changes: QueueChange[] | undefined): Promise<void> {
    if (!changes || changes.length === 0) return;
    if (!this.queue) {
      throw batonError('INTERNAL', 'Queue changes were passed to a store that has no queue');
    }
    await applyQueueChanges(this.queue, changes);
  }

  async removeExecution(workflowId: string): Promise<boolean> {
    const row = this.rows.get(workflowId);
    if (!row) return false;
    for (const taskId of row.taskIds) {
      this.tasks.delete(taskId);
      this.logs.delete(taskId);
    }
    this.rows.delete(workflowId);
    return true;
  }

  async getTask(taskId: string): Promise<Task | null> {
    const row = this.tasks.get(taskId);
    return row ? copy(row.task) : null;
  }

  async searchWorkflows(
    request: SearchRequest,
    options: { includeTasks?: boolean } = {},
  ): Promise<SearchResult<Workflow>> {
    const workflows = [...this.rows.values()].map((row) => this.assemble(row, false));
    const found = searchItems('workflow', workflows, request);
    if (!options.includeTasks) return found;
    return {
      totalHits: found.totalHits,
      results: found.results.map((workflow) => {
        const row = this.rows.get(workflow.workflowId);
        return row ? this.assemble(row, true) : workflow;
      }),
    };
  }

  async searchTasks(request: SearchRequest): Promise<SearchResult<Task>> {
    const tasks = [...this.tasks.values()].map((row) => copy(row.task));
    return searchItems('task', tasks, request);
  }

  async getRunningWorkflowIds(
    name: string,
    version: number,
    startTime?: number,
    endTime?: number,
  ): Promise<string[]> {
    return [...this.rows.values()]
      .map((row) => row.workflow)
      .filter(
        (w) =>
          w.workflowName === name &&
          w.workflowVersion === version &&
          w.status === 'RUNNING' &&
          (startTime === undefined || w.createTime >= startTime) &&
          (endTime === undefined || w.createTime <= endTime),
      )
      .sort(byCreateTime)
      .map((w) => w.workflowId);
  }

  async getWorkflowsByCorrelationId(
    name: string,
    correlationId: string,
    options: { includeClosed: boolean; includeTasks: boolean },
  ): Promise<Workflow[]> {
    return [...this.rows.values()]
      .filter(
        ({ workflow: w }) =>
          w.workflowName === name &&
          w.correlationId === correlationId &&
          (options.includeClosed || w.status === 'RUNNING'),
      )
      .sort((a, b) => byCreateTime(a.workflow, b.workflow))
      .map((row) => this.assemble(row, options.includeTasks));
  }

  async findByIdempotencyKey(name: string, idempotencyKey: string): Promise<Workflow | null> {
    const newest = [...this.rows.values()]
      .map((row) => row.workflow)
      .filter((w) => w.workflowName === name && w.idempotencyKey === idempotencyKey)
      .sort(byCreateTime)
      .at(-1);
    return newest ? readWorkflow(newest, []) : null;
  }

  async addTaskLogs(logs: TaskExecLog[]): Promise<void> {
    for (const log of logs) {
      const list = this.logs.get(log.taskId) ?? [];
      list.push(copy(log));
      this.logs.set(log.taskId, list);
    }
  }

  async getTaskLogs(taskId: string): Promise<TaskExecLog[]> {
    const list = this.logs.get(taskId) ?? [];
    return list
      .map((log, index) => ({ log, index }))
      .sort((a, b) => a.log.createdTime - b.log.createdTime || a.index - b.index)
      .map(({ log }) => copy(log));
  }

  async recordPoll(pollData: PollData): Promise<void> {
    this.polls.set(JSON.stringify([pollData.queueName, pollData.workerId]), copy(pollData));
  }

  async getPollData(queueName?: string): Promise<PollData[]> {
    return [...this.polls.values()]
      .filter((poll) => queueName === undefined || poll.queueName === queueName)
      .sort((a, b) => compare(a.queueName, b.queueName) || compare(a.workerId, b.workerId))
      .map(copy);
  }

  private putTask(row: Row, task: Task): void {
    const previous = this.tasks.get(task.taskId);
    this.tasks.set(task.taskId, {
      task: frozenCopy(task),
      order: previous?.order ?? this.counter++,
    });
    row.taskIds.add(task.taskId);
  }

  private assemble(row: Row, includeTasks: boolean): Workflow {
    const tasks = includeTasks
      ? [...row.taskIds]
          .map((id) => this.tasks.get(id))
          .filter((t): t is TaskRow => t !== undefined)
          .sort((a, b) => a.task.seq - b.task.seq || a.order - b.order)
          .map((t) => copy(t.task))
      : [];
    return readWorkflow(row.workflow, tasks);
  }
}

/**
 * The frozen row of `workflow` without its tasks. `storedDefinition` (the frozen definition of the
 * stored row) is reused when the caller saves it back unchanged, so it is copied only once.
 */
/**
 * Freezes what a write hands over, as the Redis store's in-process copy does (the port allows
 * it), so a caller that changes a saved task or value afterwards fails here too instead of only
 * in production.
 */
function handOver(workflow: Workflow, tasks: readonly Task[]): void {
  for (const [key, value] of Object.entries(workflow)) {
    if (key !== 'tasks') deepFreeze(value);
  }
  for (const task of tasks) deepFreeze(task);
}

function withoutTasks(
  workflow: Workflow,
  storedDefinition: Workflow['workflowDefinition'] | null,
): Workflow {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(workflow)) {
    if (value === undefined || typeof value === 'function') continue;
    if (key === 'tasks') row[key] = [];
    else if (key === 'workflowDefinition' && value === storedDefinition) row[key] = value;
    else row[key] = frozenCopy(value);
  }
  return Object.freeze(row) as unknown as Workflow;
}

/** A copy of a stored workflow row with `tasks`, sharing only the frozen definition. */
function readWorkflow(stored: Workflow, tasks: Task[]): Workflow {
  const workflow: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    workflow[key] = key === 'workflowDefinition' ? value : copy(value);
  }
  workflow.tasks = tasks;
  return workflow as unknown as Workflow;
}

function byCreateTime(a: Workflow, b: Workflow): number {
  return a.createTime - b.createTime || compare(a.workflowId, b.workflowId);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
