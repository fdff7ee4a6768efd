/**
 * The background indexer that copies changed executions from Redis to the search index
 * (Postgres), driven by the durable pending-index journal.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { isTerminalWorkflowStatus, type StoredExecution } from '@baton/engine';
import { IndexJournal, type PendingIndexEntry } from './index-journal.js';
import { INDEX_SHARDS } from './keys.js';

/** Stands for an entry a background pass skips without reading it (still young when deferred). */
const DEFERRED = 'deferred';
const MAX_DEFERRED = 100_000;
import type { RedisExecutionStore } from './redis-execution-store.js';
import { runScript } from './script-loader.js';

/** Where the indexer writes: a store of execution copies answering searches. */
export interface SearchIndexSink {
  /**
   * Inserts or replaces the copies of executions (with all their tasks), each unless its copy
   * already holds that or a newer revision; must be safe to call concurrently from several servers. The
   * executions of one call have distinct ids.
   */
  upsertExecutions(stored: readonly StoredExecution[]): Promise<void>;
  /** Deletes the copy of a removed execution (no-op when absent). */
  removeExecution(workflowId: string): Promise<void>;
}

/** Options of {@link SearchIndexer}. */
export interface SearchIndexerOptions {
  store: RedisExecutionStore;
  sink: SearchIndexSink;
  /** Entries read per shard per pass (default 200). */
  batchSize?: number;
  /** Pause between background passes (default 1 s; searches flush first, so they never wait). */
  intervalMs?: number;
  /**
   * Background passes leave a running execution younger than this for a later pass (default 5 s),
   * so a short workflow is copied once, when it ends, instead of once per pass while it runs; and
   * after copying a running execution they copy it again no sooner than this, so workflows that
   * wait in a backlog for minutes are not rewritten in the sink on every pass. `flush()` indexes
   * everything regardless.
   */
  deferYoungMs?: number;
  /**
   * How long an entry may name an execution that does not exist (a create that failed after its
   * announcement) before it is dropped (default 60 s). Entries of executions being created right
   * now are kept, so an in-flight create is never skipped.
   */
  missingGraceMs?: number;
  /** Called with errors of background passes (default: ignored, the next pass retries). */
  onError?: (error: unknown) => void;
  /**
   * How long a shard's lease lasts (default 5 s). A background pass drains a shard only while it
   * holds the shard's lease (renewed before every batch), so the server processes sharing a Redis
   * never copy the same changes at once. The holder keeps the lease after draining (it lapses
   * `leaseMs` after its last renewal, so a shard with nothing to copy costs nothing), so while a
   * shard has work one process does all its passes and its memory of what it deferred holds: the
   * other processes neither read those executions again nor copy them sooner. A holder that died
   * loses its leases when they lapse; `stop()` hands them back at once. `flush()` drains every
   * shard regardless (searches must see every change).
   */
  leaseMs?: number;
}

/**
 * Indexing is asynchronous but durable: every save announces its revision in the journal before
 * it commits, and an entry leaves the journal only after the sink holds at least that revision.
 * `flush()` indexes everything announced so far; searches call it first, which gives them
 * read-your-writes across servers at the cost of doing the pending indexing work eagerly.
 */
