/**
 * SUB_WORKFLOW (docs/conductor-compatibility.md#sub_workflow): starting the child with a
 * deterministic id, and copying the child's terminal status back onto the parent's task.
 * @module
 */
import { isBatonError } from '../../errors.js';
import { isTerminalTaskStatus, isTerminalWorkflowStatus } from '../../model/status.js';
import type { Task } from '../../model/task.js';
import type { TaskStatus } from '../../model/status.js';
import type { Workflow } from '../../model/workflow.js';
import type { StartWorkflowRequest, WorkflowDef } from '../../model/workflow-def.js';
import type { Engine } from './engine.js';
import { runDecider } from './run-decider.js';
import { findTask, patchTask, withExecution } from './session.js';

/** The child id for one attempt of a SUB_WORKFLOW task: the same attempt always gets the same id. */
export function childWorkflowId(task: Task): string {
  return `${task.taskId}-${task.retryCount}`;
}

/**
 * How deep `workflow` is nested: 0 for a top-level workflow, 1 for its child, ...; stops counting
 * once past `limit` (each level is one read of an ancestor).
 */
export async function nestingDepth(
  engine: Engine,
  workflow: Workflow,
  limit: number,
): Promise<number> {
  let depth = 0;
  let parentId = workflow.parentWorkflowId ?? null;
  const seen = new Set([workflow.workflowId]);
  while (parentId && depth <= limit && !seen.has(parentId)) {
    seen.add(parentId);
    depth += 1;
    const parent = await engine.deps.executions.getExecution(parentId);
    parentId = parent?.workflow.parentWorkflowId ?? null;
  }
  return depth;
}

/** The reason a SUB_WORKFLOW task fails when its child would be nested deeper than the limit. */
export function tooDeepReason(name: string, depth: number, limit: number): string {
  return `Sub workflow ${name} was not started: it would be nested ${depth} levels deep, and the limit is ${limit} levels (maxSubWorkflowDepth)`;
}

/** Starts the child of a SCHEDULED SUB_WORKFLOW task and moves the task to IN_PROGRESS. */
export async function startChild(engine: Engine, parent: Workflow, task: Task): Promise<void> {
  const input = task.inputData;
  const limit = engine.maxSubWorkflowDepth;
  const depth = (await nestingDepth(engine, parent, limit)) + 1;
  if (depth > limit) {
    const name = String(input.subWorkflowName ?? '');
    await failTask(engine, parent, task, tooDeepReason(name, depth, limit), true);
    return;
  }
  const childId = childWorkflowId(task);
  const request: StartWorkflowRequest = {
    name: String(input.subWorkflowName ?? ''),
    version: (input.subWorkflowVersion as number | null | undefined) ?? null,
    input: (input.workflowInput as Record<string, unknown> | undefined) ?? input,
    correlationId: parent.correlationId ?? null,
    taskToDomain:
      (input.subWorkflowTaskToDomain as Record<string, string> | null | undefined) ??
      parent.taskToDomain ??
      null,
    priority: (input.subWorkflowPriority as number | null | undefined) ?? parent.priority,
  };
  const inline = input.subWorkflowDefinition;
  if (inline && typeof inline === 'object') {
    request.workflowDef = inline as WorkflowDef;
    request.name = request.workflowDef.name;
    request.input = { ...request.input, _systemMetadata: { dynamic: true } };
  }
  let failure: string | null = null;
  try {
    await engine.ops.startWorkflow(request, {
      workflowId: childId,
      parentWorkflowId: parent.workflowId,
      parentWorkflowTaskId: task.taskId,
    });
  } catch (e) {
    if (!isBatonError(e) || e.code !== 'WORKFLOW_ALREADY_EXISTS') {
      failure = e instanceof Error ? e.message : String(e);
    }
  }
  if (failure !== null) {
    await failTask(engine, parent, task, failure);
    return;
  }
  const now = engine.deps.clock.now();
  await withExecution(engine, parent.workflowId, async (session) => {
    const current = findTask(session, task.taskId);
    if (!current || isTerminalTaskStatus(current.status)) return;
    if (isTerminalWorkflowStatus(session.workflow.status)) return;
    if (current.status === 'SCHEDULED') {
      patchTask(session, task.taskId, {
        status: 'IN_PROGRESS',
        subWorkflowId: childId,
        outputData: { ...current.outputData, subWorkflowId: childId },
        startTime: current.startTime || now,
        updateTime: now,
      });
    }
  });
}

/**
 * Fails the SUB_WORKFLOW task whose child could not start, then decides the parent; a nesting
 * limit is final (`FAILED_WITH_TERMINAL_ERROR`: a retry would hit it again).
 */
async function failTask(
  engine: Engine,
  parent: Workflow,
  task: Task,
  reason: string,
  terminal = false,
): Promise<void> {
  const now = engine.deps.clock.now();
  await withExecution(engine, parent.workflowId, async (session) => {
    const current = findTask(session, task.taskId);
    if (!current || isTerminalTaskStatus(current.status)) return;
    if (isTerminalWorkflowStatus(session.workflow.status)) return;
    patchTask(session, task.taskId, {
      status: terminal ? 'FAILED_WITH_TERMINAL_ERROR' : 'FAILED',
      reasonForIncompletion: reason,
      endTime: now,
      updateTime: now,
    });
    await runDecider(engine, session);
  });
}

const STATUS_FOR_PARENT: Record<string, TaskStatus> = {
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  TERMINATED: 'CANCELED',
  TIMED_OUT: 'TIMED_OUT',
};

/** The parent SUB_WORKFLOW task's new state for a terminal child. */
export function childResultPatch(child: Workflow, startTime: number, now: number): Partial<Task> {
  const status = STATUS_FOR_PARENT[child.status] ?? 'IN_PROGRESS';
  const reason =
    status === 'COMPLETED'
      ? null
      : `Sub workflow ${child.workflowName}.${child.workflowVersion}/${child.workflowId} failure reason: ${child.reasonForIncompletion ?? ''}`;
  return {
    status,
    subWorkflowId: child.workflowId,
    outputData: { ...child.output, subWorkflowId: child.workflowId },
    reasonForIncompletion: reason,
    startTime: startTime || now,
    endTime: now,
    updateTime: now,
  };
}

/** Copies a terminal child's result onto the parent's SUB_WORKFLOW task, then decides the parent. */
export async function notifyParent(engine: Engine, child: Workflow): Promise<void> {
  const parentId = child.parentWorkflowId;
  const taskId = child.parentWorkflowTaskId;
  const status = STATUS_FOR_PARENT[child.status];
  if (!parentId || !taskId || !status) return;
  const now = engine.deps.clock.now();
  try {
    await withExecution(engine, parentId, async (session) => {
      const task = findTask(session, taskId);
      if (!task || isTerminalTaskStatus(task.status)) return;
      if (isTerminalWorkflowStatus(session.workflow.status)) return;
      patchTask(session, taskId, childResultPatch(child, task.startTime, now));
      await runDecider(engine, session);
    });
  } catch (e) {
    if (!isBatonError(e) || e.code !== 'WORKFLOW_NOT_FOUND') throw e;
  }
}
