/**
 * Replays an execution: the tasks as they stood at a moment, derived from each task's scheduled,
 * start and end times. Used by the timeline scrubber to paint earlier statuses on the graph.
 * @module
 */
import type { Task, TaskStatus } from '@baton/client';

/**
 * The tasks that existed at `time` (epoch ms), each with the status it had then: SCHEDULED between
 * scheduled and start time, IN_PROGRESS between start and end time, its final status from its end
 * time on. Tasks scheduled after `time` are left out; rows without times (SKIPPED rows use seq 0
 * and only an end time) appear from their end time. Returns new objects only for changed rows.
 */
export function statusAt(tasks: readonly Task[], time: number): Task[] {
  const out: Task[] = [];
  for (const task of tasks) {
    const status = statusOfTaskAt(task, time);
    if (status === null) continue;
    if (status === task.status) out.push(task);
    else {
      const clearedEnd = status === 'SCHEDULED' || status === 'IN_PROGRESS';
      out.push({
        ...task,
        status,
        ...(clearedEnd ? { endTime: 0 } : {}),
        ...(status === 'SCHEDULED' ? { startTime: 0 } : {}),
      });
    }
  }
  return out;
}

/** The status one task had at `time`, or null when it did not exist yet. */
export function statusOfTaskAt(task: Task, time: number): TaskStatus | null {
  const scheduled = task.scheduledTime || task.startTime || task.endTime || 0;
  if (scheduled === 0) return task.status;
  if (scheduled > time) return null;
  if (task.endTime > 0 && task.endTime <= time) return task.status;
  if (task.endTime > 0 || !isTerminalRow(task)) {
    if (task.startTime > 0 && task.startTime <= time) return 'IN_PROGRESS';
    return 'SCHEDULED';
  }
  return task.status;
}

function isTerminalRow(task: Task): boolean {
  return task.status !== 'SCHEDULED' && task.status !== 'IN_PROGRESS';
}

/** The time span an execution covers: the earliest scheduled time and the latest end (or `now`). */
export function executionSpan(
  tasks: readonly Task[],
  workflow: { startTime?: number; endTime?: number },
  now: number,
): { start: number; end: number } {
  let start = workflow.startTime || Infinity;
  let end = workflow.endTime || 0;
  for (const t of tasks) {
    const s = t.scheduledTime || t.startTime || t.endTime;
    if (s > 0) start = Math.min(start, s);
    end = Math.max(end, t.endTime || 0);
    if (!isTerminalRow(t)) end = Math.max(end, now);
  }
  if (!workflow.endTime) end = Math.max(end, now);
  if (!Number.isFinite(start)) start = end;
  return { start, end: Math.max(start, end) };
}
