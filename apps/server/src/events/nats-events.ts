/**
 * NATS for events (docs/conductor-compatibility.md#event-handlers): EVENT tasks with a
 * `nats:<subject>[:<group>]` sink publish their payload as JSON to `<subject>`, and the server
 * subscribes to the subject of every active handler on such an event, in the queue group `<group>`
 * (default `baton`) so that among several servers one handles each message. The subscriptions follow the handlers
 * (re-read every `refreshMs`). A handler that fails keeps the message in its event record and
 * retries it through the durable queue, like a `conductor:` message.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection, type Subscription } from 'nats';
import { EVENT_QUEUE } from '@baton/engine';
import type { TaskQueue } from '@baton/engine';
import { processEvent } from './event-processor.js';
import type { EventProcessorDeps } from './event-processor.js';
import type { SinkRoute } from './durable-event-sink.js';

const QUEUE_GROUP = 'baton';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `<subject>[:<queue group>]`, Conductor's NATS queue URI (its NATSAbstractQueue): the part after
 * the first `:` names the queue group. Without one, Baton uses the group `baton`.
 */
export function splitNatsUri(uri: string): { subject: string; group: string } {
  const i = uri.indexOf(':');
  return i < 0
    ? { subject: uri, group: QUEUE_GROUP }
    : { subject: uri.slice(0, i), group: uri.slice(i + 1) || QUEUE_GROUP };
}

/** Reads a message body: a JSON object as it is, any other JSON value or text under `payload`. */
export function decodeNatsPayload(data: Uint8Array): Record<string, unknown> {
  const text = decoder.decode(data);
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    return { payload: value };
  } catch {
    return { payload: text };
  }
}

export class NatsEvents implements SinkRoute {
  private readonly subscriptions = new Map<string, Subscription>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  private constructor(private readonly nc: NatsConnection) {}

  /** Connects (`url` may list several servers, comma-separated). */
  static async connect(url: string): Promise<NatsEvents> {
    const servers = url.split(',').map((s) => s.trim());
    const nc = await connect({ servers, name: 'baton', maxReconnectAttempts: -1 });
    return new NatsEvents(nc);
  }

  async publish(uri: string, payload: Record<string, unknown>): Promise<void> {
    const { subject } = splitNatsUri(uri);
    this.nc.publish(subject, encoder.encode(JSON.stringify(payload)));
    // Resolves once the server has the message (a round trip), so the task completes after it.
    await this.nc.flush();
  }

  /** Subscribes to the subjects of the active `nats:` handlers, re-read every `refreshMs`. */
  startConsuming(
    deps: EventProcessorDeps & { queue: TaskQueue; log: { error(o: unknown, m?: string): void } },
    refreshMs = 5_000,
  ): void {
    const refresh = async (): Promise<void> => {
      const uris = new Set(
        (await deps.handlers.listEventHandlers())
          .filter((h) => h.active === true && h.event.startsWith('nats:'))
          .map((h) => h.event.slice(5)),
      );
      for (const [uri, sub] of this.subscriptions) {
        if (!uris.has(uri)) {
          sub.unsubscribe();
          this.subscriptions.delete(uri);
        }
      }
      for (const uri of uris) {
        if (this.subscriptions.has(uri)) continue;
        const { subject, group } = splitNatsUri(uri);
        let sub: Subscription;
        try {
          sub = this.nc.subscribe(subject, { queue: group });
        } catch (err) {
          deps.log.error({ err, subject }, 'cannot subscribe to NATS subject');
          continue;
        }
        this.subscriptions.set(uri, sub);
        void (async () => {
          for await (const msg of sub) {
            const message = {
              id: `nats-${randomUUID()}`,
              event: `nats:${uri}`,
              payload: decodeNatsPayload(msg.data),
            };
            try {
              const outcome = await processEvent(deps, message, null);
              if (outcome.type === 'retry') {
                await deps.queue.push(EVENT_QUEUE, [
                  { id: message.id, priority: 0, delayMs: outcome.delayMs },
                ]);
              }
            } catch (err) {
              deps.log.error({ err, subject }, 'NATS event message handling failed');
            }
          }
        })();
      }
    };
    const run = (): void => {
      this.refreshing ??= refresh()
        .catch((err: unknown) => deps.log.error({ err }, 'NATS subscription refresh failed'))
        .finally(() => {
          this.refreshing = undefined;
        });
    };
    run();
    this.timer = setInterval(run, refreshMs);
    this.timer.unref();
  }

  /** Resolves once the subscriptions follow the handlers as they are now. */
  async refreshed(): Promise<void> {
    await this.refreshing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.refreshing;
    await this.nc.drain().catch(() => this.nc.close());
  }
}
