/**
 * TaskQueue on Redis: per-queue sorted sets with priorities and leases, one script per change.
 * @module
 */
import type { AbortSignalLike, Clock, QueueChange, QueueMessage, TaskQueue } from '@baton/engine';
import { RedisKeys } from './keys.js';
import { encodeQueueChanges, toMessageArgs, type EncodedQueueChanges } from './queue-changes.js';
import type { RedisClient } from './redis-client.js';
import { RedisSubscriber } from './redis-subscriber.js';
import { loadScripts, runScript } from './script-loader.js';
import { unavailable } from './status-codes.js';

/** Ids per removeMessage call. */
const REMOVE_CHUNK = 1000;

/** Options of {@link RedisTaskQueue}. */
export interface RedisTaskQueueOptions {
  client: RedisClient;
  keys?: RedisKeys;
  /** Times delays and leases (Lua has no deterministic clock, so `now` is passed in). */
  clock?: Clock;
}

/**
 * Each queue is three keys under the hash tag `{q:<name>}`: hidden messages (delayed or leased)
 * scored by the time they become visible, visible messages scored by priority then due time, and
 * a priority hash recording membership. `pop` promotes due messages and leases the ones it takes
 * by moving them back to the hidden set at now + lease, which gives redelivery with no sweeper.
 * Pushes PUBLISH on `<prefix>queue-push:<name>`, which wakes long polls on every server.
 */
export class RedisTaskQueue implements TaskQueue {
  readonly keys: RedisKeys;
  private readonly client: RedisClient;
  private readonly clock: Clock;
  private readonly subscriber: RedisSubscriber;
  private readonly knownQueues = new Set<string>();

  constructor(options: RedisTaskQueueOptions) {
    this.client = options.client;
    loadScripts(this.client);
    this.keys = options.keys ?? new RedisKeys();
    this.clock = options.clock ?? { now: () => Date.now() };
    this.subscriber = new RedisSubscriber(this.client);
  }

  async push(queue: string, messages: QueueMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const keys = this.keys.queue(queue);
    const args: Array<string | number> = [this.clock.now(), this.keys.queueChannel(queue)];
    for (const message of messages) args.push(...toMessageArgs(message));
    await this.guarded('push', () =>
      Promise.all([
        this.registerQueue(queue),
        runScript(this.client, 'pushMessages', [keys.delayed, keys.ready, keys.priorities], args),
      ]),
    );
  }

  /**
   * Encodes `changes` as the queue-change section of `createExecution-3+`/`saveExecution-3+`
   * (KEYS and ARGV, timed by this queue's clock), for a `RedisExecutionStore` on the same
   * standalone client that applies them in its own script. Call `applied()` on the result once
   * the script has run them, so that queues it registered are not registered again.
   * @internal
   */
  encodeChanges(changes: readonly QueueChange[]): EncodedQueueChanges {
    const { keys, args, registers } = encodeQueueChanges(changes, {
      keys: this.keys,
      now: this.clock.now(),
      isRegistered: (queue) => this.knownQueues.has(queue),
    });
    return {
      keys,
      args,
      applied: () => registers.forEach((queue) => this.knownQueues.add(queue)),
    };
  }

  /** Whether this queue sends its commands through `client`. @internal */
  usesClient(client: RedisClient): boolean {
    return this.client === client;
  }

  async pop(queue: string, count: number, leaseMs: number): Promise<string[]> {
    if (count <= 0) return [];
    const keys = this.keys.queue(queue);
    const ids = await this.guarded('pop', () =>
      runScript(
        this.client,
        'popMessages',
        [keys.delayed, keys.ready, keys.priorities],
        [this.clock.now(), count, Math.max(0, leaseMs)],
      ),
    );
    return ids as string[];
  }

  async remove(queue: string, id: string): Promise<void> {
    await this.removeMany(queue, [id]);
  }

  async removeMany(queue: string, ids: readonly string[]): Promise<void> {
    const keys = this.keys.queue(queue);
    // Lua's unpack() is bounded by the C stack (about 8,000 values), so long lists go in chunks.
    for (let start = 0; start < ids.length; start += REMOVE_CHUNK) {
      const chunk = ids.slice(start, start + REMOVE_CHUNK);
      await this.guarded('remove', () =>
        runScript(this.client, 'removeMessage', [keys.delayed, keys.ready, keys.priorities], chunk),
      );
    }
  }

  async contains(queue: string, id: string): Promise<boolean> {
    const found = await this.guarded('contains', () =>
      this.client.hexists(this.keys.queue(queue).priorities, id),
    );
    return found === 1;
  }

  async size(queue: string): Promise<number> {
    return this.guarded('size', () => this.client.hlen(this.keys.queue(queue).priorities));
  }

  async sizes(): Promise<Record<string, number>> {
    return this.guarded('sizes', async () => {
      const names = (await this.client.smembers(this.keys.queueNames())).sort();
      const counts = await Promise.all(
        names.map((name) => this.client.hlen(this.keys.queue(name).priorities)),
      );
      const sizes: Record<string, number> = {};
      names.forEach((name, i) => {
        const count = counts[i] ?? 0;
        if (count > 0) sizes[name] = count;
      });
      return sizes;
    });
  }

  /**
   * Resolves on a push to `queue` (from any server), when the earliest hidden message becomes
   * visible, after `timeoutMs`, or on abort. Resolves at once when messages are already due.
   */
  async waitForMessages(queue: string, timeoutMs: number, signal?: AbortSignalLike): Promise<void> {
    if (signal?.aborted || timeoutMs <= 0) return;
    let wake = (): void => undefined;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const subscription = this.subscriber.listen(this.keys.queueChannel(queue), () => wake());
    const onAbort = (): void => wake();
    signal?.addEventListener('abort', onAbort);
    let timer: NodeJS.Timeout | undefined;
    try {
      await subscription.ready;
      const waitMs = Math.min(timeoutMs, await this.msUntilVisible(queue));
      if (waitMs > 0 && !signal?.aborted) {
        timer = setTimeout(wake, waitMs);
        await woken;
      }
    } catch (error) {
      throw unavailable(error, 'waitForMessages');
    } finally {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      subscription.stop();
    }
  }

  /** Closes the long-poll subscriber connection (the shared client is the caller's to close). */
  close(): Promise<void> {
    return this.subscriber.close();
  }

  /** 0 when a message is due now, else ms until the earliest hidden one shows (∞ when none). */
  private async msUntilVisible(queue: string): Promise<number> {
    const keys = this.keys.queue(queue);
    const [ready, earliest] = await Promise.all([
      this.client.zcard(keys.ready),
      this.client.zrange(keys.delayed, 0, 0, 'WITHSCORES'),
    ]);
    if (ready > 0) return 0;
    const visibleAt = earliest[1];
    return visibleAt === undefined ? Infinity : Math.max(0, Number(visibleAt) - this.clock.now());
  }

  /** Adds the queue to the set `sizes()` reads (once per process per queue). */
  private async registerQueue(queue: string): Promise<void> {
    if (this.knownQueues.has(queue)) return;
    await this.client.sadd(this.keys.queueNames(), queue);
    this.knownQueues.add(queue);
  }

  private async guarded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw unavailable(error, operation);
    }
  }
}
