import type { Clock } from '@baton/engine';

/** The wall clock (`Date.now()`), for production; tests use the engine's fake clock. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
