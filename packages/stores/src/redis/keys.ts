/**
 * Every Redis key Baton uses, built in one place. Each group of keys that one script touches
 * shares a hash tag (`{wf:<id>}`, `{q:<name>}`, `{t:<id>}`, `{ix:<n>}`), so every script runs in
 * one slot and works on Redis Cluster.
 * @module
 */

/** Number of shards of the pending-index set (spreads the indexer's hot key over cluster slots). */
export const INDEX_SHARDS = 8;

/** Keys of one execution; all in the slot of `{wf:<workflowId>}`. */
export interface ExecutionKeys {
  /** Hash: `workflow` (JSON without tasks), `revision`, `status`, `updateTime`. */
  workflow: string;
  /** Hash: taskId → task JSON. */
  tasks: string;
  /** Hash: taskId → insertion number (orders tasks with equal `seq`). */
  order: string;
  /** String with a lifetime: the execution was removed (tells the indexer to drop its copy). */
  removed: string;
}

/** Keys of one queue; all in the slot of `{q:<queueName>}`. */
export interface QueueKeys {
  /** Sorted set of hidden ids (delayed or leased), scored by the epoch ms they become visible. */
  delayed: string;
  /** Sorted set of visible ids, scored by (99 - priority) * 1e13 + due time: lowest pops first. */
  ready: string;
  /** Hash: id → priority, for every message in the queue (the membership record). */
  priorities: string;
}

/** Builds key names under a prefix (`baton:` in production, a random one per test file). */
export class RedisKeys {
  readonly prefix: string;

  constructor(prefix = 'baton:') {
    if (prefix.includes('{') || prefix.includes('}')) {
      throw new Error(`Redis key prefix must not contain braces (hash tags): ${prefix}`);
    }
    this.prefix = prefix;
  }

  execution(workflowId: string): ExecutionKeys {
    const base = `${this.prefix}{wf:${workflowId}}`;
    return {
      workflow: `${base}:workflow`,
      tasks: `${base}:tasks`,
      order: `${base}:order`,
      removed: `${base}:removed`,
    };
  }

  /** String: taskId → workflowId (lets getTask find the execution in two round trips). */
  taskIndex(taskId: string): string {
    return `${this.prefix}{t:${taskId}}:wf`;
  }

  /** List of a task's execution logs (same slot as its index entry). */
  taskLogs(taskId: string): string {
    return `${this.prefix}{t:${taskId}}:logs`;
  }

  /** Sorted set of workflowIds started with (name, idempotencyKey), scored by createTime. */
  idempotency(workflowName: string, idempotencyKey: string): string {
    return `${this.prefix}{ik:${workflowName}}:${idempotencyKey}`;
  }

  queue(queueName: string): QueueKeys {
    const base = `${this.prefix}{q:${queueName}}`;
    return { delayed: `${base}:delayed`, ready: `${base}:ready`, priorities: `${base}:prio` };
  }

  /** Set of every queue name ever pushed to (for `sizes()`). */
  queueNames(): string {
    return `${this.prefix}queues`;
  }

  /** Pub/sub channel announcing pushes to a queue (wakes long polls). */
  queueChannel(queueName: string): string {
    return `${this.prefix}queue-push:${queueName}`;
  }

  /** Hash: `queueName\u0000workerId` → PollData JSON. */
  pollData(): string {
    return `${this.prefix}polldata`;
  }

  /** Pub/sub channel of ExecutionEvents. */
  eventsChannel(): string {
    return `${this.prefix}events`;
  }

  /** Sorted set of workflow ids waiting to be indexed, scored by the revision to index. */
  pendingIndex(shard: number): string {
    return `${this.prefix}{ix:${shard}}:pending`;
  }

  /**
   * The lease on a search-index shard's background passes (holder id, with a time to live), in
   * the shard's slot.
   */
  indexLease(shard: number): string {
    return `${this.prefix}{ix:${shard}}:lease`;
  }

  /** Sorted set of finished workflow ids, scored by finish time, waiting to be archived. */
  archiveCandidates(shard: number): string {
    return `${this.prefix}{ar:${shard}}:finished`;
  }

  /** The shard of a workflow id in the index and archive sets. */
  shardOf(workflowId: string): number {
    let hash = 0;
    for (let i = 0; i < workflowId.length; i++) {
      hash = (hash * 31 + workflowId.charCodeAt(i)) | 0;
    }
    return Math.abs(hash) % INDEX_SHARDS;
  }
}
