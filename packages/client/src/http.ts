/**
 * The one place requests are built and responses read: base URL, API key, query strings, JSON and
 * text bodies, empty bodies and error parsing.
 * @module
 */
import { toApiError, toNetworkError } from './errors.js';

/** Options of {@link BatonClient}. */
export interface BatonClientOptions {
  /**
   * Server origin, e.g. `http://localhost:8080` (`/api` is appended unless already there); `''`
   * means the page's own origin in a browser.
   */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` (and as `?apiKey=` on the SSE stream). */
  apiKey?: string;
  /** The fetch to use (defaults to the global one); tests pass a fake. */
  fetch?: typeof fetch;
  /**
   * Sends the API calls instead of `fetch` (e.g. `createNodeTransport()` from
   * `@baton/client/node`). The live event stream keeps using `fetch`/`EventSource`.
   */
  transport?: Transport;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** One API call as {@link HttpTransport} hands it to a {@link Transport}. */
export interface TransportRequest {
  method: RequestSpec['method'];
  /** Absolute (or origin-relative) URL, query included. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/** The part of a response the client reads: a 2xx status means success. */
export interface TransportResponse {
  readonly status: number;
  /** The whole body; called exactly once for every response. */
  text(): Promise<string>;
}

/**
 * How API calls reach the server. The default sends them with `fetch`; a Node process can use the
 * cheaper `createNodeTransport()` from `@baton/client/node`.
 */
export interface Transport {
  /** Resolves once the status is known; rejects only when no response arrived (or on abort). */
  send(request: TransportRequest): Promise<TransportResponse>;
}

/** Query values; arrays repeat the key, `undefined`/`null` are left out. */
export type QueryValue =
  string | number | boolean | null | undefined | ReadonlyArray<string | number>;
export type Query = Record<string, QueryValue>;

/** One request. `path` is relative to `/api` and already encoded (see {@link path}). */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Query;
  /** JSON body, or a raw string with `text: true`. */
  body?: unknown;
  text?: boolean;
  signal?: AbortSignal;
}

/** Builds a path from a template, percent-encoding every interpolated segment. */
export function path(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce(
    (out, s, i) => out + s + (i < values.length ? encodeURIComponent(String(values[i])) : ''),
    '',
  );
}

/** Serialises a query (`?a=1&b=x&b=y`), or `''` when empty. */
export function toQueryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value))
      for (const v of value as Array<string | number>) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Sends requests to the Baton API and decodes the responses. */
export class HttpTransport {
  readonly apiBase: string;
  readonly apiKey: string | undefined;
  /** The bound fetch of the event stream (and of API calls unless a transport was given). */
  readonly fetch: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly transport: Transport;

  constructor(options: BatonClientOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.apiBase = base.endsWith('/api') ? base : `${base}/api`;
    this.apiKey = options.apiKey;
    this.headers = options.headers ?? {};
    const f = options.fetch ?? globalThis.fetch;
    if (typeof f !== 'function') throw new Error('No fetch available: pass options.fetch');
    // Bound, so a browser's window.fetch is not called with the wrong `this`.
    this.fetch = (input, init) => f(input, init);
    this.transport = options.transport ?? {
      send: ({ url, method, headers, body, signal }) =>
        this.fetch(url, { method, headers, body, signal }),
    };
  }

  /** The absolute (or origin-relative) URL of an API path. */
  url(apiPath: string, query?: Query): string {
    return `${this.apiBase}${apiPath}${toQueryString(query)}`;
  }

  /** Headers every request carries (auth and the configured extras). */
  authHeaders(): Record<string, string> {
    return this.apiKey === undefined
      ? { ...this.headers }
      : { ...this.headers, authorization: `Bearer ${this.apiKey}` };
  }

  /** The raw response of a successful call. @throws BatonApiError */
  async send(spec: RequestSpec, accept = 'application/json'): Promise<TransportResponse> {
    const headers: Record<string, string> = { accept, ...this.authHeaders() };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = spec.text === true ? String(spec.body) : JSON.stringify(spec.body);
      headers['content-type'] = spec.text === true ? 'text/plain' : 'application/json';
    }
    let response: TransportResponse;
    try {
      response = await this.transport.send({
        method: spec.method,
        url: this.url(spec.path, spec.query),
        headers,
        body,
        signal: spec.signal,
      });
    } catch (error) {
      throw toNetworkError(error, spec.method, spec.path);
    }
    if (response.status < 200 || response.status > 299) {
      const text = await response.text().catch(() => '');
      throw toApiError(response.status, text, spec.method, spec.path);
    }
    return response;
  }

  /** A JSON body; `null` when the response is empty (204 or no content). */
  async jsonOrNull<T>(spec: RequestSpec): Promise<T | null> {
    const text = await (await this.send(spec)).text();
    if (text.trim() === '') return null;
    return JSON.parse(text) as T;
  }

  /** A JSON body that must be present. @throws BatonApiError when the body is empty. */
  async json<T>(spec: RequestSpec): Promise<T> {
    const value = await this.jsonOrNull<T>(spec);
    if (value === null) {
      throw toApiError(204, '', spec.method, spec.path);
    }
    return value;
  }

  /** A `text/plain` body (ids, counts). */
  async text(spec: RequestSpec): Promise<string> {
    return (await this.send(spec, 'text/plain, application/json')).text();
  }

  /** An endpoint with no meaningful body (200 empty or 204). */
  async void(spec: RequestSpec): Promise<void> {
    await (await this.send(spec)).text();
  }
}
