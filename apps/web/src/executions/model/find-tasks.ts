/**
 * What Find (Ctrl/Cmd+F) on an execution offers: the failed task, the running task, and every
 * task by reference name.
 * @module
 */
import type { Task } from '@baton/client';
import type { FindItem } from '../../ui/FindDialog.js';
import { baseRef } from './iterations.js';

const FAILED = new Set(['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT']);
const RUNNING = new Set(['SCHEDULED', 'IN_PROGRESS']);

const bySeq = (tasks: readonly Task[]) => [...tasks].sort((a, b) => a.seq - b.seq);

/** The definition ref of the task that failed last (the one that failed the execution), if any. */
export function failedTaskRef(tasks: readonly Task[]): string | null {
  const latest = new Map<string, Task>();
  for (const t of bySeq(tasks)) latest.set(t.referenceTaskName, t);
  const failed = [...latest.values()].filter((t) => FAILED.has(t.status));
  const last = failed[failed.length - 1];
  return last ? baseRef(last.referenceTaskName) : null;
}

/** The definition ref of the first task scheduled or in progress, if any. */
export function runningTaskRef(tasks: readonly Task[]): string | null {
  const t = bySeq(tasks).find((x) => RUNNING.has(x.status));
  return t ? baseRef(t.referenceTaskName) : null;
}

/** Find's entries: "go to" the failed and the running task first, then every task that ran. */
export function findItems(tasks: readonly Task[]): FindItem[] {
  const items: FindItem[] = [];
  const failed = failedTaskRef(tasks);
  const running = runningTaskRef(tasks);
  if (failed)
    items.push({
      id: failed,
      label: 'Go to failed task',
      detail: failed,
      group: 'Go to',
      keywords: 'failure error',
    });
  if (running)
    items.push({
      id: running,
      label: 'Go to running task',
      detail: running,
      group: 'Go to',
      keywords: 'in progress scheduled active',
    });
  const latest = new Map<string, Task>();
  for (const t of bySeq(tasks)) latest.set(baseRef(t.referenceTaskName), t);
  for (const [ref, t] of latest)
    items.push({
      id: `task:${ref}`,
      label: ref,
      detail: `${t.taskDefName} · ${t.taskType} · ${t.status}`,
      group: 'Task',
      code: true,
    });
  return items;
}
