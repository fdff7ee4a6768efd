/**
 * Small helpers shared by the in-memory stores: deep copies, timers and a default clock.
 * @module
 */
import { deepFreeze } from '../../deep-freeze.js';
import type { Clock } from '../../ports/clock.js';

/**
 * A deep copy with JSON's semantics, so stored state never shares objects with callers. JSON is the
 * common denominator of every real adapter, so `undefined` fields vanish here exactly as they do
 * in Postgres JSONB or Redis (and become null in arrays; non-finite numbers become null; objects
 * with `toJSON`, such as dates, go through JSON). Built directly instead of through a string,
 * which is about three times faster.
 */
export function copy<T>(value: T): T {
  return toJsonValue(value) as T;
}

function toJsonValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    case 'bigint':
      return JSON.parse(JSON.stringify(value)) as unknown; // throws, as JSON does
    default:
      return undefined;
  }
  if (value === null) return null;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.parse(JSON.stringify(value)) as unknown;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => toJsonValue(item) ?? null);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = toJsonValue((value as Record<string, unknown>)[key]);
    if (item === undefined) continue;
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = item;
  }
  return out;
}

/**
 * A JSON copy of `value` that is deeply frozen, so stored state can be shared safely between the
 * store's own structures (and, for definitions, with readers).
 */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(copy(value));
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
