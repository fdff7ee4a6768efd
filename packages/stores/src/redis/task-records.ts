/**
 * The per-task side of the Redis execution store: the taskId → workflowId index, task logs and
 * poll data. These keys are single-command writes (SET, RPUSH, HSET), atomic on their own.
 * @module
 */
import type { PollData, Task, TaskExecLog } from '@baton/engine';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis-client.js';
import { TaskLocationCache } from './task-location-cache.js';

/** Task index, logs and poll data. */
export class TaskRecords {
  private readonly locations = new TaskLocationCache();

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * A task by id: the index names its execution, then the execution's task hash has it. A stale
   * index entry (a failed save, a deleted task) finds nothing and gives null. A location cached
   * by this process skips the index read.
   */
  /** The workflow of `taskId` when this process wrote or read its location (a hint). */
  peekLocation(taskId: string): string | undefined {
    return this.locations.get(taskId);
  }

  /** The workflow of `taskId` from this process's cache or the index (no task read); null if none. */
  async locate(taskId: string): Promise<string | null> {
    const cached = this.locations.get(taskId);
    if (cached) return cached;
    const workflowId = await this.client.get(this.keys.taskIndex(taskId));
    if (workflowId) this.locations.set(taskId, workflowId);
    return workflowId;
  }

  async getTask(taskId: string): Promise<Task | null> {
    const cached = this.locations.get(taskId);
    if (cached) {
      const json = await this.client.hget(this.keys.execution(cached).tasks, taskId);
      if (json) return JSON.parse(json) as Task;
    }
    const workflowId = await this.client.get(this.keys.taskIndex(taskId));
    if (!workflowId) return null;
    const json = await this.client.hget(this.keys.execution(workflowId).tasks, taskId);
    if (!json) return null;
    this.locations.set(taskId, workflowId);
    return JSON.parse(json) as Task;
  }

  /** The tasks of `taskIds` whose index entry this process has not written or read yet. */
  unindexed(workflowId: string, taskIds: readonly string[]): string[] {
    return taskIds.filter((taskId) => this.locations.get(taskId) !== workflowId);
  }

  /** Remembers index entries written elsewhere (by a save script). */
  noteIndexed(workflowId: string, taskIds: readonly string[]): void {
    for (const taskId of taskIds) this.locations.set(taskId, workflowId);
  }

  /** Writes the index entries of tasks about to be stored in `workflowId`. */
  async index(workflowId: string, taskIds: readonly string[]): Promise<void> {
    await Promise.all(
      taskIds.map(async (taskId) => {
        await this.client.set(this.keys.taskIndex(taskId), workflowId);
        this.locations.set(taskId, workflowId);
      }),
    );
  }

  /** Deletes index entries (and the logs, when the whole execution goes). */
  async dropIndex(taskIds: readonly string[], withLogs: boolean): Promise<void> {
    for (const taskId of taskIds) this.locations.delete(taskId);
    await Promise.all(
      taskIds.map((taskId) =>
        withLogs
          ? this.client.del(this.keys.taskIndex(taskId), this.keys.taskLogs(taskId))
          : this.client.del(this.keys.taskIndex(taskId)),
      ),
    );
  }

  async addTaskLogs(logs: readonly TaskExecLog[]): Promise<void> {
    const byTask = new Map<string, string[]>();
    for (const log of logs) {
      const list = byTask.get(log.taskId) ?? [];
      list.push(JSON.stringify(log));
      byTask.set(log.taskId, list);
    }
    await Promise.all(
      [...byTask].map(([taskId, list]) => this.client.rpush(this.keys.taskLogs(taskId), ...list)),
    );
  }

  /** Logs oldest first (by createdTime, then in the order they were added). */
  async getTaskLogs(taskId: string): Promise<TaskExecLog[]> {
    const list = await this.client.lrange(this.keys.taskLogs(taskId), 0, -1);
    return list
      .map((json, index) => ({ log: JSON.parse(json) as TaskExecLog, index }))
      .sort((a, b) => a.log.createdTime - b.log.createdTime || a.index - b.index)
      .map(({ log }) => log);
  }

  async recordPoll(pollData: PollData): Promise<void> {
    const field = JSON.stringify([pollData.queueName, pollData.workerId]);
    await this.client.hset(this.keys.pollData(), field, JSON.stringify(pollData));
  }

  /** Latest polls ordered by queue name then worker id. */
  async getPollData(queueName?: string): Promise<PollData[]> {
    const all = await this.client.hvals(this.keys.pollData());
    return all
      .map((json) => JSON.parse(json) as PollData)
      .filter((poll) => queueName === undefined || poll.queueName === queueName)
      .sort((a, b) => compare(a.queueName, b.queueName) || compare(a.workerId, b.workerId));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
