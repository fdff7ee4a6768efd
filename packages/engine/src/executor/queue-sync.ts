/**
 * After a save: push queue messages for newly SCHEDULED tasks, remove them for tasks that ended,
 * re-arm the workflow on the decider queue, and publish status changes. Pushes happen after the
 * save; the sweeper repairs a message lost to a crash in between.
 * @module
 */
import { nextDecideDelayMs } from '../decider/decider-delay.js';
import { isSystemTask, QUEUED_SYSTEM_TYPES } from '../decider/task-kinds.js';
import { isTerminalTaskStatus } from '../model/status.js';
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';
import type { ExecutionEvent } from '../ports/event-bus.js';
import { DECIDER_QUEUE } from '../ports/task-queue.js';
import type { Engine } from './engine.js';
import type { Session } from './session.js';

/** The queue a task waits in, or null for tasks that are never queued. */
export function queueNameOf(task: Task): string | null {
  if (isSystemTask(task)) return QUEUED_SYSTEM_TYPES.has(task.taskType) ? task.taskType : null;
  return task.domain ? `${task.domain}:${task.taskType}` : task.taskType;
}

/**
 * Issues every queue change of a save at once (they touch different messages), so a networked
 * queue sends them in one round trip; resolves when all are done.
 */
export async function syncQueues(
  engine: Engine,
  session: Session,
  upserts: Task[],
  savedOver: number,
): Promise<void> {
  const queue = engine.deps.queue;
  const now = engine.deps.clock.now();
  const changes: Array<Promise<void>> = [];
  for (const task of upserts) {
    const name = queueNameOf(task);
    if (!name) continue;
    const before = session.beforeTasks.get(task.taskId);
    if (isTerminalTaskStatus(task.status)) {
      if (hadMessage(before)) changes.push(queue.remove(name, task.taskId));
      continue;
    }
    const delayMs = queueDelayMs(task, now);
    const requeue =
      !before ||
      before.status !== task.status ||
      before.callbackAfterSeconds !== task.callbackAfterSeconds;
    if (requeue && delayMs !== null) {
      changes.push(
        queue.push(name, [{ id: task.taskId, priority: task.workflowPriority, delayMs }]),
      );
    }
  }
  for (const task of session.deleted.values()) {
    const name = queueNameOf(task);
    if (name) changes.push(queue.remove(name, task.taskId));
  }
  changes.push(armDecider(engine, session.workflow, { from: savedOver, to: session.revision }));
  await Promise.all(changes);
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
 * short tasks is then armed once, not on every save. A start arms before it creates the execution
 * (`from` null: nothing to trust yet, the record names the revision it is about to create). Any
 * other call pushes and forgets the record.
 */
export async function armDecider(
  engine: Engine,
  workflow: Workflow,
  saved?: { from: number | null; to: number },
): Promise<void> {
  const now = engine.deps.clock.now();
  const { workflowId } = workflow;
  const delayMs = nextDecideDelayMs(workflow, now, engine.offsetMs);
  const armed = engine.armedDeciders.get(workflowId);
  engine.armedDeciders.delete(workflowId);
  if (delayMs === null) {
    await engine.deps.queue.remove(DECIDER_QUEUE, workflowId);
    return;
  }
  const dueAt = now + delayMs;
  if (
    saved &&
    armed?.revision === saved.from &&
    armed.dueAt <= dueAt &&
    armed.dueAt - now >= ARMED_MARGIN_MS
  ) {
    engine.armedDeciders.set(workflowId, { revision: saved.to, dueAt: armed.dueAt });
    return;
  }
  await engine.deps.queue.push(DECIDER_QUEUE, [
    { id: workflowId, priority: workflow.priority ?? 0, delayMs },
  ]);
  if (!saved) return;
  if (engine.armedDeciders.size >= MAX_ARMED_DECIDERS) engine.armedDeciders.clear();
  engine.armedDeciders.set(workflowId, { revision: saved.to, dueAt });
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
  };
}
