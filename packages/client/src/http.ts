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
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
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
  /** The bound fetch every request goes through. */
  readonly fetch: typeof fetch;
  private readonly headers: Record<string, string>;

  constructor(options: BatonClientOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.apiBase = base.endsWith('/api') ? base : `${base}/api`;
    this.apiKey = options.apiKey;
    this.headers = options.headers ?? {};
    const f = options.fetch ?? globalThis.fetch;
    if (typeof f !== 'function') throw new Error('No fetch available: pass options.fetch');
    // Bound, so a browser's window.fetch is not called with the wrong `this`.
    this.fetch = (input, init) => f(input, init);
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
  async send(spec: RequestSpec, accept = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { accept, ...this.authHeaders() };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = spec.text === true ? String(spec.body) : JSON.stringify(spec.body);
      headers['content-type'] = spec.text === true ? 'text/plain' : 'application/json';
    }
    let response: Response;
    try {
      response = await this.fetch(this.url(spec.path, spec.query), {
        method: spec.method,
        headers,
        body,
        signal: spec.signal,
      });
    } catch (error) {
      throw toNetworkError(error, spec.method, spec.path);
    }
    if (!response.ok) {
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
