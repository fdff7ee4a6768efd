/**
 * Task updates in a multi-process server: done by the process that owns the workflow (see
 * peer-routing.ts), whichever process the worker's request reached.
 * @module
 */
import { batonError, isBatonError, isTerminalTaskStatus } from '@baton/engine';
import type { RemoteClaim, Task, TaskResult, WorkflowExecutor } from '@baton/engine';
import type { PeerHandlers, PeerRouting } from './peer-routing.js';

/** What `POST /api/tasks/update-v2` did: the next task for the worker, or none. */
export interface UpdateThenPoll {
  /** The next task (null: none, or the updated task has not ended). */
  next: Task | null;
  /** Whether a poll was made (the updated task ended), and of which queue. */
  polled: { taskType: string; domain: string | undefined } | null;
}

/**
 * Updates a task and, once it has ended, polls the next task of its type and domain for the same
 * worker (Conductor's update-v2).
 */
export async function updateThenPoll(
  executor: WorkflowExecutor,
  result: TaskResult,
): Promise<UpdateThenPoll> {
  const updated = await executor.updateTaskAndRead(result);
  // As Conductor: a task still running (IN_PROGRESS, a lease extension) gets no next task.
  if (updated === null || !isTerminalTaskStatus(updated.status))
    return { next: null, polled: null };
  // No wait when nothing is queued (Conductor waits up to 100 ms): the update is done, and a
  // worker with an empty queue is better back on its own long poll than held here.
  const domain = updated.domain ?? undefined;
  const [next] = await executor.pollTasks(updated.taskType, {
    workerId: result.workerId ?? undefined,
    domain,
    count: 1,
  });
  return { next: next ?? null, polled: { taskType: updated.taskType, domain } };
}

/** An update by reference name, as `POST /api/tasks/{workflowId}/{taskRefName}/{status}` takes it. */
export interface UpdateByRef {
  workflowId: string;
  taskRefName: string;
  status: TaskResult['status'];
  output: Record<string, unknown>;
  workerId: string | undefined;
}

/** The calls another process of the group may make to this one. */
export function peerHandlers(executor: WorkflowExecutor): PeerHandlers {
  const object = (arg: unknown): Record<string, unknown> => {
    if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
      throw batonError('REQUEST_INVALID', 'a peer call needs an object');
    }
    return arg as Record<string, unknown>;
  };
  return {
    update: async (arg) => executor.updateTask(object(arg) as unknown as TaskResult),
    updateThenPoll: async (arg) => updateThenPoll(executor, object(arg) as unknown as TaskResult),
    updateByRef: async (arg) => {
      const a = object(arg) as unknown as UpdateByRef;
      return executor.updateTaskByRef(a.workflowId, a.taskRefName, a.status, a.output, a.workerId);
    },
    claim: async (arg) => executor.claimPopped(object(arg) as unknown as RemoteClaim),
  };
}

/**
 * Runs `op` in the process that owns `workflowId` when that is another one: `{ value }` then.
 * Null: the caller does it here (one process, a workflow of this process's or without a slot, or
 * an owner that cannot be reached). An owner that fails after the call left is answered 503: the
 * update may or may not have been applied, and the worker's retry finds out.
 */
export async function inOwner<T>(
  peers: PeerRouting | undefined,
  workflowId: string,
  op: 'update' | 'updateThenPoll' | 'updateByRef',
  arg: unknown,
): Promise<{ value: T } | null> {
  const owner = peers?.ownerElsewhere(workflowId);
  if (peers === undefined || owner === undefined) return null;
  try {
    return (await peers.call(owner, op, arg)) as { value: T } | null;
  } catch (e) {
    if (isBatonError(e)) throw e;
    throw batonError(
      'STORE_UNAVAILABLE',
      `The server process that runs workflow ${workflowId} did not answer (${(e as Error).message}); retry the request`,
    );
  }
}
