/**
 * `/api/tasks`: worker polling and updates, task reads, logs and queue information.
 * @module
 */
import { BatonApiError } from './errors.js';
import type { HttpTransport } from './http.js';
import { path } from './http.js';
import type {
  PollData,
  SearchParams,
  SearchResult,
  Task,
  TaskExecLog,
  TaskResult,
  TaskResultStatus,
  TaskSummary,
} from './types.js';
import { toSearchQuery } from './workflows.js';

/** Options of a poll. */
export interface PollOptions {
  workerId?: string;
  domain?: string;
  signal?: AbortSignal;
}

/** Options of a batch poll. */
export interface BatchPollOptions extends PollOptions {
  /** Tasks wanted (default 1 on the server). */
  count?: number;
  /** Long-poll wait in ms, at most 5000 (default 100 on the server). */
  timeout?: number;
}

/** Worker protocol and task inspection. */
export class TasksApi {
  constructor(private readonly http: HttpTransport) {}

  /** One task of `taskType`, or null when none is available (204). */
  poll(taskType: string, options: PollOptions = {}): Promise<Task | null> {
    return this.http.jsonOrNull<Task>({
      method: 'GET',
      path: path`/tasks/poll/${taskType}`,
      query: { workerid: options.workerId, domain: options.domain },
      signal: options.signal,
    });
  }

  /** Up to `count` tasks, waiting up to `timeout` ms for the first; `[]` when none. */
  async batchPoll(taskType: string, options: BatchPollOptions = {}): Promise<Task[]> {
    const tasks = await this.http.jsonOrNull<Task[]>({
      method: 'GET',
      path: path`/tasks/poll/batch/${taskType}`,
      query: {
        workerid: options.workerId,
        domain: options.domain,
        count: options.count,
        timeout: options.timeout,
      },
      signal: options.signal,
    });
    return tasks ?? [];
  }

  /** Reports a worker's result; resolves to the task id. Updates to terminal tasks are ignored. */
  update(result: TaskResult): Promise<string> {
    return this.http.text({ method: 'POST', path: '/tasks', body: result });
  }

  /**
   * Reports a worker's result and, once the task has ended, claims the next task of its type (and
   * domain) for the same `workerId`: one request instead of an update and a poll. Resolves to that
   * task, or null when none is queued or the task is still running. Servers without the endpoint
   * answer 404 or 405 (see `TaskRunner`, which then falls back to `update`).
   */
  updateV2(result: TaskResult): Promise<Task | null> {
    return this.http.jsonOrNull<Task>({ method: 'POST', path: '/tasks/update-v2', body: result });
  }

  /**
   * Updates the first non-terminal task with that reference name, merging `output` into its output.
   * Resolves to the task id, or `''` when no such task was pending.
   */
  updateByRef(
    workflowId: string,
    taskReferenceName: string,
    status: TaskResultStatus,
    output: Record<string, unknown> = {},
    workerId?: string,
  ): Promise<string> {
    return this.http.text({
      method: 'POST',
      path: path`/tasks/${workflowId}/${taskReferenceName}/${status}`,
      query: { workerid: workerId },
      body: output,
    });
  }

  /** @throws BatonApiError TASK_NOT_FOUND (404) */
  async get(taskId: string): Promise<Task> {
    const task = await this.http.jsonOrNull<Task>({ method: 'GET', path: path`/tasks/${taskId}` });
    if (task === null) {
      throw new BatonApiError({
        status: 404,
        code: 'TASK_NOT_FOUND',
        message: `No such task found by id: ${taskId}`,
      });
    }
    return task;
  }

  /** Log lines of a task, oldest first. */
  async getLogs(taskId: string): Promise<TaskExecLog[]> {
    return (
      (await this.http.jsonOrNull<TaskExecLog[]>({
        method: 'GET',
        path: path`/tasks/${taskId}/log`,
      })) ?? []
    );
  }

  /** Appends a log line (sent as text/plain). */
  addLog(taskId: string, message: string): Promise<void> {
    return this.http.void({
      method: 'POST',
      path: path`/tasks/${taskId}/log`,
      body: message,
      text: true,
    });
  }

  /** `{ taskType: size }` for the given types. */
  queueSizes(taskTypes: readonly string[]): Promise<Record<string, number>> {
    return this.http.json({
      method: 'GET',
      path: '/tasks/queue/sizes',
      query: { taskType: taskTypes },
    });
  }

  /** `{ queueName: size }` for every queue. */
  allQueueSizes(): Promise<Record<string, number>> {
    return this.http.json({ method: 'GET', path: '/tasks/queue/all' });
  }

  /** Latest polls of one task type's queue. */
  pollData(taskType: string): Promise<PollData[]> {
    return this.http.json({ method: 'GET', path: '/tasks/queue/polldata', query: { taskType } });
  }

  /** Latest polls of every queue. */
  allPollData(): Promise<PollData[]> {
    return this.http.json({ method: 'GET', path: '/tasks/queue/polldata/all' });
  }

  /** Task summaries matching the search (task fields; times are ISO strings). */
  search(params: SearchParams = {}): Promise<SearchResult<TaskSummary>> {
    return this.http.json({ method: 'GET', path: '/tasks/search', query: toSearchQuery(params) });
  }

  /** Full tasks matching the search. */
  searchV2(params: SearchParams = {}): Promise<SearchResult<Task>> {
    return this.http.json({
      method: 'GET',
      path: '/tasks/search-v2',
      query: toSearchQuery(params),
    });
  }
}
