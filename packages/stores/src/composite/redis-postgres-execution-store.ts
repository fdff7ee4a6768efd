/**
 * The ExecutionStore of Redis+Postgres mode: live executions in Redis, searches and the archive
 * of finished executions in Postgres.
 * @module
 */
import { isBatonError } from '@baton/engine';
import type {
  ExecutionChange,
  ExecutionStore,
  PollData,
  QueueChange,
  SearchRequest,
  SearchResult,
  StoredExecution,
  Task,
  TaskExecLog,
  TaskQueue,
  Workflow,
} from '@baton/engine';
import type { PgExecutionStore } from '../postgres/pg-execution-store.js';
import type { RedisExecutionStore } from '../redis/redis-execution-store.js';
import type { SearchIndexer } from '../redis/search-indexer.js';

/**
 * Routes each call: writes and reads of live executions go to Redis (one script per change);
 * searches and listings go to Postgres after the indexer has flushed every change announced so
 * far, so they see this and every other server's writes; reads that miss in Redis fall back to
 * the archive, and a save to an archived execution first restores it into Redis.
 */
export class RedisPostgresExecutionStore implements ExecutionStore {
  constructor(
    private readonly redis: RedisExecutionStore,
    private readonly archive: PgExecutionStore,
    private readonly indexer: SearchIndexer,
  ) {}

  createExecution(workflow: Workflow, queueChanges?: QueueChange[]): Promise<void> {
    return this.redis.createExecution(workflow, queueChanges);
  }

  /** Redis applies the queue changes of its writes when it holds the queue too (standalone). */
  appliesQueueChanges(queue: TaskQueue): boolean {
    return this.redis.appliesQueueChanges(queue);
  }

  async getExecution(workflowId: string): Promise<StoredExecution | null> {
    return (await this.redis.getExecution(workflowId)) ?? this.archive.getExecution(workflowId);
  }

  /**
   * A save to an archived execution restores it first and then saves again, with the change's
   * queue changes (the failed first save applied none).
   */
  async saveExecution(change: ExecutionChange): Promise<number> {
    try {
      return await this.redis.saveExecution(change);
    } catch (error) {
      if (!isBatonError(error) || error.code !== 'WORKFLOW_NOT_FOUND') throw error;
      const archived = await this.archive.getExecution(change.workflow.workflowId);
      if (!archived) throw error;
      await this.redis.restoreExecution(archived).catch((restoreError: unknown) => {
        // Another server restored it first: the save below decides.
        if (!isBatonError(restoreError) || restoreError.code !== 'WORKFLOW_ALREADY_EXISTS') {
          throw restoreError;
        }
      });
      return this.redis.saveExecution(change);
    }
  }

  async removeExecution(workflowId: string): Promise<boolean> {
    const [inRedis, inArchive] = await Promise.all([
      this.redis.removeExecution(workflowId),
      this.archive.removeExecution(workflowId),
    ]);
    return inRedis || inArchive;
  }

  peekExecution(workflowId: string): StoredExecution | undefined {
    return this.redis.peekExecution(workflowId);
  }

  peekTaskLocation(taskId: string): string | undefined {
    return this.redis.peekTaskLocation(taskId);
  }

  /** Live tasks only (a queued task is live); an archived one is not looked for. */
  locateTask(taskId: string): Promise<string | null> {
    return this.redis.locateTask(taskId);
  }

  async getTask(taskId: string): Promise<Task | null> {
    return (await this.redis.getTask(taskId)) ?? this.archive.getTask(taskId);
  }

  async searchWorkflows(
    request: SearchRequest,
    options?: { includeTasks?: boolean },
  ): Promise<SearchResult<Workflow>> {
    await this.indexer.flush();
    return this.archive.searchWorkflows(request, options);
  }

  async searchTasks(request: SearchRequest): Promise<SearchResult<Task>> {
    await this.indexer.flush();
    return this.archive.searchTasks(request);
  }

  async getRunningWorkflowIds(
    name: string,
    version: number,
    startTime?: number,
    endTime?: number,
  ): Promise<string[]> {
    await this.indexer.flush();
    return this.archive.getRunningWorkflowIds(name, version, startTime, endTime);
  }

  async getWorkflowsByCorrelationId(
    name: string,
    correlationId: string,
    options: { includeClosed: boolean; includeTasks: boolean },
  ): Promise<Workflow[]> {
    await this.indexer.flush();
    return this.archive.getWorkflowsByCorrelationId(name, correlationId, options);
  }

  /**
   * The newer of the live match (Redis, consistent at once) and the archived one. Redis is read
   * first: the archiver deletes from Redis only after Postgres holds the copy, so a workflow being
   * archived meanwhile is seen in one of the two (an idempotent start must not miss it).
   */
  async findByIdempotencyKey(name: string, idempotencyKey: string): Promise<Workflow | null> {
    const live = await this.redis.findByIdempotencyKey(name, idempotencyKey);
    const archived = await this.archive.findByIdempotencyKey(name, idempotencyKey);
    if (!live || !archived) return live ?? archived;
    return archived.createTime > live.createTime ? archived : live;
  }

  addTaskLogs(logs: TaskExecLog[]): Promise<void> {
    return this.redis.addTaskLogs(logs);
  }

  /** Archived logs first, then the ones in Redis, oldest first. */
  async getTaskLogs(taskId: string): Promise<TaskExecLog[]> {
    const [archived, live] = await Promise.all([
      this.archive.getTaskLogs(taskId),
      this.redis.getTaskLogs(taskId),
    ]);
    if (archived.length === 0) return live;
    return [...archived, ...live].sort((a, b) => a.createdTime - b.createdTime);
  }

  recordPoll(pollData: PollData): Promise<void> {
    return this.redis.recordPoll(pollData);
  }

  getPollData(queueName?: string): Promise<PollData[]> {
    return this.redis.getPollData(queueName);
  }
}
