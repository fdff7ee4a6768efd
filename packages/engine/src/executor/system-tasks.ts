/**
 * Server-side workers for async system tasks (semantics doc §5.10): HTTP, SUB_WORKFLOW,
 * START_WORKFLOW, KAFKA_PUBLISH, and wake-ups for WAIT (and any JOIN message) which just decide.
 * @module
 */
import { isBatonError } from '../errors.js';
import { isTerminalTaskStatus, isTerminalWorkflowStatus } from '../model/status.js';
import type { Task } from '../model/task.js';
import type { StartWorkflowRequest } from '../model/workflow-def.js';
import type { Workflow } from '../model/workflow.js';
import type { Engine } from './engine.js';
import { runHttpTask } from './http-task.js';
import { runDecider } from './run-decider.js';
import { findTask, patchTask, withExecution } from './session.js';
import { startChild } from './sub-workflow.js';
import { exceedsJsonDepth, tooDeepMessage } from '../model/json-depth.js';

type Completion = Pick<Task, 'status' | 'outputData' | 'reasonForIncompletion'>;

/**
 * Pops up to `count` due tasks of `taskType` and runs them concurrently (an HTTP call or a child
 * start must not hold up the others); returns how many ran.
 */
export async function runSystemTasks(
  engine: Engine,
  taskType: string,
  count: number,
): Promise<number> {
  const ids = await engine.deps.queue.pop(taskType, count, engine.leaseMs);
  const ran = await Promise.all(ids.map((id) => runQueued(engine, taskType, id)));
  return ran.filter(Boolean).length;
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
  if (!request || typeof request !== 'object' || (!request.name && !request.workflowDef)) {
    return {
      status: 'FAILED',
      outputData: {},
      reasonForIncompletion: "Missing 'startWorkflow' in input data.",
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
