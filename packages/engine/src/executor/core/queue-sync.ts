/**
 * The queue side of a write: push queue messages for newly SCHEDULED tasks, remove them for tasks
 * that ended, re-arm the workflow on the decider queue, and publish status changes. The changes
 * are planned before the write; a store that can applies them in the write itself (atomically),
 * otherwise they are applied after it and the sweeper repairs a message lost to a crash in between.
 * @module
 */
import { nextDecideDelayMs } from '../../decider/decider-delay.js';
import { isSystemTask, QUEUED_SYSTEM_TYPES } from '../../decider/task-kinds.js';
import type { TaskTable } from '../../decider/task-table.js';
import { isTerminalTaskStatus } from '../../model/status.js';
import type { Task } from '../../model/task.js';
import type { Workflow } from '../../model/workflow.js';
import type { ExecutionEvent } from '../../ports/event-bus.js';
import type { QueueChange } from '../../ports/execution-store.js';
import { DECIDER_QUEUE, type QueueMessage, type TaskQueue } from '../../ports/task-queue.js';
import type { Engine } from './engine.js';
import { tableOf, type Session } from './session-state.js';

/** The queue a task waits in, or null for tasks that are never queued. */
export function queueNameOf(task: Task): string | null {
  if (isSystemTask(task)) return QUEUED_SYSTEM_TYPES.has(task.taskType) ? task.taskType : null;
  return task.domain ? `${task.domain}:${task.taskType}` : task.taskType;
}

/**
 * The queue changes of one create or save, planned before the write so that a store which can
 * apply them in the same atomic write gets them with it; `settle` records, once the write has
 * succeeded at `revision`, the decider message this process now trusts (see {@link armDecider}).
 */
export interface QueuePlan {
  changes: QueueChange[];
  settle(revision: number): void;
}

/**
 * Plans the queue changes of a write: a push for each task that became queued (or whose
 * visibility changed), a remove for each that ended or was deleted while it may have a message,
 * and the workflow's decider message (`savedOver`: the revision the write replaces, null for a
 * create).
 */
export function planQueueSync(
  engine: Engine,
  session: Session,
  upserts: Task[],
  savedOver: number | null,
): QueuePlan {
  const now = engine.deps.clock.now();
  const changes: QueueChange[] = [];
  for (const task of upserts) {
    const queue = queueNameOf(task);
    if (!queue) continue;
    const before = session.beforeTasks.get(task.taskId);
    if (isTerminalTaskStatus(task.status)) {
      if (hadMessage(before)) changes.push({ kind: 'remove', queue, id: task.taskId });
      continue;
    }
    const delayMs = queueDelayMs(task, now);
    const requeue =
      !before ||
      before.status !== task.status ||
      before.callbackAfterSeconds !== task.callbackAfterSeconds;
    if (requeue && delayMs !== null) {
      const message = { id: task.taskId, priority: task.workflowPriority, delayMs };
      changes.push({ kind: 'push', queue, message });
    }
  }
  for (const task of session.deleted.values()) {
    const queue = queueNameOf(task);
    if (queue) changes.push({ kind: 'remove', queue, id: task.taskId });
  }
  const decider = planDeciderArm(
    engine,
    session.workflow,
    { from: savedOver },
    {},
    tableOf(session),
  );
  if (decider.change) changes.push(decider.change);
  return { changes, settle: decider.settle };
}

/** Whether the store applies queue changes inside its own writes (see ExecutionStore). */
export function storeAppliesQueueChanges(engine: Engine): boolean {
  return engine.deps.executions.appliesQueueChanges?.(engine.deps.queue) === true;
}

/**
 * Applies queue changes through the queue, all at once (they touch different messages), so a
 * networked queue sends them in one round trip; resolves when all are done. The pushes to one
 * queue go as one call, so a wide fork costs one write per queue instead of one per task.
 */
export async function applyQueueChanges(
  queue: TaskQueue,
  changes: readonly QueueChange[],
): Promise<void> {
  const pushes = new Map<string, QueueMessage[]>();
  const removes: Array<Promise<void>> = [];
  for (const change of changes) {
    if (change.kind === 'push') {
      const messages = pushes.get(change.queue);
      if (messages) messages.push(change.message);
      else pushes.set(change.queue, [change.message]);
    } else {
      removes.push(queue.remove(change.queue, change.id));
    }
  }
  await Promise.all([
    ...removes,
    ...[...pushes].map(([name, messages]) => queue.push(name, messages)),
  ]);
}

/**
 * Whether a task that just ended may still have a queue message. A worker task that a poll made
 * IN_PROGRESS has none: the poll acknowledged it, and a message left over by a crash in between is
 * dropped as stale when it is delivered. Ended tasks have none either.
 */
function hadMessage(before: Task | undefined): boolean {
  if (!before) return true;
  if (isTerminalTaskStatus(before.status)) return false;
  return !(before.status === 'IN_PROGRESS' && !isSystemTask(before));
}

/** When a queued task becomes visible, or null when it should not be in its queue now. */
export function queueDelayMs(task: Task, now: number): number | null {
  if (task.taskType === 'WAIT' && isSystemTask(task)) {
    return task.status === 'IN_PROGRESS' && task.waitTimeout
      ? Math.max(0, task.waitTimeout - now)
      : null;
  }
  if (task.status !== 'SCHEDULED') return null;
  return Math.max(0, task.callbackAfterSeconds * 1000);
}