export class SearchIndexer {
  private readonly journal: IndexJournal;
  /** This indexer's id in the shard leases. */
  private readonly id = randomUUID();
  private readonly missingSince = new Map<string, number>();
  /** Executions background passes leave alone until the time given (not read before). */
  private readonly deferredUntil = new Map<string, number>();
  /** Shards whose lease this indexer took or renewed (they may have lapsed since). */
  private readonly held = new Set<number>();
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly options: SearchIndexerOptions) {
    this.journal = new IndexJournal(options.store.client, options.store.keys);
  }

  /** Starts background passes every `intervalMs`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = (): void => {
      this.share(() => this.pass(true))
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs ?? 1000);
        });
    };
    tick();
  }

  /** Stops background passes and waits for the current one. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([this.running, this.queued]);
    // Handed back, so another process takes the shards over at its next pass.
    await Promise.allSettled([...this.held].map((shard) => this.holdLease(shard, 1)));
    this.held.clear();
  }

  /**
   * Takes or renews the lease on `shard` for `ms` (1 ms hands it back: as good as released);
   * false when another indexer holds it.
   */
  private async holdLease(shard: number, ms = this.options.leaseMs ?? 5_000): Promise<boolean> {
    const { store } = this.options;
    const held = await runScript(
      store.client,
      'holdLease',
      [store.keys.indexLease(shard)],
      [this.id, Math.max(1, Math.round(ms))],
    );
    if (Number(held) !== 1) {
      this.held.delete(shard);
      return false;
    }
    this.held.add(shard);
    return true;
  }

  /**
   * Indexes every change announced before this call. Concurrent callers share passes: a call
   * made while a pass runs waits for the next pass, which starts after the current one.
   */
  flush(): Promise<void> {
    return this.share(() => this.pass(false));
  }

  /** Runs `pass` now, or (while one runs) a full pass after it that every such caller shares. */
  private share(pass: () => Promise<void>): Promise<void> {
    if (!this.running) {
      this.running = pass().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.flush();
      });
    return this.queued;
  }

  /** Number of workflows waiting to be indexed. */
  backlog(): Promise<number> {
    return this.journal.backlog();
  }

  private async pass(deferYoung: boolean): Promise<void> {
    await Promise.all(
      Array.from({ length: INDEX_SHARDS }, (_, shard) => this.drainShard(shard, deferYoung)),
    );
  }

  private async drainShard(shard: number, deferYoung: boolean): Promise<void> {
    if (!deferYoung) return this.drainShardEntries(shard, false);
    // A background pass works on a shard only while it holds the shard's lease (renewed before
    // every batch and kept afterwards; see `leaseMs`), so passes of several processes never copy
    // one shard's changes at the same time, and while the shard has work the same process does
    // them. An empty shard (the common case at rest) needs no lease: one read, as without leases.
    if ((await this.journal.pending(shard, 0, 1)).length === 0) return;
    if (!(await this.holdLease(shard))) return;
    await this.drainShardEntries(shard, true);
  }

  private async drainShardEntries(shard: number, background: boolean): Promise<void> {
    const batchSize = this.options.batchSize ?? 200;
    // Entries that stay (a save still in flight, a create not yet committed) are stepped over.
    let offset = 0;
    for (let batch = 0; ; batch += 1) {
      if (background && batch > 0 && !(await this.holdLease(shard))) return;
      const entries = await this.journal.pending(shard, offset, batchSize);
      if (entries.length === 0) return;
      offset += entries.length - (await this.indexBatch(entries, background));
      if (entries.length < batchSize) return;
    }
  }

  /**
   * Whether a background pass leaves `workflowId` alone without reading it: deferred already, or
   * young and running in the copy this process holds (its creation time never changes; a status
   * read as running may be stale, which only defers the copy of a young execution that just ended
   * until it is `deferMs` old, as when a pass had read it running).
   */
  private deferredWithoutRead(workflowId: string, now: number, deferMs: number): boolean {
    if ((this.deferredUntil.get(workflowId) ?? 0) > now) return true;
    const head = this.options.store.cachedHead(workflowId);
    if (!head || isTerminalWorkflowStatus(head.status) || head.createTime + deferMs <= now)
      return false;
    this.defer(workflowId, head.createTime + deferMs);
    return true;
  }

  private defer(workflowId: string, until: number): void {
    if (this.deferredUntil.size >= MAX_DEFERRED) this.deferredUntil.clear();
    this.deferredUntil.set(workflowId, until);
  }

  /**
   * Copies `present` to the sink. When the sink refuses the batch because of a value it cannot
   * hold (Postgres SQLSTATE class 22 or 54), copies them one by one and leaves out, reported
   * through `onError`, those it still refuses: one execution the index cannot take must not fail
   * every search (searches flush first). It stays readable in Redis, and its next save is announced
   * and tried again. Any other failure (unavailable, deadlock) fails the pass, which is retried.
   */
  private async upsert(present: StoredExecution[]): Promise<void> {
    const { sink } = this.options;
    try {
      await sink.upsertExecutions(present);
      return;
    } catch (error) {
      if (!isRefusedValue(error)) throw error;
      if (present.length === 1) {
        this.options.onError?.(error);
        return;
      }
    }
    for (const stored of present) {
      try {
        await sink.upsertExecutions([stored]);
      } catch (error) {
        if (!isRefusedValue(error)) throw error;
        this.options.onError?.(error);
      }
    }
  }

  /** Indexes a batch; returns how many entries left the journal. */
  private async indexBatch(entries: PendingIndexEntry[], deferYoung: boolean): Promise<number> {
    const { store, sink } = this.options;
    const now = Date.now();
    const grace = this.options.missingGraceMs ?? 60_000;
    const deferMs = this.options.deferYoungMs ?? 5_000;
    const acks: PendingIndexEntry[] = [];
    const found = await Promise.all(
      entries.map((entry) =>
        deferYoung && this.deferredWithoutRead(entry.workflowId, now, deferMs)
          ? DEFERRED
          : store.getExecution(entry.workflowId),
      ),
    );
    const present: StoredExecution[] = [];
    for (const stored of found) {
      if (stored === null || stored === DEFERRED) continue;
      const { workflow } = stored;
      if (deferYoung && !isTerminalWorkflowStatus(workflow.status)) {
        const young = workflow.createTime + deferMs > now;
        // Young: left for later. Older: copied now, and not again for `deferMs`.
        this.defer(workflow.workflowId, young ? workflow.createTime + deferMs : now + deferMs);
        if (young) continue;
      } else {
        this.deferredUntil.delete(workflow.workflowId);
      }
      present.push(stored);
    }
    if (present.length > 0) await this.upsert(present);
    await Promise.all(
      present.map(async ({ workflow, revision }) => {
        this.missingSince.delete(workflow.workflowId);
        // Removed while we copied it: take the copy back out.
        if (await store.wasRemoved(workflow.workflowId)) {
          await sink.removeExecution(workflow.workflowId);
        }
        acks.push({ workflowId: workflow.workflowId, revision });
      }),
    );
    entries.forEach((entry, i) => {
      if (found[i]) return;
      const since = this.missingSince.get(entry.workflowId) ?? now;
      this.missingSince.set(entry.workflowId, since);
      if (now - since >= grace) {
        this.missingSince.delete(entry.workflowId);
        acks.push({ workflowId: entry.workflowId, revision: Number.MAX_SAFE_INTEGER });
      }
    });
    return acks.length > 0 ? this.journal.acknowledge(acks) : 0;
  }
}

/** A value Postgres refused: SQLSTATE class 22 (data exception) or 54 (program limit exceeded). */
function isRefusedValue(error: unknown): boolean {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  return (
    typeof code === 'string' && /^(22|54)[0-9A-Z]{3}$/.test(code) && typeof severity === 'string'
  );
}
