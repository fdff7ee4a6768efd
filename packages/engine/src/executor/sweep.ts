/**
 * The sweeper (docs/conductor-compatibility.md#queues-and-the-sweeper): decides workflows whose
 * time has come on the decider queue, after repairing queue messages a crash may have lost.
 * @module
 */
import { isTerminalTaskStatus, isTerminalWorkflowStatus } from '../model/status.js';
import { isBatonError } from '../errors.js';
import { DECIDER_QUEUE } from '../ports/task-queue.js';
import type { Engine } from './engine.js';
import { armDecider, queueDelayMs, queueNameOf } from './queue-sync.js';
import { runDecider } from './run-decider.js';
import { putTask, withExecution, type Session } from './session.js';
import { childResultPatch } from './sub-workflow.js';

/** First re-arm delay after a sweep that changed nothing while the workflow seemed due. */
export const IDLE_BACKOFF_FIRST_MS = 100;
const MAX_IDLE_TRACKED = 50_000;

/**
 * The least delay before the next sweep of a workflow whose last `consecutive` sweeps changed
 * nothing: 0 after a change, then 100 ms doubling up to `offsetMs`. A deadline the decider never
 * acts on (which nextDecideDelayMs leaves out; this is the guard for one it misses) then costs a
 * few decides instead of a busy loop.
 */
export function idleBackoffMs(consecutive: number, offsetMs: number): number {
  if (consecutive <= 0) return 0;
  return Math.min(offsetMs, IDLE_BACKOFF_FIRST_MS * 2 ** Math.min(consecutive - 1, 20));
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
    const floorMs = idleBackoffMs(
      countIdle(engine, workflowId, workflow.revision === opened),
      engine.offsetMs,
    );
    await armDecider(engine, workflow.workflow, undefined, floorMs);
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
