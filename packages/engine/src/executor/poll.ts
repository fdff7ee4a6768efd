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
  const polled: Task[] = [];
  // Acknowledged together at the end; until then the lease keeps them from other pollers.
  const claimed: string[] = [];
  for (const id of ids) {
    const queued = await deps.executions.getTask(id);
    if (queued?.status === 'SCHEDULED' && (await isThrottled(engine, queued))) {
      const message = { id, priority: queued.workflowPriority, delayMs: THROTTLE_POSTPONE_MS };
      await deps.queue.push(queueName, [message]);
      continue;
    }
    const task = await claim(engine, id, queued, options.workerId);
    claimed.push(id);
    if (task) polled.push(task);
  }
  await Promise.all([
    ...claimed.map((id) => deps.queue.remove(queueName, id)),
    deps.executions.recordPoll({
      queueName: taskType,
      domain: options.domain ?? null,
      workerId: options.workerId ?? '',
      lastPollTime: deps.clock.now(),
    }),
  ]);
  return polled;
}

async function claim(
  engine: Engine,
  taskId: string,
  stored: Task | null,
  workerId: string | undefined,
): Promise<Task | null> {
  if (!stored) return null;
  try {
    return await withExecution(engine, stored.workflowInstanceId, async (session) => {
      const task = findTask(session, taskId);
      if (!task || task.status !== 'SCHEDULED') return null;
      const now = engine.deps.clock.now();
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
  } catch (e) {
    if (isBatonError(e) && e.code === 'WORKFLOW_NOT_FOUND') return null;
    throw e;
  }
}
