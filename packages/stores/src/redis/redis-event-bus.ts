/**
 * EventBus over Redis pub/sub: every server sharing the Redis sees every event, at most once.
 * @module
 */
import type { EventBus, ExecutionEvent } from '@baton/engine';
import { RedisKeys } from './keys.js';
import type { RedisClient } from './redis-client.js';
import { RedisSubscriber } from './redis-subscriber.js';
import { unavailable } from './status-codes.js';

/** The events published during one turn of the event loop, sent together. */
interface Outgoing {
  events: ExecutionEvent[];
  sent: Promise<void>;
}

/**
 * Publishes ExecutionEvents as JSON arrays on `<prefix>events`; listeners receive them one by one
 * through a separate subscriber connection. The batches published during one turn of the event
 * loop (under load, the saves whose replies arrived together) go out as one PUBLISH, in the order
 * they were published, and each `publish` settles when that message was sent. Delivery is
 * best-effort (Redis pub/sub keeps nothing for disconnected subscribers), as the EventBus port
 * allows.
 */
export class RedisEventBus implements EventBus {
  private readonly channel: string;
  private readonly subscriber: RedisSubscriber;
  private readonly listeners = new Set<(event: ExecutionEvent) => void>();
  private stopListening: (() => void) | undefined;
  /** Settles once the subscription is active. */
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: RedisClient,
    keys: RedisKeys = new RedisKeys(),
  ) {
    this.channel = keys.eventsChannel();
    this.subscriber = new RedisSubscriber(client);
  }

  private outgoing: Outgoing | undefined;

  publish(events: ExecutionEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    if (this.outgoing) {
      this.outgoing.events.push(...events);
      return this.outgoing.sent;
    }
    const outgoing: Outgoing = { events: [...events], sent: Promise.resolve() };
    // Listeners of this bus that subscribed before this call must see these events.
    const ready = this.ready;
    outgoing.sent = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      this.outgoing = undefined;
      try {
        await ready;
        await this.client.publish(this.channel, JSON.stringify(outgoing.events));
      } catch (error) {
        throw unavailable(error, 'publish');
      }
    });
    this.outgoing = outgoing;
    return outgoing.sent;
  }

  subscribe(listener: (event: ExecutionEvent) => void): () => void {
    const wrapped = (event: ExecutionEvent): void => listener(event);
    this.listeners.add(wrapped);
    if (!this.stopListening) {
      const subscription = this.subscriber.listen(this.channel, (message) => this.deliver(message));
      this.stopListening = subscription.stop;
      // A failed SUBSCRIBE only costs this bus its events; publish must still work.
      this.ready = subscription.ready.catch(() => undefined);
    }
    return () => {
      this.listeners.delete(wrapped);
      if (this.listeners.size === 0 && this.stopListening) {
        this.stopListening();
        this.stopListening = undefined;
      }
    };
  }

  /** Closes the subscriber connection (the shared client is the caller's to close). */
  close(): Promise<void> {
    this.stopListening = undefined;
    this.listeners.clear();
    return this.subscriber.close();
  }

  /** Each listener parses its own copy, so one listener cannot change what another sees. */
  private deliver(message: string): void {
    for (const listener of [...this.listeners]) {
      for (const event of JSON.parse(message) as ExecutionEvent[]) {
        try {
          listener(event);
        } catch {
          // A failing subscriber must not break delivery to the others.
        }
      }
    }
  }
}
