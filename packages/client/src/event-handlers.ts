/**
 * `/api/event`: event handlers (Conductor's EventResource) and the records of failed event
 * messages (docs/conductor-compatibility.md#event-handlers).
 * @module
 */
import type { HttpTransport } from './http.js';
import { path } from './http.js';
import type { EventExecutionRecord, EventExecutionStatus, EventHandler } from './types.js';

/** Adds, updates, lists and removes event handlers; lists failed event messages. */
export class EventHandlersApi {
  constructor(private readonly http: HttpTransport) {}

  /**
   * @throws BatonApiError EVENT_HANDLER_EXISTS (409) when the name is taken;
   *   EVENT_HANDLER_INVALID (400) with `validationErrors`.
   */
  add(handler: EventHandler): Promise<void> {
    return this.http.void({ method: 'POST', path: '/event', body: handler });
  }

  /** @throws BatonApiError EVENT_HANDLER_NOT_FOUND (404); EVENT_HANDLER_INVALID (400). */
  update(handler: EventHandler): Promise<void> {
    return this.http.void({ method: 'PUT', path: '/event', body: handler });
  }

  /** Every handler. */
  list(): Promise<EventHandler[]> {
    return this.http.json({ method: 'GET', path: '/event' });
  }

  /** The handlers of one event; only active ones unless `activeOnly` is false. */
  forEvent(event: string, activeOnly?: boolean): Promise<EventHandler[]> {
    return this.http.json({ method: 'GET', path: path`/event/${event}`, query: { activeOnly } });
  }

  /** @throws BatonApiError EVENT_HANDLER_NOT_FOUND (404) */
  remove(name: string): Promise<void> {
    return this.http.void({ method: 'DELETE', path: path`/event/${name}` });
  }

  /** Event messages whose handling failed at least once, most recently updated first (Baton). */
  executions(
    options: { status?: EventExecutionStatus; limit?: number } = {},
  ): Promise<EventExecutionRecord[]> {
    return this.http.json({
      method: 'GET',
      path: '/event/executions',
      query: { status: options.status, limit: options.limit },
    });
  }
}
