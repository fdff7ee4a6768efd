/**
 * `GET /api/events`: the live stream of ExecutionEvents over Server-Sent Events, with reconnection.
 * @module
 */
import { createBackoff, sleep } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { BatonApiError, toApiError, toNetworkError } from './errors.js';
import type { HttpTransport, Query } from './http.js';
import { SseParser } from './sse-parser.js';
import type { ExecutionEvent } from './types.js';

/** Which events to receive; no filter means every event. */
export interface EventFilter {
  workflowId?: string;
  workflowName?: string;
}

/** The subset of the DOM EventSource the client uses. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((this: EventSourceLike, ev: Event) => unknown) | null;
  onmessage: ((this: EventSourceLike, ev: MessageEvent) => unknown) | null;
  onerror: ((this: EventSourceLike, ev: Event) => unknown) | null;
  close(): void;
}

/** A constructor of EventSources (the browser's, or a test double). */
export type EventSourceFactory = new (url: string) => EventSourceLike;

/** Options of the events API. */
export interface EventsOptions {
  /**
   * EventSource to use. Default: the global one when the client was not given a custom `fetch`,
   * otherwise (or when there is none, as in Node 20) a fetch stream. `null` forces the fetch stream.
   */
  EventSource?: EventSourceFactory | null;
  /** Reconnect delays. Default 500 ms doubling up to 15 s. */
  reconnect?: BackoffOptions;
}

const CLOSED = 2;

/** Subscribes to live execution events. */
export class EventsApi {
  private readonly eventSource: EventSourceFactory | null;
  private readonly reconnect: BackoffOptions;

  constructor(
    private readonly http: HttpTransport,
    options: EventsOptions & { customFetch?: boolean } = {},
  ) {
    const globalEs = (globalThis as { EventSource?: EventSourceFactory }).EventSource;
    this.eventSource =
      options.EventSource !== undefined
        ? options.EventSource
        : options.customFetch === true
          ? null
          : (globalEs ?? null);
    this.reconnect = { initialMs: 500, maxMs: 15_000, ...options.reconnect };
  }

  /**
   * Calls `onEvent` for every ExecutionEvent matching `filter` until the returned function is
   * called. Drops of the connection are retried with backoff; each failure is reported to `onError`.
   * Events that happen while disconnected are not replayed: re-read state after a reconnect.
   */
  subscribe(
    filter: EventFilter,
    onEvent: (event: ExecutionEvent) => void,
    onError?: (error: BatonApiError) => void,
  ): () => void {
    const controller = new AbortController();
    const query: Query = { workflowId: filter.workflowId, workflowName: filter.workflowName };
    const deliver = (data: string) => {
      let event: ExecutionEvent;
      try {
        event = JSON.parse(data) as ExecutionEvent;
      } catch (error) {
        onError?.(toNetworkError(error, 'GET', '/events (invalid event JSON)'));
        return;
      }
      onEvent(event);
    };
    if (this.eventSource !== null) {
      this.runEventSource(this.eventSource, query, deliver, onError, controller.signal);
    } else {
      void this.runFetchStream(query, deliver, onError, controller.signal);
    }
    return () => controller.abort();
  }

  private runEventSource(
    EventSourceImpl: EventSourceFactory,
    query: Query,
    deliver: (data: string) => void,
    onError: ((error: BatonApiError) => void) | undefined,
    signal: AbortSignal,
  ): void {
    const backoff = createBackoff(this.reconnect);
    // EventSource cannot send headers, so the key travels in the query.
    const url = this.http.url('/events', { ...query, apiKey: this.http.apiKey });
    let source: EventSourceLike | null = null;
    const open = () => {
      if (signal.aborted) return;
      const es = new EventSourceImpl(url);
      source = es;
      es.onopen = () => backoff.reset();
      es.onmessage = (ev) => deliver(String(ev.data));
      es.onerror = () => {
        onError?.(toNetworkError(new Error('event stream interrupted'), 'GET', '/events'));
        // The browser retries by itself unless the stream is CLOSED (e.g. an HTTP error).
        if (es.readyState === CLOSED) {
          es.close();
          void sleep(backoff.next(), signal).then(open);
        }
      };
    };
    signal.addEventListener('abort', () => source?.close());
    open();
  }

  private async runFetchStream(
    query: Query,
    deliver: (data: string) => void,
    onError: ((error: BatonApiError) => void) | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    const backoff = createBackoff(this.reconnect);
    while (!signal.aborted) {
      try {
        await this.readStream(query, deliver, signal, () => backoff.reset());
        if (!signal.aborted)
          onError?.(toNetworkError(new Error('event stream ended'), 'GET', '/events'));
      } catch (error) {
        if (signal.aborted) return;
        onError?.(error instanceof BatonApiError ? error : toNetworkError(error, 'GET', '/events'));
      }
      await sleep(backoff.next(), signal);
    }
  }

  private async readStream(
    query: Query,
    deliver: (data: string) => void,
    signal: AbortSignal,
    onOpen: () => void,
  ): Promise<void> {
    const response = await this.http.fetch(this.http.url('/events', query), {
      headers: { accept: 'text/event-stream', ...this.http.authHeaders() },
      signal,
    });
    if (!response.ok) {
      throw toApiError(response.status, await response.text().catch(() => ''), 'GET', '/events');
    }
    if (response.body === null) throw new Error('event stream has no body');
    onOpen();
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) {
          if (message.event === 'message') deliver(message.data);
        }
      }
    } finally {
      reader.releaseLock();
    }
  }
}
