/**
 * A client-side stand-in for a load balancer in front of several servers: a `fetch` that sends
 * each request to a server of the pool (a preferred one first, else round robin) and moves on to
 * the next one when a server refuses the connection, as a load balancer's health check would.
 * Requests that may have reached a dead server are not resent (except GETs): the caller's own
 * retry logic decides, as it must behind a real load balancer.
 * @module
 */

/** The servers behind the balancer, by base URL (`http://127.0.0.1:<port>`). */
export interface ServerPool {
  urls: string[];
}

const DOWN_FOR_MS = 1_000;

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code;
}

/**
 * A fetch for `new BatonClient({ baseUrl: 'http://baton', fetch })`: the origin of each request
 * is replaced by a live server's. `prefer` pins a client to one server while it is up.
 */
export function createBalancedFetch(pool: ServerPool, prefer?: number): typeof fetch {
  const downUntil = new Map<string, number>();
  let next = prefer ?? 0;
  return async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    const method = (init?.method ?? 'GET').toUpperCase();
    const count = pool.urls.length;
    const first = prefer ?? next++ % count;
    let lastError: unknown;
    for (let i = 0; i < count; i++) {
      const base = pool.urls[(first + i) % count]!;
      if ((downUntil.get(base) ?? 0) > Date.now() && i < count - 1) continue;
      try {
        return await fetch(`${base}${url.pathname}${url.search}`, init);
      } catch (error) {
        lastError = error;
        if (init?.signal?.aborted) throw error;
        downUntil.set(base, Date.now() + DOWN_FOR_MS);
        // Only a refused connection proves the request never reached the server.
        if (errorCode(error) !== 'ECONNREFUSED' && method !== 'GET') throw error;
      }
    }
    throw lastError;
  };
}
