/**
 * Server-side workers for async system tasks
 * (docs/conductor-compatibility.md#queues-and-the-sweeper): HTTP, SUB_WORKFLOW, START_WORKFLOW,
 * KAFKA_PUBLISH, and wake-ups for WAIT (and any JOIN message) which just decide.
 * @module
 */
import { isBatonError } from '../../errors.js';
import type { AbortSignalLike } from '../../ports/task-queue.js';
import { isTerminalTaskStatus, isTerminalWorkflowStatus } from '../../model/status.js';
import type { Task } from '../../model/task.js';
import type { StartWorkflowRequest } from '../../model/workflow-def.js';
import type { Workflow } from '../../model/workflow.js';
import type { Engine, SystemTasksInFlight as InFlight } from '../core/engine.js';
import { runHttpTask } from './http-task.js';
import { runDecider } from '../core/run-decider.js';
import { findTask, patchTask, withExecution } from '../core/session.js';
import { startChild } from '../core/sub-workflow.js';
import { exceedsJsonDepth, tooDeepMessage } from '../../model/json-depth.js';

type Completion = Pick<Task, 'status' | 'outputData' | 'reasonForIncompletion'>;

/** Longest wait for a batch before looking for more work of its type (also the idle re-check). */
const BATCH_WAIT_MS = 1_000;

/**
 * Pops up to `count` due tasks of `taskType` and runs them concurrently; returns how many it
 * started (stale or postponed messages not counted once the batch has finished).
 *
 * Tasks of a batch never wait for each other, and a slow one (an HTTP endpoint that never answers)
 * holds up nothing but itself: the call waits for its batch only until more work of the type may
 * be due (a push, a due message, or {@link BATCH_WAIT_MS}), then returns and leaves the rest
 * running, so the caller's next call pops the new work. At most `systemTaskConcurrency` tasks of a
 * type run at once in this process; at the cap, a call first waits for one to finish. A task that
 * fails after its call returned is reported by the next call for its type.
 */
export async function runSystemTasks(
  engine: Engine,
  taskType: string,
  count: number,
): Promise<number> {
  const running = inFlight(engine, taskType);
  if (running.failure !== undefined) {
    const { error } = running.failure;
    running.failure = undefined;
    throw error;
  }
  while (running.tasks.size >= engine.systemTaskConcurrency) await Promise.race(running.tasks);
  const room = Math.min(count, engine.systemTaskConcurrency - running.tasks.size);
  const ids = await engine.deps.queue.pop(taskType, room, engine.leaseMs);
  if (ids.length === 0) return 0;
  const batch = ids.map((id) => track(running, runQueued(engine, taskType, id)));
  const all = Promise.all(batch);
  const stop = new StopSignal();
  const more = engine.deps.queue.waitForMessages(taskType, BATCH_WAIT_MS, stop).then(
    () => null,
    () => null,
  );
  const ran = await Promise.race([all, more]);
  stop.abort();
  if (ran === null) return ids.length;
  // Tasks of the batch may have failed while this call waited.
  const failed = running.failure as InFlight['failure'];
  running.failure = undefined;
  if (failed !== undefined) throw failed.error;
  return ran.filter(Boolean).length;
}

function inFlight(engine: Engine, taskType: string): InFlight {
  let running = engine.systemTasksInFlight.get(taskType);
  if (!running) {
    running = { tasks: new Set(), failure: undefined };
    engine.systemTasksInFlight.set(taskType, running);
  }
  return running;
}

/** Adds `work` to `running` until it settles; a failure is kept for the caller, never unhandled. */
function track(running: InFlight, work: Promise<boolean>): Promise<boolean> {
  const tracked: Promise<boolean> = work.then(
    (ran) => {
      running.tasks.delete(tracked);
      return ran;
    },
    (error: unknown) => {
      running.tasks.delete(tracked);
      running.failure ??= { error };
      return false;
    },
  );
  running.tasks.add(tracked);
  return tracked;
}

/** A minimal abort signal (the engine has no DOM or Node types) to end a queue wait early. */
class StopSignal implements AbortSignalLike {
  aborted = false;
  private readonly listeners = new Set<() => void>();
  addEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.delete(listener);
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const listener of [...this.listeners]) listener();
  }
}

