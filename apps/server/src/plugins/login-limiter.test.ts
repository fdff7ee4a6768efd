import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from './login-limiter.js';

describe('createLoginLimiter', () => {
  it('locks a client out after maxFailures failures until the oldest leaves the window', () => {
    const limiter = createLoginLimiter({ maxFailures: 3, windowMs: 60_000 });
    for (const t of [0, 10_000, 20_000]) {
      expect(limiter.retryAfterSeconds('a', t)).toBe(0);
      limiter.recordFailure('a', t);
    }
    expect(limiter.retryAfterSeconds('a', 20_000)).toBe(40);
    expect(limiter.retryAfterSeconds('a', 59_500)).toBe(1);
    expect(limiter.retryAfterSeconds('a', 60_000)).toBe(0);
    // Another client is not affected.
    expect(limiter.retryAfterSeconds('b', 20_000)).toBe(0);
  });

  it('counts only failures inside the window', () => {
    const limiter = createLoginLimiter({ maxFailures: 2, windowMs: 1_000 });
    limiter.recordFailure('a', 0);
    limiter.recordFailure('a', 5_000);
    expect(limiter.retryAfterSeconds('a', 5_000)).toBe(0);
    limiter.recordFailure('a', 5_500);
    expect(limiter.retryAfterSeconds('a', 5_500)).toBe(1);
  });

  it('is off with maxFailures 0', () => {
    const limiter = createLoginLimiter({ maxFailures: 0, windowMs: 1_000 });
    for (let i = 0; i < 100; i++) limiter.recordFailure('a', i);
    expect(limiter.retryAfterSeconds('a', 100)).toBe(0);
  });

  it('tracks at most maxClients addresses, forgetting the least recently failing', () => {
    const limiter = createLoginLimiter({ maxFailures: 1, windowMs: 60_000, maxClients: 2 });
    limiter.recordFailure('a', 0);
    limiter.recordFailure('b', 1);
    limiter.recordFailure('c', 2);
    expect(limiter.retryAfterSeconds('a', 3)).toBe(0);
    expect(limiter.retryAfterSeconds('b', 3)).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('c', 3)).toBeGreaterThan(0);
  });
});
