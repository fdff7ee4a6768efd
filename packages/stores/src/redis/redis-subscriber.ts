/**
 * One pub/sub connection shared by the listeners of many channels. A Redis connection in
 * subscriber mode cannot run other commands, so this duplicates the store's client on first use
 * and subscribes to a channel only while it has listeners.
 * @module
 */
import type { RedisClient } from './redis-client.js';

type Handler = (message: string) => void;

interface Channel {
  handlers: Set<Handler>;
  /** Settles when the SUBSCRIBE of this channel was answered. */
  ready: Promise<void>;
  /** Pending UNSUBSCRIBE while the channel has no listeners. */
  idleTimer?: NodeJS.Timeout;
}

/**
 * How long a channel stays subscribed after its last listener left. Long polls come back within
 * milliseconds, so keeping the subscription saves a SUBSCRIBE/UNSUBSCRIBE pair per poll.
 */
const DEFAULT_LINGER_MS = 30_000;

/** Lazily connected subscriber with per-channel reference counting. */
export class RedisSubscriber {
  private connection: RedisClient | undefined;
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly client: RedisClient,
    private readonly lingerMs = DEFAULT_LINGER_MS,
  ) {}

  /**
   * Calls `handler` for each message on `channel` until `stop` is called. `ready` settles once
   * the subscription is active (messages published before may be missed); if subscribing fails
   * it rejects, and the next `listen` on that channel tries again.
   */
  listen(channel: string, handler: Handler): { ready: Promise<void>; stop: () => void } {
    let entry = this.channels.get(channel);
    if (!entry) {
      const created: Channel = { handlers: new Set(), ready: Promise.resolve() };
      created.ready = this.connect()
        .subscribe(channel)
        .then(
          () => undefined,
          (error: unknown) => {
            if (this.channels.get(channel) === created) this.channels.delete(channel);
            throw error;
          },
        );
      this.channels.set(channel, created);
      entry = created;
    }
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = undefined;
    }
    entry.handlers.add(handler);
    const owned = entry;
    return {
      ready: owned.ready,
      stop: () => {
        owned.handlers.delete(handler);
        if (owned.handlers.size > 0 || this.channels.get(channel) !== owned || owned.idleTimer) {
          return;
        }
        owned.idleTimer = setTimeout(() => {
          owned.idleTimer = undefined;
          if (owned.handlers.size > 0 || this.channels.get(channel) !== owned) return;
          this.channels.delete(channel);
          this.connection?.unsubscribe(channel).catch(() => undefined);
        }, this.lingerMs);
        owned.idleTimer.unref();
      },
    };
  }

  /** Closes the subscriber connection (listeners stop receiving). */
  async close(): Promise<void> {
    for (const entry of this.channels.values()) clearTimeout(entry.idleTimer);
    this.channels.clear();
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await connection.quit().catch(() => connection.disconnect());
  }

  private connect(): RedisClient {
    if (!this.connection) {
      const connection = this.client.duplicate();
      connection.on('message', (channel: string, message: string) => {
        for (const handler of [...(this.channels.get(channel)?.handlers ?? [])]) {
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
