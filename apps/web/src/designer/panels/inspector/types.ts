import type { WorkflowDef, WorkflowTask } from '@baton/engine';

/** What every per-type inspector section receives. */
export interface TaskFieldsProps {
  task: WorkflowTask;
  def: WorkflowDef;
  /** Replaces the task with `fn(task)` as one undoable edit. */
  update: (fn: (task: WorkflowTask) => WorkflowTask) => void;
  /** `${...}` expressions valid for this task. */
  suggestions: readonly string[];
}

/** Returns a copy of `obj` with `key` set, or removed when `value` is undefined. */
export function withKey<T extends object>(obj: T, key: string, value: unknown): T {
  const next = { ...obj } as Record<string, unknown>;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as T;
}
