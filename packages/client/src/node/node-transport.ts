/**
 * A {@link Transport} for Node processes on undici's `request` API and a keep-alive pool. It skips
 * what the WHATWG `fetch` builds per call (Request/Response/Headers objects, web streams, a
 * derived AbortSignal), which is most of a polling worker's CPU.
 * @module
 */
import { Agent, request } from 'undici';
import type { Transport, TransportRequest, TransportResponse } from '../http.js';

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /** Most connections open to one server at once. Default: no limit, as with `fetch`. */
  connections?: number;
  /** How long an idle connection stays open, in ms (default 4000; a shorter server hint wins). */
  keepAliveTimeoutMs?: number;
}

/** A transport that owns a connection pool. */
export interface NodeTransport extends Transport {
  /** Closes the pooled connections once the requests in flight have finished. */
  close(): Promise<void>;
}

/**
 * Creates a transport for {@link BatonClient}'s `transport` option. Unlike `fetch` it does not
 * follow redirects, which the Baton API never sends.
 *
 * @example
 * const transport = createNodeTransport();
 * const client = new BatonClient({ baseUrl: 'http://localhost:8080', transport });
 * // ...
 * await transport.close();
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const agent = new Agent({
    connections: options.connections ?? null,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4000,
  });
  return {
    async send(req: TransportRequest): Promise<TransportResponse> {
      const { statusCode, body } = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        dispatcher: agent,
      });
      // Read lazily, as a fetch Response is: the caller reads every body exactly once.
      return { status: statusCode, text: () => body.text() };
    },
    close: () => agent.close(),
  };
}
