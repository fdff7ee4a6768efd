/**
 * Failed `POST /api/token` attempts per client address: after `maxFailures` wrong secrets within
 * `windowMs`, every attempt from that address is refused (429 with `Retry-After`) until the oldest
 * counted failure leaves the window. Successful exchanges are never counted. In memory, per server
 * process; at most `maxClients` addresses are tracked (the least recently failing is forgotten
 * first), so a flood of addresses cannot grow it without bound.
 * @module
 */

/** Defaults of BATON_TOKEN_MAX_FAILURES and BATON_TOKEN_FAILURE_WINDOW_SECONDS. */
export const DEFAULT_TOKEN_MAX_FAILURES = 5;
export const DEFAULT_TOKEN_FAILURE_WINDOW_MS = 5 * 60 * 1000;

export interface LoginLimiterOptions {
  /** Failures allowed within the window; 0 turns the limit off. */
  maxFailures: number;
  windowMs: number;
  /** Addresses tracked at once (default 10,000). */
  maxClients?: number;
}

export interface LoginLimiter {
  /** Seconds the client must wait before trying again, or 0 when it may try now. */
  retryAfterSeconds(client: string, now: number): number;
  /** Counts one failed attempt by `client` at `now`. */
  recordFailure(client: string, now: number): void;
}

/** A limiter over the given options. */
export function createLoginLimiter(options: LoginLimiterOptions): LoginLimiter {
  const maxClients = options.maxClients ?? 10_000;
  /** Failure times per client, oldest first; Map order is the order of the latest failure. */
  const failures = new Map<string, number[]>();

  const recent = (client: string, now: number): number[] => {
    const times = failures.get(client);
    if (!times) return [];
    const kept = times.filter((t) => t > now - options.windowMs);
    if (kept.length === 0) failures.delete(client);
    else failures.set(client, kept);
    return kept;
  };

  return {
    retryAfterSeconds(client, now) {
      if (options.maxFailures <= 0) return 0;
      const times = recent(client, now);
      if (times.length < options.maxFailures) return 0;
      const oldest = times[times.length - options.maxFailures] ?? now;
      return Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000));
    },
    recordFailure(client, now) {
      if (options.maxFailures <= 0) return;
      const times = recent(client, now);
      times.push(now);
      // Only the last maxFailures matter for the lock.
      const kept = times.slice(-options.maxFailures);
      failures.delete(client);
      failures.set(client, kept);
      while (failures.size > maxClients) {
        const first = failures.keys().next().value;
        if (first === undefined) break;
        failures.delete(first);
      }
    },
  };
}