/** Runs one popped message; false when it was stale or postponed. */
async function runQueued(engine: Engine, taskType: string, id: string): Promise<boolean> {
  const { queue, executions } = engine.deps;
  const stored = await executions.getTask(id);
  const execution = stored ? await executions.getExecution(stored.workflowInstanceId) : null;
  const task = execution?.workflow.tasks.find((t) => t.taskId === id);
  if (!execution || !task || isTerminalTaskStatus(task.status)) {
    await queue.remove(taskType, id);
    return false;
  }
  if (execution.workflow.status === 'PAUSED') {
    // Paused workflows keep their system tasks; look again later.
    await queue.push(taskType, [{ id, priority: task.workflowPriority, delayMs: engine.offsetMs }]);
    return false;
  }
  await queue.remove(taskType, id);
  await runOne(engine, execution.workflow, task);
  return true;
}

async function runOne(engine: Engine, workflow: Workflow, task: Task): Promise<void> {
  if (isTerminalWorkflowStatus(workflow.status)) {
    await decideNow(engine, workflow.workflowId);
    return;
  }
  switch (task.taskType) {
    case 'SUB_WORKFLOW':
      if (task.status === 'SCHEDULED') await startChild(engine, workflow, task);
      return;
    case 'HTTP':
      if (task.status === 'SCHEDULED')
        await complete(engine, task, await runHttpTask(engine.deps.http, task));
      return;
    case 'START_WORKFLOW':
      if (task.status === 'SCHEDULED')
        await complete(engine, task, await startOther(engine, workflow, task));
      return;
    case 'KAFKA_PUBLISH':
      await complete(engine, task, {
        status: 'FAILED',
        outputData: {},
        reasonForIncompletion: 'KAFKA_PUBLISH is not supported by this server',
      });
      return;
    default:
      await decideNow(engine, workflow.workflowId);
  }
}

async function startOther(engine: Engine, workflow: Workflow, task: Task): Promise<Completion> {
  const request = task.inputData.startWorkflow as StartWorkflowRequest | undefined;
  if (request === null || request === undefined) {
    return {
      status: 'FAILED',
      outputData: {},
      reasonForIncompletion: "Missing 'startWorkflow' in input data.",
    };
  }
  // Conductor validates the request at run time; a missing name is its one required field.
  if (typeof request !== 'object' || Array.isArray(request) || typeof request.name !== 'string') {
    return {
      status: 'FAILED',
      outputData: {},
      reasonForIncompletion:
        "startWorkflow validation failed. 'name' -> Workflow name cannot be null or empty. ",
    };
  }
  try {
    const workflowId = await engine.ops.startWorkflow({
      ...request,
      correlationId: request.correlationId ?? workflow.correlationId ?? null,
      taskToDomain: request.taskToDomain ?? workflow.taskToDomain ?? null,
    });
    return { status: 'COMPLETED', outputData: { workflowId }, reasonForIncompletion: null };
  } catch (e) {
    if (isBatonError(e) && e.kind === 'unavailable') throw e;
    return {
      status: 'FAILED',
      outputData: {},
      reasonForIncompletion: e instanceof Error ? e.message : String(e),
    };
  }
}

async function complete(engine: Engine, task: Task, completion: Completion): Promise<void> {
  // An HTTP response body the stores could not serialise fails the task instead of every save.
  const result: Completion = exceedsJsonDepth(completion.outputData)
    ? { status: 'FAILED', outputData: {}, reasonForIncompletion: tooDeepMessage('outputData') }
    : completion;
  await withExecution(engine, task.workflowInstanceId, async (session) => {
    const current = findTask(session, task.taskId);
    if (!current || current.status !== task.status) return;
    const now = engine.deps.clock.now();
    const terminal = isTerminalTaskStatus(result.status);
    patchTask(session, task.taskId, {
      ...result,
      startTime: current.startTime || now,
      endTime: terminal ? now : 0,
      updateTime: now,
    });
    await runDecider(engine, session);
  });
}

/** Runs the decider on a workflow now. */
export async function decideNow(engine: Engine, workflowId: string): Promise<void> {
  await withExecution(engine, workflowId, (session) => runDecider(engine, session));
}
