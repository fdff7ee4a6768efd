/**
 * Handing worker tasks to workers (docs/conductor-compatibility.md#worker-protocol).
 * @module
 */
import { isSystemTaskType } from '../../decider/task-kinds.js';
import { isBatonError } from '../../errors.js';
import type { Task } from '../../model/task.js';
import type { TaskDef } from '../../model/task-def.js';
import type { Engine } from '../core/engine.js';
import { isInternalQueue } from '../../ports/task-queue.js';
import type { PollOptions } from '../executor-api.js';
import { storeAppliesQueueChanges } from '../core/queue-sync.js';
import { findTask, putTask, withExecution } from '../core/session.js';
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
  // The decider queue holds workflow ids: a worker popping it would hide workflows from the sweeper.
  if (isInternalQueue(queueName)) return [];
  const ids = await deps.queue.pop(queueName, options.count, engine.leaseMs);
  const claimedTasks = new Map<string, Task | null>();
  // Acknowledged together at the end; until then the lease keeps them from other pollers. Where
  // the store applies queue changes in its saves, a claimed task's acknowledgement rides in the
  // claim's save instead, and only the stale messages are acknowledged here.
  const claimed: string[] = [];
  const ackQueue = storeAppliesQueueChanges(engine) ? queueName : null;
  const limited: string[] = [];
  if (ids.length > 0) {
    // Tasks of a limited type are checked and claimed one by one, so each check counts the claims
    // before it; the rest are claimed together, one read-modify-write per workflow.
    const typeDef = await deps.definitions.getTaskDef(taskType);
    if (hasPollLimits(typeDef)) limited.push(...ids);
    else
      await claimGrouped(engine, taskType, ids, options, ackQueue, claimedTasks, claimed, limited);
  }
  for (const id of limited) {
    const queued = await deps.executions.getTask(id);
    if (queued?.status === 'SCHEDULED' && (await isThrottled(engine, queued))) {
      const message = { id, priority: queued.workflowPriority, delayMs: THROTTLE_POSTPONE_MS };
      await deps.queue.push(queueName, [message]);
      continue;
    }
    const [task] = queued
      ? await claim(
          engine,
          queued.workflowInstanceId,
          [id],
          options.workerId,
          true,
          taskType,
          ackQueue,
        )
      : [null];
    claimed.push(id);
    claimedTasks.set(id, task === 'limited' ? null : (task ?? null));
  }
  await Promise.all([
    deps.queue.removeMany(
      queueName,
      ackQueue === null ? claimed : claimed.filter((id) => !claimedTasks.get(id)),
    ),
    recordPollOfKnownType(engine, taskType, options, ids.length > 0),
  ]);
  // In the order the queue handed them out (priority, then due time).
  return ids.flatMap((id) => {
    const task = claimedTasks.get(id);
    return task ? [task] : [];
  });
}

/**
 * Claims `ids` grouped by workflow, all workflows at once. The workflow of each task comes from
 * the store's location hint or a read (of the location alone where the store can); tasks whose own TaskDef turns out to be limited are left in
 * `limited` for the one-by-one path.
 */
async function claimGrouped(
  engine: Engine,
  taskType: string,
  ids: string[],
  { workerId }: PollOptions,
  ackQueue: string | null,
  claimedTasks: Map<string, Task | null>,
  claimed: string[],
  limited: string[],
): Promise<void> {
  const { executions } = engine.deps;
  const locations = await Promise.all(
    ids.map(async (id) => {
      const hint = executions.peekTaskLocation?.(id);
      if (hint) return hint;
      if (executions.locateTask) return executions.locateTask(id);
      return (await executions.getTask(id))?.workflowInstanceId ?? null;
    }),
  );
  const byWorkflow = new Map<string, string[]>();
  ids.forEach((id, i) => {
    const workflowId = locations[i];
    if (!workflowId) {
      // No such task any more: drop its message.
      claimed.push(id);
      return;
    }
    const group = byWorkflow.get(workflowId);
    if (group) group.push(id);
    else byWorkflow.set(workflowId, [id]);
  });
  await Promise.all(
    [...byWorkflow].map(async ([workflowId, group]) => {
      const tasks = await claim(engine, workflowId, group, workerId, false, taskType, ackQueue);
      group.forEach((id, i) => {
        const task = tasks[i] ?? null;
        if (task === 'limited') {
          limited.push(id);
          return;
        }
        claimed.push(id);
        claimedTasks.set(id, task);
      });
    }),
  );
}

/** Poll data is "who polled when", shown to operators: once a second per worker is enough. */
export const POLL_RECORD_INTERVAL_MS = 1000;
const MAX_RECORDED_POLLERS = 10_000;

/**
 * Records the poll only for a type that has a TaskDef or whose queue held messages: pollers of
 * invented types must not grow the poll data without bound.
 */
async function recordPollOfKnownType(
  engine: Engine,
  taskType: string,
  options: PollOptions,
  hadMessages: boolean,
): Promise<void> {
  if (hadMessages || (await engine.deps.definitions.getTaskDef(taskType)) !== null) {
    await recordPoll(engine, taskType, options);
  }
}

/** Writes the poll data of this poll unless this process wrote it for the same poller just now. */
async function recordPoll(engine: Engine, taskType: string, options: PollOptions): Promise<void> {
  const now = engine.deps.clock.now();
  const key = `${taskType}\u0000${options.domain ?? ''}\u0000${options.workerId ?? ''}`;
  const last = engine.recordedPolls.get(key);
  if (last !== undefined && now - last < POLL_RECORD_INTERVAL_MS && now >= last) return;
  if (engine.recordedPolls.size >= MAX_RECORDED_POLLERS) engine.recordedPolls.clear();
  engine.recordedPolls.set(key, now);
  await engine.deps.executions.recordPoll({
    queueName: taskType,
    domain: options.domain ?? null,
    workerId: options.workerId ?? '',
    lastPollTime: now,
  });
}

function hasPollLimits(def: TaskDef | null | undefined): boolean {
  return (def?.concurrentExecLimit ?? 0) > 0 || (def?.rateLimitPerFrequency ?? 0) > 0;
}

/**
 * Claims the tasks `taskIds` of one workflow in one read-modify-write: each one still SCHEDULED
 * becomes IN_PROGRESS. Returns, per id, the claimed task, null (not claimable: stale message), or
 * 'limited' when its TaskDef has poll limits and `checked` is false (the caller checks them first).
 * `ackQueue`: the queue whose messages of the claimed tasks the save removes (null: the caller
 * acknowledges them).
 */
async function claim(
  engine: Engine,
  workflowId: string,
  taskIds: string[],
  workerId: string | undefined,
  checked: boolean,
  taskType: string,
  ackQueue: string | null,
): Promise<Array<Task | null | 'limited'>> {
  try {
    return await withExecution(
      engine,
      workflowId,
      async (session) => {
        const now = engine.deps.clock.now();
        return taskIds.map((taskId) => {
          const task = findTask(session, taskId);
          // A message of another type in this queue is stale: the worker asked for this type.
          if (!task || task.status !== 'SCHEDULED' || task.taskType !== taskType) return null;
          if (!checked && hasPollLimits(task.taskDefinition)) return 'limited';
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
          if (ackQueue !== null)
            session.queueChanges.push({ kind: 'remove', queue: ackQueue, id: taskId });
          return next;
        });
      },
      { optimistic: true, tasksOnly: true },
    );
  } catch (e) {
    if (isBatonError(e) && e.code === 'WORKFLOW_NOT_FOUND') return taskIds.map(() => null);
    throw e;
  }
}
