/**
 * EventSink that delivers EVENT task messages to listeners in the same process and keeps the most
 * recent messages of each sink for inspection (tests, an operations view).
 * @module
 */
import type { EventSink } from '@baton/engine';

/** One published message. */
export interface PublishedEvent {
  sink: string;
  payload: Record<string, unknown>;
  /** Epoch ms when it was published. */
  time: number;
}

/** Receives every published message; may be async (awaited by `publish`). */
export type EventSinkListener = (event: PublishedEvent) => void | Promise<void>;

/** Options of {@link InProcessEventSink}. */
export interface InProcessEventSinkOptions {
  /** Messages kept per sink (oldest dropped first). Default 100. */
  keepLast?: number;
}

/**
 * Publishes to registered listeners, in registration order. A listener that throws fails the
 * `publish` call (so the EVENT task fails, as in Conductor when the provider errors), after every
 * listener has been called. Payloads are stored as JSON copies, so later mutation by the caller does
 * not change what was published.
 */
export class InProcessEventSink implements EventSink {
  private readonly listeners = new Set<EventSinkListener>();
  private readonly recent = new Map<string, PublishedEvent[]>();
  private readonly keepLast: number;

  constructor(options: InProcessEventSinkOptions = {}) {
    this.keepLast = Math.max(0, options.keepLast ?? 100);
  }

  async publish(sink: string, payload: Record<string, unknown>): Promise<void> {
    const event: PublishedEvent = {
      sink,
      payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
      time: Date.now(),
    };
    this.remember(event);
    const outcomes = await Promise.allSettled([...this.listeners].map(async (l) => l(event)));
    const failure = outcomes.find((o) => o.status === 'rejected');
    if (failure !== undefined) {
      const reason: unknown = failure.reason;
      throw new Error(
        `Event sink ${sink} listener failed: ${reason instanceof Error ? reason.message : String(reason)}`,
        { cause: reason },
      );
    }
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: EventSinkListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The last messages of `sink`, oldest first (or of every sink, by time, when omitted). */
  messages(sink?: string): PublishedEvent[] {
    if (sink !== undefined) return [...(this.recent.get(sink) ?? [])];
    return [...this.recent.values()].flat().sort((a, b) => a.time - b.time);
  }

  /** Forgets the kept messages. */
  clear(): void {
    this.recent.clear();
  }

  private remember(event: PublishedEvent): void {
    if (this.keepLast === 0) return;
    const list = this.recent.get(event.sink) ?? [];
    list.push(event);
    if (list.length > this.keepLast) list.splice(0, list.length - this.keepLast);
    this.recent.set(event.sink, list);
  }
}
