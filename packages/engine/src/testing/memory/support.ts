/**
 * Small helpers shared by the in-memory stores: deep copies, timers and a default clock.
 * @module
 */
import type { Clock } from '../../ports/clock.js';

/**
 * A deep copy through JSON, so stored state never shares objects with callers. JSON is the
 * common denominator of every real adapter, so `undefined` fields vanish here exactly as they do
 * in Postgres JSONB or Redis.
 */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The timer functions the in-memory queue needs. The engine has no platform types, so they are
 * injected; the default comes from `globalThis`.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The host's timers (Node or a browser), looked up on `globalThis`. */
export function defaultTimers(): Timers {
  const host = globalThis as unknown as {
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
  };
  return {
    setTimeout: (callback, ms) => host.setTimeout(callback, ms),
    clearTimeout: (handle) => host.clearTimeout(handle),
  };
}

/** Wall-clock time; tests inject a fake clock instead. */
export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };
