/**
 * Operator actions with their exact effects (docs/conductor-compatibility.md#operator-actions):
 * pause, resume, terminate, skip, remove and resetCallbacks. Retry, restart and rerun live in
 * `recovery.ts`.
 * @module
 */
import { decideEnd } from '../../decider/decide.js';
import { indexDefinition } from '../../decider/def-index.js';
import { isSystemTask } from '../../decider/task-kinds.js';
import { batonError } from '../../errors.js';
import { isTerminalWorkflowStatus } from '../../model/status.js';
import type { Task } from '../../model/task.js';
import type { SkipTaskRequest } from '../../model/workflow-def.js';
import { DECIDER_QUEUE } from '../../ports/task-queue.js';
import type { Engine } from '../core/engine.js';
import { finishWorkflow } from '../core/finish.js';
import { queueNameOf } from '../core/queue-sync.js';
import { runDecider } from '../core/run-decider.js';
import { patchWorkflow, putTask, withExecution } from '../core/session.js';

export async function pause(engine: Engine, workflowId: string): Promise<void> {
  await withExecution(engine, workflowId, async (session) => {
    const status = session.workflow.status;
    if (status === 'PAUSED') return;
    if (status !== 'RUNNING') {
      throw batonError(
        'WORKFLOW_NOT_RUNNING',
        `Workflow ${workflowId} has ended, status cannot be updated.`,
        { details: { workflowId, status } },
      );
    }
    patchWorkflow(session, { status: 'PAUSED' });
  });
}

export async function resume(engine: Engine, workflowId: string): Promise<void> {
  await withExecution(engine, workflowId, async (session) => {
    if (session.workflow.status !== 'PAUSED') {
      throw batonError(
        'WORKFLOW_NOT_PAUSED',
        `The workflow ${workflowId} is not PAUSED so cannot resume`,
        { details: { workflowId, status: session.workflow.status } },
      );
    }
    patchWorkflow(session, { status: 'RUNNING', lastRetriedTime: engine.deps.clock.now() });
    await runDecider(engine, session);
  });
}

/** Terminates without a failure workflow; COMPLETED is a conflict, TERMINATED a no-op. */
export async function terminate(
  engine: Engine,
  workflowId: string,
  reason?: string,
): Promise<void> {
  await withExecution(engine, workflowId, async (session) => {
    const status = session.workflow.status;
    if (status === 'TERMINATED') return;
    if (status === 'COMPLETED') {
      throw batonError('WORKFLOW_ALREADY_COMPLETED', 'Cannot terminate a COMPLETED workflow.', {
        details: { workflowId },
      });
    }
    const outcome = decideEnd(session.workflow, engine.decideContext(), 'TERMINATED', reason);
    const output = isTerminalWorkflowStatus(status) ? session.workflow.output : outcome.output;
    const ended = { ...outcome, output, startFailureWorkflow: false };
    for (const task of ended.upserts) putTask(session, task);
    await finishWorkflow(engine, session, ended);
  });
}

/**
 * Inserts a SKIPPED row for a ref that has not been scheduled yet, then decides.
 * @throws WORKFLOW_NOT_RUNNING, TASK_NOT_FOUND (ref not in the definition), TASK_NOT_SKIPPABLE
 */
export async function skipTask(
  engine: Engine,
  workflowId: string,
  ref: string,
  request: SkipTaskRequest = {},
): Promise<void> {
  await withExecution(engine, workflowId, async (session) => {
    const workflow = session.workflow;
    if (workflow.status !== 'RUNNING') {
      throw batonError(
        'WORKFLOW_NOT_RUNNING',
        `The workflow ${workflowId} is not running so the task referenced by ${ref} cannot be skipped`,
        { details: { workflowId, status: workflow.status } },
      );
    }
    const node = indexDefinition(workflow.workflowDefinition).get(ref)?.node;
    if (!node) {
      throw batonError(
        'TASK_NOT_FOUND',
        `No such task reference ${ref} in workflow ${workflowId}`,
        {
          details: { workflowId, taskReferenceName: ref },
        },
      );
    }
    if (workflow.tasks.some((t) => t.referenceTaskName === ref)) {
      throw batonError(
        'TASK_NOT_SKIPPABLE',
        `The task referenced by ${ref} has already been scheduled and cannot be skipped`,
        { details: { workflowId, taskReferenceName: ref } },
      );
    }
    const now = engine.deps.clock.now();
    const skipped: Task = {
      taskId: engine.deps.ids.newId(),
      taskType: node.name,
      taskDefName: node.name,
      referenceTaskName: ref,
      status: 'SKIPPED',
      inputData: request.taskInput ?? {},
      outputData: request.taskOutput ?? {},
      seq: 0,
      retryCount: 0,
      retried: false,
      executed: false,
      pollCount: 0,
      correlationId: workflow.correlationId ?? null,
      workflowInstanceId: workflowId,
      workflowType: workflow.workflowName,
      workflowPriority: workflow.priority ?? 0,
      scheduledTime: now,
      startTime: now,
      endTime: now,
      updateTime: now,
      startDelayInSeconds: 0,
      callbackAfterSeconds: 0,
      responseTimeoutSeconds: 0,
      callbackFromWorker: true,
      iteration: 0,
      workflowTask: node,
    };
    putTask(session, skipped);
    await runDecider(engine, session);
  });
}

/** Deletes the execution and its queue messages; no state checks. */
export async function remove(engine: Engine, workflowId: string): Promise<void> {
  const { executions, queue } = engine.deps;
  const stored = await executions.getExecution(workflowId);
  if (!stored) {
    throw batonError('WORKFLOW_NOT_FOUND', `No such workflow found by id: ${workflowId}`, {
      details: { workflowId },
    });
  }
  await executions.removeExecution(workflowId);
  await queue.remove(DECIDER_QUEUE, workflowId);
  for (const task of stored.workflow.tasks ?? []) {
    const name = queueNameOf(task);
    if (name) await queue.remove(name, task.taskId);
  }
}

/**
 * Merges `variables` into a running workflow's variables (the event handlers'
 * `update_workflow_variables`); with `appendArray`, a list value is appended to an existing list.
 * A finished workflow is a conflict.
 */
export async function updateVariables(
  engine: Engine,
  workflowId: string,
  variables: Record<string, unknown>,
  options: { appendArray?: boolean } = {},
): Promise<void> {
  await withExecution(engine, workflowId, async (session) => {
    const status = session.workflow.status;
    if (isTerminalWorkflowStatus(status)) {
      throw batonError(
        'WORKFLOW_NOT_RUNNING',
        `Workflow ${workflowId} has ended, variables cannot be updated.`,
        { details: { workflowId, status } },
      );
    }
    const merged: Record<string, unknown> = { ...(session.workflow.variables ?? {}) };
    for (const [name, value] of Object.entries(variables)) {
      const existing = merged[name];
      merged[name] =
        options.appendArray && Array.isArray(existing) && Array.isArray(value)
          ? [...existing, ...value]
          : options.appendArray && Array.isArray(existing)
            ? [...existing, value]
            : value;
    }
    patchWorkflow(session, { variables: merged });
  });
}

/** Makes SCHEDULED worker tasks waiting on a callback visible now. */
export async function resetCallbacks(engine: Engine, workflowId: string): Promise<void> {
  await withExecution(engine, workflowId, async (session) => {
    if (isTerminalWorkflowStatus(session.workflow.status)) return;
    for (const task of session.workflow.tasks) {
      if (task.status === 'SCHEDULED' && task.callbackAfterSeconds > 0 && !isSystemTask(task)) {
        putTask(session, { ...task, callbackAfterSeconds: 0 });
      }
    }
  });
}