/** Overrides of when the decider message is due (the sweeper's back-off, see sweep.ts). */
export interface DeciderTiming {
  /** The re-check delay when no deadline comes sooner (default: the engine's offset). */
  offsetMs?: number;
  /** The least delay, whatever is due. */
  floorMs?: number;
}

/**
 * A message this process pushed is trusted as still in place only while it is at least this far
 * from due, so no sweeper (even one whose clock runs a little ahead) can have taken it.
 */
export const ARMED_MARGIN_MS = 2_000;
const MAX_ARMED_DECIDERS = 50_000;

/**
 * Puts a RUNNING workflow on the decider queue at its next deadline; removes any other.
 *
 * After a save (`saved`), the push is skipped when this process pushed the workflow's message at
 * the revision the save replaced, that message is due no later than the new deadline, and it is
 * not about to be due: nobody else saved in between, so the message is where this process put it,
 * and waking the sweeper early only costs a decide that finds nothing to do. A workflow busy with
 * short tasks is then armed once, not on every save. A start arms with its create (`from` null:
 * nothing to trust yet, the record names the revision it creates). Any other call pushes and
 * forgets the record.
 */
export async function armDecider(
  engine: Engine,
  workflow: Workflow,
  saved?: { from: number | null; to: number },
  timing: DeciderTiming = {},
): Promise<void> {
  const plan = planDeciderArm(engine, workflow, saved && { from: saved.from }, timing);
  if (plan.change) await applyQueueChanges(engine.deps.queue, [plan.change]);
  plan.settle(saved?.to ?? null);
}

/**
 * Plans {@link armDecider}'s change without making it: the decider-queue push or remove (null
 * when the message in place can be trusted), and `settle`, which records what this process armed
 * once the change (and the write it rides with) succeeded at revision `to` (null: not a write).
 * `timing`: the sweeper's back-off for a workflow whose decides change nothing (see sweep.ts).
 */
export function planDeciderArm(
  engine: Engine,
  workflow: Workflow,
  saved?: { from: number | null },
  timing: DeciderTiming = {},
  table?: TaskTable,
): { change: QueueChange | null; settle(to: number | null): void } {
  const now = engine.deps.clock.now();
  const { workflowId } = workflow;
  const records = engine.armedDeciders;
  const next = nextDecideDelayMs(workflow, now, timing.offsetMs ?? engine.offsetMs, table);
  const delayMs = next === null ? null : Math.max(next, timing.floorMs ?? 0);
  if (delayMs === null) {
    return {
      change: { kind: 'remove', queue: DECIDER_QUEUE, id: workflowId },
      settle: () => records.delete(workflowId),
    };
  }
  const dueAt = now + delayMs;
  const armed = records.get(workflowId);
  if (
    saved &&
    armed?.revision === saved.from &&
    armed.dueAt <= dueAt &&
    armed.dueAt - now >= ARMED_MARGIN_MS
  ) {
    return {
      change: null,
      settle: (to) => {
        if (to === null) records.delete(workflowId);
        else records.set(workflowId, { revision: to, dueAt: armed.dueAt });
      },
    };
  }
  const message = { id: workflowId, priority: workflow.priority ?? 0, delayMs };
  return {
    change: { kind: 'push', queue: DECIDER_QUEUE, message },
    settle: (to) => {
      records.delete(workflowId);
      if (!saved || to === null) return;
      if (records.size >= MAX_ARMED_DECIDERS) records.clear();
      records.set(workflowId, { revision: to, dueAt });
    },
  };
}

export async function publishEvents(
  engine: Engine,
  session: Session,
  upserts: Task[],
  opening: ExecutionEvent[] = [],
): Promise<void> {
  const bus = engine.deps.events;
  if (!bus) return;
  const time = engine.deps.clock.now();
  const workflow = session.workflow;
  const events: ExecutionEvent[] = [...opening];
  for (const task of upserts) {
    if (session.beforeTasks.get(task.taskId)?.status === task.status) continue;
    events.push(taskEvent(workflow, task, time));
  }
  if (session.before.status !== workflow.status) {
    events.push({
      type: 'workflow',
      workflowId: workflow.workflowId,
      workflowName: workflow.workflowName,
      workflowVersion: workflow.workflowVersion,
      status: workflow.status,
      time,
      parentWorkflowId: workflow.parentWorkflowId ?? null,
      reasonForIncompletion: workflow.reasonForIncompletion ?? null,
      startTime: workflow.startTime,
    });
  }
  if (events.length > 0) await bus.publish(events);
}

export function taskEvent(workflow: Workflow, task: Task, time: number): ExecutionEvent {
  return {
    type: 'task',
    workflowId: workflow.workflowId,
    workflowName: workflow.workflowName,
    taskId: task.taskId,
    taskType: task.taskType,
    referenceTaskName: task.referenceTaskName,
    status: task.status,
    retryCount: task.retryCount,
    time,
    workerId: task.workerId ?? null,
    scheduledTime: task.scheduledTime,
    startTime: task.startTime,
    endTime: task.endTime,
  };
}
