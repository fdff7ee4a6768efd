/**
 * Reference names inside DO_WHILE bodies: `step__2` (one loop) or `step__2_3` (a loop in a loop).
 * @module
 */
import { LOOP_SUFFIX_DELIMITER, stripLoopSuffix } from '../params/params-document.js';

export { stripLoopSuffix as baseRef };

/** The iteration suffix of a reference name without the delimiter (`step__2_3` → `2_3`), or ''. */
export function suffixOf(referenceTaskName: string): string {
  const at = referenceTaskName.indexOf(LOOP_SUFFIX_DELIMITER);
  return at < 0 ? '' : referenceTaskName.slice(at + LOOP_SUFFIX_DELIMITER.length);
}

/** `ref` with `suffix` appended (`ref__2`), or `ref` itself when the suffix is empty. */
export function withSuffix(ref: string, suffix: string): string {
  return suffix === '' ? ref : `${ref}${LOOP_SUFFIX_DELIMITER}${suffix}`;
}

/**
 * The suffix of tasks created in iteration `iteration` of the loop task `loopRef`: the loop's own
 * suffix composed with the iteration (`loop` → `2`, `inner__2` → `2_3`).
 */
export function childSuffix(loopRef: string, iteration: number): string {
  const own = suffixOf(loopRef);
  return own === '' ? String(iteration) : `${own}_${iteration}`;
}

/** The innermost iteration number of a suffix (`2_3` → 3), 0 outside loops. */
export function iterationOf(suffix: string): number {
  if (suffix === '') return 0;
  const last = suffix.slice(suffix.lastIndexOf('_') + 1);
  const n = Number(last);
  return Number.isInteger(n) ? n : 0;
}
