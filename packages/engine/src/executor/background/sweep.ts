/**
 * The sweeper (docs/conductor-compatibility.md#queues-and-the-sweeper): decides workflows whose
 * time has come on the decider queue, after repairing queue messages a crash may have lost.
 * @module
 */
import { isTerminalTaskStatus, isTerminalWorkflowStatus } from '../../model/status.js';
import { isBatonError } from '../../errors.js';
import { DECIDER_QUEUE } from '../../ports/task-queue.js';
import type { Engine } from '../core/engine.js';
import { nextDecideDelayMs } from '../../decider/decider-delay.js';
import type { Workflow } from '../../model/workflow.js';
import { armDecider, queueDelayMs, queueNameOf, type DeciderTiming } from '../core/queue-sync.js';
import { runDecider } from '../core/run-decider.js';
import { putTask, withExecution, type Session } from '../core/session.js';
import { childResultPatch } from '../core/sub-workflow.js';

/** First re-arm delay after a sweep that changed nothing although the workflow was overdue. */
export const IDLE_BACKOFF_FIRST_MS = 100;
/** Longest re-check delay of a workflow whose sweeps keep changing nothing (unless longer offset). */
export const IDLE_RECHECK_MAX_MS = 300_000;
const MAX_IDLE_TRACKED = 50_000;

/**
 * The least delay before the next sweep of a workflow that is still overdue after `consecutive`
 * sweeps that changed nothing: 100 ms, doubling up to `offsetMs`. Such a workflow has a passed
 * deadline the decider does not act on (nextDecideDelayMs leaves out those it knows; this is the
 * guard for any it misses), which then costs a few decides instead of a busy loop.
 */
export function idleBackoffMs(consecutive: number, offsetMs: number): number {
  if (consecutive <= 0) return 0;
  return Math.min(offsetMs, IDLE_BACKOFF_FIRST_MS * 2 ** Math.min(consecutive - 1, 20));
}

/**
 * The re-check delay (the delay when no deadline comes sooner) of a workflow after `consecutive`
 * sweeps that changed nothing: the offset, doubling up to 5 minutes. A workflow that waits for a
 * worker or a child is then looked at less and less often; its deadlines still come first, and any
 * change (a task update, a poll) re-arms it at the offset again.
 */
export function idleRecheckMs(consecutive: number, offsetMs: number): number {
  const doubled = offsetMs * 2 ** Math.min(Math.max(consecutive - 1, 0), 20);
  return Math.min(Math.max(offsetMs, IDLE_RECHECK_MAX_MS), doubled);
}

/** When to decide a workflow again after a sweep; `consecutive`: sweeps in a row that changed nothing. */
function sweepTiming(engine: Engine, workflow: Workflow, consecutive: number): DeciderTiming {
  if (consecutive === 0) return {};
  const overdue = nextDecideDelayMs(workflow, engine.deps.clock.now(), engine.offsetMs) === 0;
  return overdue
    ? { floorMs: idleBackoffMs(consecutive, engine.offsetMs) }
    : { offsetMs: idleRecheckMs(consecutive, engine.offsetMs) };
}

/** Pops up to `count` due workflows and decides them concurrently; returns how many were decided. */
export async function sweep(engine: Engine, count: number): Promise<number> {
  const ids = await engine.deps.queue.pop(DECIDER_QUEUE, count, engine.leaseMs);
  const decided = await Promise.all(ids.map((workflowId) => sweepOne(engine, workflowId)));
  return decided.filter(Boolean).length;
}

async function sweepOne(engine: Engine, workflowId: string): Promise<boolean> {
  try {
    let opened = 0;
    const workflow = await withExecution(engine, workflowId, async (session) => {
      opened = session.revision;
      if (session.workflow.status === 'RUNNING') {
        await repairQueues(engine, session);
        await syncChildren(engine, session);
        await runDecider(engine, session);
      }
      return session;
    });
    const consecutive = countIdle(engine, workflowId, workflow.revision === opened);
    await armDecider(
      engine,
      workflow.workflow,
      undefined,
      sweepTiming(engine, workflow.workflow, consecutive),
    );
    return true;
  } catch (e) {
    if (isBatonError(e) && e.code === 'WORKFLOW_NOT_FOUND') {
      await engine.deps.queue.remove(DECIDER_QUEUE, workflowId);
      return false;
    }
    throw e;
  }
}

/** Counts consecutive sweeps of a workflow that changed nothing (in this process). */
function countIdle(engine: Engine, workflowId: string, unchanged: boolean): number {
  const idle = engine.idleSweeps;
  if (!unchanged) {
    idle.delete(workflowId);
    return 0;
  }
  const consecutive = (idle.get(workflowId) ?? 0) + 1;
  if (!idle.has(workflowId) && idle.size >= MAX_IDLE_TRACKED) idle.clear();
  idle.set(workflowId, consecutive);
  return consecutive;
}

/** Pushes a message for every queued task that should be in its queue but is not. */
async function repairQueues(engine: Engine, session: Session): Promise<void> {
  const { queue, clock } = engine.deps;
  const now = clock.now();
  for (const task of session.workflow.tasks) {
    if (task.retried || isTerminalTaskStatus(task.status)) continue;
    const name = queueNameOf(task);
    const delayMs = queueDelayMs(task, now);
    if (!name || delayMs === null) continue;
    if (await queue.contains(name, task.taskId)) continue;
    const due =
      task.taskType === 'WAIT' ? delayMs : Math.max(0, task.scheduledTime + delayMs - now);
    await queue.push(name, [{ id: task.taskId, priority: task.workflowPriority, delayMs: due }]);
  }
}

/**
 * Picks up children that ended without their parent hearing about it (a crash between the child's
 * save and the parent's update).
 */
async function syncChildren(engine: Engine, session: Session): Promise<void> {
  const now = engine.deps.clock.now();
  for (const task of session.workflow.tasks) {
    if (task.taskType !== 'SUB_WORKFLOW' || task.status !== 'IN_PROGRESS' || !task.subWorkflowId) {
      continue;
    }
    const child = await engine.deps.executions.getExecution(task.subWorkflowId);
    if (!child || !isTerminalWorkflowStatus(child.workflow.status)) continue;
    putTask(session, { ...task, ...childResultPatch(child.workflow, task.startTime, now) });
  }
}
