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

/** Pops up to `count` due workflows and decides them concurrently; returns how many were decided. */
export async function sweep(engine: Engine, count: number): Promise<number> {
  const ids = await engine.deps.queue.pop(DECIDER_QUEUE, count, engine.leaseMs);
  const decided = await Promise.all(ids.map((workflowId) => sweepOne(engine, workflowId)));
  return decided.filter(Boolean).length;
}

async function sweepOne(engine: Engine, workflowId: string): Promise<boolean> {
  try {
    const workflow = await withExecution(engine, workflowId, async (session) => {
      if (session.workflow.status === 'RUNNING') {
        await repairQueues(engine, session);
        await syncChildren(engine, session);
        await runDecider(engine, session);
      }
      return session;
    });
    await armDecider(engine, workflow.workflow);
    return true;
  } catch (e) {
    if (isBatonError(e) && e.code === 'WORKFLOW_NOT_FOUND') {
      await engine.deps.queue.remove(DECIDER_QUEUE, workflowId);
      return false;
    }
    throw e;
  }
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
