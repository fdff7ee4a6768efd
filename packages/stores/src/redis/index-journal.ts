/**
 * The durable to-do list of the search indexer: which workflows changed and which revision the
 * search index must reach. Saves announce the revision they are about to commit *before* running
 * their script, so a crash between the commit and any later step cannot lose an index update; the
 * indexer removes an entry only once it has stored at least that revision (`ackIndexed` script).
 * @module
 */
import type { RedisKeys } from './keys.js';
import { INDEX_SHARDS } from './keys.js';
import type { RedisClient } from './redis-client.js';
import { runScript } from './script-loader.js';

/** One workflow waiting to be indexed, with the newest revision announced for it. */
export interface PendingIndexEntry {
  workflowId: string;
  revision: number;
}

/** Reads and writes the sharded pending-index sets. */
export class IndexJournal {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** The pending-index set that announcements of `workflowId` go to. */
  keyOf(workflowId: string): string {
    return this.keys.pendingIndex(this.keys.shardOf(workflowId));
  }

  /** Records that `workflowId` will reach `revision` (never lowers an announced revision). */
  async announce(workflowId: string, revision: number): Promise<void> {
    await this.client.zadd(this.keyOf(workflowId), 'GT', revision, workflowId);
  }

  /** Up to `limit` entries of one shard from `offset`, lowest announced revision first. */
  async pending(shard: number, offset: number, limit: number): Promise<PendingIndexEntry[]> {
    const key = this.keys.pendingIndex(shard);
    const flat = await this.client.zrange(key, offset, offset + limit - 1, 'WITHSCORES');
    const entries: PendingIndexEntry[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      entries.push({ workflowId: flat[i] as string, revision: Number(flat[i + 1]) });
    }
    return entries;
  }

  /**
   * Drops entries whose announced revision is at most the revision now in the search index;
   * returns how many were dropped.
   */
  async acknowledge(entries: readonly PendingIndexEntry[]): Promise<number> {
    const byShard = new Map<number, Array<string | number>>();
    for (const entry of entries) {
      const shard = this.keys.shardOf(entry.workflowId);
      const args = byShard.get(shard) ?? [];
      args.push(entry.workflowId, entry.revision);
      byShard.set(shard, args);
    }
    const removed = await Promise.all(
      [...byShard].map(([shard, args]) =>
        runScript(this.client, 'ackIndexed', [this.keys.pendingIndex(shard)], args),
      ),
    );
    return removed.reduce<number>((sum, n) => sum + Number(n), 0);
  }

  /** Number of workflows waiting to be indexed, over all shards. */
  async backlog(): Promise<number> {
    const sizes = await Promise.all(
      Array.from({ length: INDEX_SHARDS }, (_, shard) =>
        this.client.zcard(this.keys.pendingIndex(shard)),
      ),
    );
    return sizes.reduce((sum, n) => sum + n, 0);
  }
}
