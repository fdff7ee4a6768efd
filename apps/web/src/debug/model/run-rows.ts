/**
 * Helpers shared by the debug and compare models: which definition task a task row belongs to, and
 * the latest row of each reference.
 * @module
 */
import type { Task } from '@baton/client';

/**
 * The definition reference a task row belongs to: a DO_WHILE iteration's `ref__2` belongs to `ref`
 * when the definition has `ref` (and no task literally named `ref__2`).
 */
export function defRefOf(taskRef: string, defRefs: ReadonlySet<string>): string {
  if (defRefs.has(taskRef)) return taskRef;
  const base = taskRef.replace(/__\d+$/, '');
  return defRefs.has(base) ? base : taskRef;
}

/** Task rows in the order they were scheduled. */
export function bySeq(tasks: readonly Task[]): Task[] {
  return [...tasks].sort((a, b) => a.seq - b.seq);
}

/** The latest row (highest seq) of each reference name, keyed by the row's own reference. */
export function latestByRef(tasks: readonly Task[]): Map<string, Task> {
  const latest = new Map<string, Task>();
  for (const t of bySeq(tasks)) latest.set(t.referenceTaskName, t);
  return latest;
}
