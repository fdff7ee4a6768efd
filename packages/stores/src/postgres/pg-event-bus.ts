/**
 * EventBus over Postgres LISTEN/NOTIFY: every process sharing the database receives the events
 * of every other (and its own, through the database). Best-effort, at most once, as the port says.
 * @module
 */
import type { EventBus, ExecutionEvent } from '@baton/engine';
import { channelName } from './channels.js';
import type { SqlClient } from './sql-client.js';
import { NOTIFY } from './sql/queue.js';

/** NOTIFY payloads must stay under 8000 bytes; long reasons are cut to keep events small. */
const MAX_REASON_LENGTH = 2_000;

/** EventBus over a SqlClient's LISTEN/NOTIFY. */
export class PgEventBus implements EventBus {
  private readonly channel: string;
  private readonly listeners = new Set<(event: ExecutionEvent) => void>();
  private listening: Promise<() => Promise<void>> | undefined;

  constructor(
    private readonly db: SqlClient,
    options: { channelPrefix?: string } = {},
  ) {
    this.channel = channelName(options.channelPrefix ?? '', 'events');
  }

  async publish(events: ExecutionEvent[]): Promise<void> {
    // Our own subscribers must hear events published right after they subscribed.
    await this.listening?.catch(() => undefined);
    for (const event of events) {
      await this.db.query(NOTIFY, [this.channel, JSON.stringify(trim(event))]);
    }
  }

  subscribe(listener: (event: ExecutionEvent) => void): () => void {
    const own = (event: ExecutionEvent): void => listener(event);
    this.listeners.add(own);
    this.listening ??= this.db.listen(this.channel, (payload) => this.deliver(payload));
    this.listening.catch(() => {
      this.listening = undefined;
    });
    return () => {
      this.listeners.delete(own);
    };
  }

  /** Stops listening (the SqlClient itself is closed by its owner). */
  async close(): Promise<void> {
    const listening = this.listening;
    this.listening = undefined;
    this.listeners.clear();
    const stop = await listening?.catch(() => undefined);
    await stop?.();
  }

  private deliver(payload: string): void {
    let event: ExecutionEvent;
    try {
      event = JSON.parse(payload) as ExecutionEvent;
    } catch {
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(structuredClone(event));
      } catch {
        // A failing subscriber must not break delivery to the others.
      }
    }
  }
}

function trim(event: ExecutionEvent): ExecutionEvent {
  if (event.type === 'workflow' && event.reasonForIncompletion) {
    return {
      ...event,
      reasonForIncompletion: event.reasonForIncompletion.slice(0, MAX_REASON_LENGTH),
    };
  }
  return event;
}
