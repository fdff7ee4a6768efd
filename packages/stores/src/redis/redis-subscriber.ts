/**
 * One pub/sub connection shared by the listeners of many channels. A Redis connection in
 * subscriber mode cannot run other commands, so this duplicates the store's client on first use
 * and subscribes to a channel only while it has listeners.
 * @module
 */
import type { RedisClient } from './redis-client.js';

type Handler = (message: string) => void;

/** Lazily connected subscriber with per-channel reference counting. */
export class RedisSubscriber {
  private connection: RedisClient | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(private readonly client: RedisClient) {}

  /**
   * Calls `handler` for each message on `channel` until the returned function is called. The
   * returned promise settles once the subscription is active (messages published before may be
   * missed).
   */
  listen(channel: string, handler: Handler): { ready: Promise<void>; stop: () => void } {
    let set = this.handlers.get(channel);
    let ready: Promise<void> = Promise.resolve();
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      ready = this.connect()
        .subscribe(channel)
        .then(() => undefined);
    }
    set.add(handler);
    const owned = set;
    return {
      ready,
      stop: () => {
        owned.delete(handler);
        if (owned.size === 0 && this.handlers.get(channel) === owned) {
          this.handlers.delete(channel);
          this.connection?.unsubscribe(channel).catch(() => undefined);
        }
      },
    };
  }

  /** Closes the subscriber connection (listeners stop receiving). */
  async close(): Promise<void> {
    this.handlers.clear();
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await connection.quit().catch(() => connection.disconnect());
  }

  private connect(): RedisClient {
    if (!this.connection) {
      const connection = this.client.duplicate();
      connection.on('message', (channel: string, message: string) => {
        for (const handler of [...(this.handlers.get(channel) ?? [])]) {
          try {
            handler(message);
          } catch {
            // One failing listener must not stop delivery to the others.
          }
        }
      });
      // Errors surface as failed commands; an unhandled 'error' event would crash the process.
      connection.on('error', () => undefined);
      this.connection = connection;
    }
    return this.connection;
  }
}
