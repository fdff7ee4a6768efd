/**
 * WAIT (docs/conductor-compatibility.md#wait): IN_PROGRESS until `duration` has passed or `until`
 * is reached, or forever (until an external update) when neither is given.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { createTask, endPatch, resolveNodeInput, type MapContext } from '../task-factory.js';

const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
const DURATION_PART =
  /(\d+)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])/gi;

export function mapWait(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const taskId = m.ctx.newId();
  const inputData = resolveNodeInput(m, node, taskId);
  const task = createTask(m, node, suffix, {
    taskId,
    taskType: 'WAIT',
    status: 'IN_PROGRESS',
    inputData,
  });
  const now = m.ctx.now;
  const hasDuration = inputData.duration !== undefined && inputData.duration !== null;
  const hasUntil = inputData.until !== undefined && inputData.until !== null;
  if (hasDuration && hasUntil) {
    return [
      fail(task, now, "Both 'duration' and 'until' specified. Please provide only one input"),
    ];
  }
  let waitUntil: number | null = null;
  if (hasDuration) {
    const seconds = parseDuration(String(inputData.duration));
    if (seconds === null)
      return [fail(task, now, `Unable to parse duration ${inputData.duration}`)];
    waitUntil = now + seconds * 1000;
  } else if (hasUntil) {
    waitUntil = parseUntil(String(inputData.until));
    if (waitUntil === null) return [fail(task, now, `Unable to parse date ${inputData.until}`)];
  }
  if (waitUntil === null) return [task];
  const seconds = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  return [{ ...task, waitTimeout: waitUntil, callbackAfterSeconds: seconds }];
}

function fail(task: Task, now: number, reason: string): Task {
  return {
    ...task,
    ...endPatch(now, 'FAILED_WITH_TERMINAL_ERROR', { reasonForIncompletion: reason }),
  };
}

/** Seconds in `"30s"`, `"5m"`, `"1h 30m"`, `"2 days"`; null when nothing parses. */
export function parseDuration(text: string): number | null {
  let total = 0;
  let matched = false;
  for (const match of text.matchAll(DURATION_PART)) {
    const unit = (match[2] ?? 's').toLowerCase();
    total += Number(match[1]) * (UNIT_SECONDS[unit[0] ?? 's'] ?? 1);
    matched = true;
  }
  return matched ? total : null;
}

/** Epoch ms of `yyyy-MM-dd HH:mm`, `yyyy-MM-dd HH:mm z` or `yyyy-MM-dd` (UTC unless a zone is given). */
export function parseUntil(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:\s+(\d{2}):(\d{2})(?:\s+(\S+))?)?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', zone] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  const offset = zoneOffsetMinutes(zone);
  return offset === null ? null : utc - offset * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone || zone === 'UTC' || zone === 'GMT' || zone === 'Z') return 0;
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** A WAIT whose time has come completes. */
export function evaluateWait(task: Task, now: number): Partial<Task> | null {
  if (task.status !== 'IN_PROGRESS' || !task.waitTimeout || now < task.waitTimeout) return null;
  return endPatch(now, 'COMPLETED');
}
