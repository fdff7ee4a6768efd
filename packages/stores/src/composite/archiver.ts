/**
 * Moves finished executions out of Redis into the Postgres archive once they are older than a
 * retention window; reads of archived executions then fall back to Postgres.
 * @module
 */
import { isTerminalWorkflowStatus, type Clock, type StoredExecution } from '@baton/engine';
import { INDEX_SHARDS } from '../redis/keys.js';
import type { ExecutionHead, RedisExecutionStore } from '../redis/redis-execution-store.js';
import type { PgSearchSink } from './pg-search-sink.js';

/** Options of {@link Archiver}. */
export interface ArchiverOptions {
  redis: RedisExecutionStore;
  sink: PgSearchSink;
  /** How long a finished execution stays in Redis after it finished (ms). */
  retentionMs: number;
  clock?: Clock;
  /** Executions archived per shard per pass (default 100). */
  batchSize?: number;
}

/**
 * Tracks finished executions in per-shard sorted sets (scored by finish time) as the indexer
 * sees them, and archives the old ones: copy the execution and its logs to Postgres, then delete
 * it from Redis only if its revision is unchanged (a retry or restart in between keeps it live).
 * Every step is idempotent, so a pass interrupted by a crash is simply repeated.
 */
export class Archiver {
  private readonly clock: Clock;

  constructor(private readonly options: ArchiverOptions) {
    this.clock = options.clock ?? { now: () => Date.now() };
  }

  /** Records (or forgets) an execution as an archive candidate after it was indexed. */
  async track(stored: StoredExecution): Promise<void> {
    const { redis } = this.options;
    const { workflow } = stored;
    const key = redis.keys.archiveCandidates(redis.keys.shardOf(workflow.workflowId));
    if (isTerminalWorkflowStatus(workflow.status)) {
      const finishedAt = workflow.endTime ?? workflow.updateTime ?? this.clock.now();
      await redis.client.zadd(key, finishedAt, workflow.workflowId);
    } else {
      await redis.client.zrem(key, workflow.workflowId);
    }
  }

  /** Archives every candidate older than the retention window; returns how many it moved. */
  async archiveDue(): Promise<number> {
    const counts = await Promise.all(
      Array.from({ length: INDEX_SHARDS }, (_, shard) => this.archiveShard(shard)),
    );
    return counts.reduce((sum, n) => sum + n, 0);
  }

  private async archiveShard(shard: number): Promise<number> {
    const { redis, retentionMs } = this.options;
    const key = redis.keys.archiveCandidates(shard);
    const cutoff = this.clock.now() - retentionMs;
    const ids = await redis.client.zrangebyscore(
      key,
      '-inf',
      cutoff,
      'LIMIT',
      0,
      this.options.batchSize ?? 100,
    );
    if (ids.length === 0) return 0;
    const moved = await this.archiveBatch(ids);
    await redis.client.zrem(key, ...ids);
    return moved;
  }

  /**
   * Archives a batch of candidates together. Most were copied to Postgres by the indexer when
   * they finished, at the revision they still have: for those only the revision, status and task
   * ids are read from Redis. The others are read whole and copied (one Postgres transaction).
   * Their logs are copied in one more transaction, then each execution is deleted from Redis if
   * it is still at the revision Postgres holds.
   */
  private async archiveBatch(workflowIds: string[]): Promise<number> {
    const { redis, sink } = this.options;
    const heads = await Promise.all(workflowIds.map((workflowId) => redis.head(workflowId)));
    const finished = heads.filter(
      (head): head is ExecutionHead => head !== null && isTerminalWorkflowStatus(head.status),
    );
    if (finished.length === 0) return 0;
    const indexed = await sink.indexedRevisions(finished.map((head) => head.workflowId));
    const due: ExecutionHead[] = [];
    const copies: StoredExecution[] = [];
    await Promise.all(
      finished.map(async (head) => {
        if ((indexed.get(head.workflowId) ?? -1) >= head.revision) {
          due.push(head);
          return;
        }
        const stored = await redis.getExecution(head.workflowId);
        if (!stored || !isTerminalWorkflowStatus(stored.workflow.status)) return;
        copies.push(stored);
        due.push({
          workflowId: head.workflowId,
          revision: stored.revision,
          status: stored.workflow.status,
          taskIds: stored.workflow.tasks.map((task) => task.taskId),
        });
      }),
    );
    if (due.length === 0) return 0;
    const taskIds = due.flatMap((entry) => entry.taskIds);
    const logs = (await Promise.all(taskIds.map((id) => redis.getTaskLogs(id)))).flat();
    if (copies.length > 0) await sink.upsertExecutions(copies);
    await sink.replaceLogs(taskIds, logs);
    const removed = await Promise.all(
      due.map((entry) => redis.removeAtRevision(entry.workflowId, entry.revision)),
    );
    return removed.filter(Boolean).length;
  }
}
