/**
 * Exponential backoff with full jitter, for reconnecting streams and retrying polls and updates.
 * @module
 */

/** Backoff settings. */
export interface BackoffOptions {
  /** First delay. Default 100 ms. */
  initialMs?: number;
  /** Upper bound of any delay. Default 30 s. */
  maxMs?: number;
  /** Growth per failure. Default 2. */
  factor?: number;
  /** Fraction of the delay that is randomised (0 = none, 1 = full jitter). Default 0.5. */
  jitter?: number;
  /** Source of randomness in [0, 1); tests pass a constant. */
  random?: () => number;
}

/** A backoff sequence: `next()` after each failure, `reset()` after a success. */
export interface Backoff {
  /** The delay before the next attempt, growing with each call. */
  next(): number;
  /** Starts over from the initial delay. */
  reset(): void;
  /** Failures since the last reset. */
  readonly attempts: number;
}

/** Creates a backoff sequence. */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const initialMs = options.initialMs ?? 100;
  const maxMs = options.maxMs ?? 30_000;
  const factor = options.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const random = options.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      const base = Math.min(maxMs, initialMs * factor ** attempts);
      attempts += 1;
      return Math.round(base * (1 - jitter) + base * jitter * random());
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}
