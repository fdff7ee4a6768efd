/**
 * A fake `fetch` for unit tests: records every request and answers from a queue of responses.
 * @module
 */

/** A request as the fake saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** Path and query after `/api`. */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

type Responder = Response | Error | ((req: RecordedRequest) => Response | Promise<Response>);

/** Records requests; answers with queued responses (FIFO), then with `fallback`. */
export class FakeFetch {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Responder[] = [];

  constructor(private readonly fallback: Responder = () => new Response('', { status: 200 })) {}

  /** Queues the next answers. */
  reply(...responders: Responder[]): this {
    this.queue.push(...responders);
    return this;
  }

  /** The function to pass as `fetch`. */
  readonly fetch: typeof fetch = async (input, init) => {
    const url = String(input);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const req: RecordedRequest = {
      method: init?.method ?? 'GET',
      url,
      path: url.replace(/^.*?\/api/, ''),
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
      signal: init?.signal ?? undefined,
    };
    this.requests.push(req);
    const next = this.queue.shift() ?? this.fallback;
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(req) : next;
  };

  /** The only request made so far. */
  get last(): RecordedRequest {
    const req = this.requests.at(-1);
    if (req === undefined) throw new Error('no request was made');
    return req;
  }
}

/** A JSON response. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** A text/plain response. */
export function textResponse(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain' } });
}
