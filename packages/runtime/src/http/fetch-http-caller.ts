/**
 * HttpCaller for the HTTP system task, on undici: per-request connect and read timeouts, an address
 * policy checked at connect time, and a cap on the response body size.
 * @module
 */
import { STATUS_CODES } from 'node:http';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { HttpCaller, HttpRequest, HttpResponse } from '@baton/engine';
import { AddressPolicy } from './address-policy.js';
import { createGuardedDispatcher } from './guarded-dispatcher.js';

/** Options of {@link FetchHttpCaller}. */
export interface FetchHttpCallerOptions {
  /**
   * Hostnames or IPs/CIDRs that may be reached even though they are loopback, private or
   * link-local (e.g. `['127.0.0.1']` in tests, `['10.0.0.0/8']` for an internal network).
   */
  allowHosts?: readonly string[];
  /** Responses larger than this fail the call. Default 10 MiB. */
  maxBodyBytes?: number;
  /** Redirects followed per call. Default 5. */
  maxRedirections?: number;
}

const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

/**
 * Performs HTTP task requests. By default it refuses to connect to loopback, private, link-local
 * (including the 169.254.169.254 metadata address), unspecified and multicast addresses, in IPv4,
 * IPv6 and IPv4-mapped form; the check runs on the resolved address of every connection, redirects
 * included. Only `http:` and `https:` URIs are accepted. Connect and read timeouts are enforced by
 * undici, whose timers have about one second of resolution.
 *
 * @example
 * const http = new FetchHttpCaller({ allowHosts: ['127.0.0.1'] });
 * const res = await http.call({ uri, method: 'GET', headers: {}, connectionTimeOutMs: 3000, readTimeOutMs: 3000 });
 */
export class FetchHttpCaller implements HttpCaller {
  private readonly policy: AddressPolicy;
  private readonly maxBodyBytes: number;
  private readonly maxRedirections: number;
  private readonly dispatchers = new Map<number, Dispatcher>();

  constructor(options: FetchHttpCallerOptions = {}) {
    this.policy = new AddressPolicy(options.allowHosts);
    this.maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
    this.maxRedirections = options.maxRedirections ?? 5;
  }

  async call(req: HttpRequest): Promise<HttpResponse> {
    const url = parseHttpUrl(req.uri);
    const method = req.method.toUpperCase();
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: BODYLESS_METHODS.has(method) ? undefined : req.body,
        dispatcher: this.dispatcherFor(req.connectionTimeOutMs),
        headersTimeout: req.readTimeOutMs,
        bodyTimeout: req.readTimeOutMs,
      });
    } catch (error) {
      throw toCallError(error, req, url);
    }
    const body = await this.readBody(response, req, url);
    return {
      statusCode: response.statusCode,
      reasonPhrase: STATUS_CODES[response.statusCode] ?? '',
      headers: toHeaders(response.headers),
      body,
    };
  }

  /** Closes pooled connections. */
  async close(): Promise<void> {
    const dispatchers = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(dispatchers.map((d) => d.close()));
  }

  private dispatcherFor(connectTimeoutMs: number): Dispatcher {
    let dispatcher = this.dispatchers.get(connectTimeoutMs);
    if (dispatcher === undefined) {
      dispatcher = createGuardedDispatcher({
        policy: this.policy,
        connectTimeoutMs,
        maxRedirections: this.maxRedirections,
      });
      this.dispatchers.set(connectTimeoutMs, dispatcher);
    }
    return dispatcher;
  }

  private async readBody(
    response: Dispatcher.ResponseData,
    req: HttpRequest,
    url: URL,
  ): Promise<string> {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
      response.body.destroy();
      throw this.tooLarge(url);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.maxBodyBytes) {
          response.body.destroy();
          throw this.tooLarge(url);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw error;
      throw toCallError(error, req, url);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private tooLarge(url: URL): Error {
    return new ResponseTooLargeError(
      `Response body of ${url.origin} exceeds the limit of ${this.maxBodyBytes} bytes`,
    );
  }
}

class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
}

function parseHttpUrl(uri: string): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new Error(`Invalid HTTP URI: ${uri}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Refused URI scheme ${url.protocol} (only http and https are allowed): ${uri}`);
  }
  return url;
}

function toHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}

function toCallError(error: unknown, req: HttpRequest, url: URL): Error {
  const code = (error as { code?: unknown }).code;
  const cause = error instanceof Error ? error : new Error(String(error));
  if (code === 'ERR_ADDRESS_REFUSED') return cause;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new Error(`Connection to ${url.host} timed out after ${req.connectionTimeOutMs} ms`, {
      cause,
    });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new Error(`Read from ${url.host} timed out after ${req.readTimeOutMs} ms`, { cause });
  }
  if (code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH' || code === 'UND_ERR_INVALID_ARG') {
    return new Error(`Invalid HTTP request to ${url.host}: ${cause.message}`, { cause });
  }
  const refused = findRefusal(cause);
  if (refused !== null) return refused;
  return new Error(`HTTP request to ${url.host} failed: ${cause.message}`, { cause });
}

function findRefusal(error: Error): Error | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if ((current as { code?: unknown }).code === 'ERR_ADDRESS_REFUSED') return current;
    current = current.cause;
  }
  return null;
}
