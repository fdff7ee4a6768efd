/**
 * Handing worker tasks to workers (semantics doc §5.9 "Poll").
 * @module
 */
import { isSystemTaskType } from '../decider/task-kinds.js';
import { isBatonError } from '../errors.js';
import type { Task } from '../model/task.js';
import type { Engine } from './engine.js';
import type { PollOptions } from './executor-api.js';
import { findTask, putTask, withExecution } from './session.js';
import { isThrottled, THROTTLE_POSTPONE_MS } from './throttle.js';

/**
 * Pops up to `count` due messages of `[domain:]taskType`; each task still SCHEDULED becomes
 * IN_PROGRESS (startTime on first poll, pollCount + 1, workerId). Stale messages are dropped.
 */
export async function pollTasks(
  engine: Engine,
  taskType: string,
  options: PollOptions,
): Promise<Task[]> {
  if (isSystemTaskType(taskType) || options.count <= 0) return [];
  const { deps } = engine;
  const queueName = options.domain ? `${options.domain}:${taskType}` : taskType;
  const ids = await deps.queue.pop(queueName, options.count, engine.leaseMs);
  const stored = await Promise.all(ids.map((id) => deps.executions.getTask(id)));
  const claimedTasks = new Map<string, Task | null>();
  // Acknowledged together at the end; until then the lease keeps them from other pollers.
  const claimed: string[] = [];
  // Limited task types are checked and claimed one by one, so each check counts the claims before
  // it; the rest are claimed together, one read-modify-write per workflow, all workflows at once.
  const byWorkflow = new Map<string, string[]>();
  for (const [i, id] of ids.entries()) {
    const queued = stored[i] ?? null;
    if (queued === null) {
      claimed.push(id);
      continue;
    }
    if (!hasPollLimits(queued)) {
      const group = byWorkflow.get(queued.workflowInstanceId);
      if (group) group.push(id);
      else byWorkflow.set(queued.workflowInstanceId, [id]);
      continue;
    }
    if (queued.status === 'SCHEDULED' && (await isThrottled(engine, queued))) {
      const message = { id, priority: queued.workflowPriority, delayMs: THROTTLE_POSTPONE_MS };
      await deps.queue.push(queueName, [message]);
      continue;
    }
    const [task] = await claim(engine, queued.workflowInstanceId, [id], options.workerId);
    claimed.push(id);
    claimedTasks.set(id, task ?? null);
  }
  await Promise.all(
    [...byWorkflow].map(async ([workflowId, group]) => {
      const tasks = await claim(engine, workflowId, group, options.workerId);
      group.forEach((id, i) => {
        claimed.push(id);
        claimedTasks.set(id, tasks[i] ?? null);
      });
    }),
  );
  await Promise.all([
    ...claimed.map((id) => deps.queue.remove(queueName, id)),
    deps.executions.recordPoll({
      queueName: taskType,
      domain: options.domain ?? null,
      workerId: options.workerId ?? '',
      lastPollTime: deps.clock.now(),
    }),
  ]);
  // In the order the queue handed them out (priority, then due time).
  return ids.flatMap((id) => {
    const task = claimedTasks.get(id);
    return task ? [task] : [];
  });
}

function hasPollLimits(task: Task): boolean {
  const def = task.taskDefinition;
  return (def?.concurrentExecLimit ?? 0) > 0 || (def?.rateLimitPerFrequency ?? 0) > 0;
}

/**
 * Claims the tasks `taskIds` of one workflow in one read-modify-write: each one still SCHEDULED
 * becomes IN_PROGRESS. Returns the claimed task, or null, per id.
 */
async function claim(
  engine: Engine,
  workflowId: string,
  taskIds: string[],
  workerId: string | undefined,
): Promise<Array<Task | null>> {
  try {
    return await withExecution(engine, workflowId, async (session) => {
      const now = engine.deps.clock.now();
      return taskIds.map((taskId) => {
        const task = findTask(session, taskId);
        if (!task || task.status !== 'SCHEDULED') return null;
        const next: Task = {
          ...task,
          status: 'IN_PROGRESS',
          startTime: task.startTime || now,
          callbackAfterSeconds: 0,
          workerId: workerId ?? task.workerId ?? null,
          pollCount: task.pollCount + 1,
          updateTime: now,
        };
        putTask(session, next);
        return next;
      });
    });
  } catch (e) {
    if (isBatonError(e) && e.code === 'WORKFLOW_NOT_FOUND') return taskIds.map(() => null);
    throw e;
  }
}
