import type { Clock } from '../ports/clock.js';

/**
 * A Clock whose time moves only when a test says so. Starts at a fixed epoch so runs are
 * reproducible.
 * @example
 * const clock = new FakeClock();
 * clock.advance(30_000); // thirty seconds later
 */
export class FakeClock implements Clock {
  private current: number;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  /** Epoch milliseconds. */
  now(): number {
    return this.current;
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  /** Moves time forward by `seconds` seconds. */
  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }

  /** Jumps to an absolute epoch time in milliseconds. */
  set(ms: number): void {
    this.current = ms;
  }
}
