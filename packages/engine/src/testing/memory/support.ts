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
 * A JSON copy of `value` that is deeply frozen, so stored state can be shared safely between the
 * store's own structures (and, for definitions, with readers).
 */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(copy(value));
}

/**
 * A deep copy of a value that is already JSON data (as stored values are): the same result as
 * {@link copy} for such values, about three times faster because nothing is serialised.
 */
export function cloneData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneData) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    out[key] = cloneData((value as Record<string, unknown>)[key]);
  }
  return out as T;
}

/** Freezes `value` and everything reachable from it; stops at objects already frozen. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
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
