/**
 * Deeply frozen values, which the engine and the stores share between callers instead of copying
 * them: a frozen object and everything reachable from it never change, so its content (and its
 * JSON) is fixed.
 * @module
 */

/** Objects known to be deeply frozen (which they stay for good). */
const deeplyFrozen = new WeakSet<object>();

/**
 * Freezes `value` and everything reachable from it (already frozen parts are skipped). Walks
 * without `Object.keys`, which would allocate a list of keys per object: a snapshot of a big
 * execution is frozen after every save, and its thousand frozen tasks must cost only a check each.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) deepFreeze(value[i] as unknown);
    } else {
      const record = value as Record<string, unknown>;
      for (const key in record) if (Object.hasOwn(record, key)) deepFreeze(record[key]);
    }
  }
  return value;
}

/** Whether `value` and everything reachable from it is frozen (remembered once true). */
export function isDeeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (deeplyFrozen.has(value)) return true;
  if (!Object.isFrozen(value)) return false;
  for (const key of Object.keys(value)) {
    if (!isDeeplyFrozen((value as Record<string, unknown>)[key])) return false;
  }
  deeplyFrozen.add(value);
  return true;
}
