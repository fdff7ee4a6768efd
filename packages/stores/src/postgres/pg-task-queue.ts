/**
 * TaskQueue on Postgres (or PGlite): one row per message; pop leases with
 * SELECT ... FOR UPDATE SKIP LOCKED; push NOTIFYs the queue name so `waitForMessages` wakes in
 * every process sharing the database.
 * @module
 */
import type { AbortSignalLike, Clock, QueueMessage, TaskQueue } from '@baton/engine';
import { channelName } from './channels.js';
import { pgJson } from './safe-text.js';
import type { SqlClient } from './sql-client.js';
import * as sql from './sql/queue.js';

const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

export interface PgTaskQueueOptions {
  /** Reads time for delays and leases (default: the system clock). */
  clock?: Clock;
  /** Keeps notifications apart from other stores in the same database (e.g. the schema name). */
  channelPrefix?: string;
}

/** TaskQueue over a SqlClient. */
export class PgTaskQueue implements TaskQueue {
  private readonly clock: Clock;
  private readonly channel: string;
  private readonly waiters = new Map<string, Set<() => void>>();
  private listening: Promise<unknown> | undefined;

  constructor(
    private readonly db: SqlClient,
    options: PgTaskQueueOptions = {},
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.channel = channelName(options.channelPrefix ?? '', 'queue');
  }

  async push(queue: string, messages: QueueMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const now = Math.trunc(this.clock.now());
    const byId = new Map(messages.map((m) => [m.id, m]));
    const records = [...byId.values()].map((m) => ({
      id: m.id,
      priority: m.priority,
      visible_at: now + Math.max(0, Math.trunc(m.delayMs)),
    }));
    await this.db.query(sql.PUSH_MESSAGES, [queue, pgJson(records)]);
    await this.db.query(sql.NOTIFY, [this.channel, queue]);
    this.wake(queue);
  }

  async pop(queue: string, count: number, leaseMs: number): Promise<string[]> {
    if (count <= 0) return [];
    const now = Math.trunc(this.clock.now());
    const { rows } = await this.db.query<{
      id: string;
      priority: number;
      due_at: number;
      insert_order: number;
    }>(sql.POP_MESSAGES, [queue, now, Math.trunc(count), now + Math.trunc(leaseMs)]);
    return rows
      .sort(
        (a, b) => b.priority - a.priority || a.due_at - b.due_at || a.insert_order - b.insert_order,
      )
      .map((row) => row.id);
  }

  async remove(queue: string, id: string): Promise<void> {
    await this.db.query(sql.REMOVE_MESSAGE, [queue, id]);
  }

  async removeMany(queue: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(sql.REMOVE_MESSAGES, [queue, ids]);
  }

  async contains(queue: string, id: string): Promise<boolean> {
    const { rows } = await this.db.query(sql.CONTAINS_MESSAGE, [queue, id]);
    return rows.length > 0;
  }

  async size(queue: string): Promise<number> {
    const { rows } = await this.db.query<{ size: number }>(sql.QUEUE_SIZE, [queue]);
    return rows[0]?.size ?? 0;
  }

  async sizes(): Promise<Record<string, number>> {
    const { rows } = await this.db.query<{ queue_name: string; size: number }>(sql.QUEUE_SIZES);
    return Object.fromEntries(rows.map((row) => [row.queue_name, row.size]));
  }

  async waitForMessages(queue: string, timeoutMs: number, signal?: AbortSignalLike): Promise<void> {
    if (signal?.aborted || timeoutMs <= 0) return;
    await this.ensureListening();
    await new Promise<void>((resolve) => {
      const waiters = this.waiters.get(queue) ?? new Set<() => void>();
      this.waiters.set(queue, waiters);
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        waiters.delete(done);
        if (waiters.size === 0 && this.waiters.get(queue) === waiters) this.waiters.delete(queue);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done);
      if (signal?.aborted) done();
      else waiters.add(done);
    });
  }

  /** Stops listening for notifications (the SqlClient itself is closed by its owner). */
  async close(): Promise<void> {
    const listening = this.listening;
    this.listening = undefined;
    const stop = (await listening?.catch(() => undefined)) as (() => Promise<void>) | undefined;
    await stop?.();
    for (const waiters of this.waiters.values()) for (const waiter of [...waiters]) waiter();
  }

  private ensureListening(): Promise<unknown> {
    this.listening ??= this.db
      .listen(this.channel, (queue) => this.wake(queue))
      .catch((e: unknown) => {
        this.listening = undefined;
        throw e;
      });
    return this.listening;
  }

  private wake(queue: string): void {
    for (const waiter of [...(this.waiters.get(queue) ?? [])]) waiter();
  }
}
