/**
 * Moving a terminal workflow back to RUNNING (docs/conductor-compatibility.md#operator-actions):
 * restart, retry and rerun.
 * @module
 */
import { isSystemTask, QUEUED_SYSTEM_TYPES } from '../../decider/task-kinds.js';
import { batonError, isBatonError } from '../../errors.js';
import {
  isTerminalWorkflowStatus,
  isSuccessfulTaskStatus,
  isTerminalTaskStatus,
} from '../../model/status.js';
import type { Task } from '../../model/task.js';
import type { RerunWorkflowRequest } from '../../model/workflow-def.js';
import type { Engine } from '../core/engine.js';
import { freezeDefinition } from '../core/freeze-definition.js';
import { reopenParent } from '../core/reopen-parent.js';
import { runDecider } from '../core/run-decider.js';
import {
  deleteTasks,
  patchWorkflow,
  putTask,
  withExecution,
  type Session,
} from '../core/session.js';

const RESETTABLE_IN_PLACE = new Set(['JOIN', 'DO_WHILE', 'EXCLUSIVE_JOIN']);

/**
 * Throws unless the workflow has ended. Conductor answers a restart with a conflict naming the
 * workflow, and a retry with "not found" (`retry` passes WORKFLOW_STILL_RUNNING).
 */
function requireTerminal(session: Session, action: 'restart' | 'retry' | 'rerun' = 'rerun'): void {
  const { status, workflowId } = session.workflow;
  if (isTerminalWorkflowStatus(status)) return;
  const details = { details: { workflowId, status } };
  if (action === 'retry') {
    throw batonError(
      'WORKFLOW_STILL_RUNNING',
      `Workflow is still running.  status=${status}`,
      details,
    );
  }
  const message =
    action === 'restart'
      ? `Workflow: ${describeWorkflow(session)} is not in terminal state, unable to restart.`
      : `Workflow is still running.  status=${status}`;
  throw batonError('WORKFLOW_NOT_TERMINAL', message, details);
}

/** `name.version/id.status`, the way Conductor names a workflow in its messages. */
function describeWorkflow(session: Session): string {
  const w = session.workflow;
  return `${w.workflowName}.${w.workflowDefinition.version ?? w.workflowVersion}/${w.workflowId}.${w.status}`;
}

function reopen(engine: Engine, session: Session, extra: Record<string, unknown> = {}): void {
  patchWorkflow(session, {
    status: 'RUNNING',
    reasonForIncompletion: null,
    endTime: 0,
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    ...extra,
  });
  if (session.workflow.parentWorkflowId) {
    session.effects.push(() => reopenParent(engine, session.workflow));
  }
}

/** Deletes every task and starts over with the same id and input. */
export async function restart(
  engine: Engine,
  workflowId: string,
  options: { useLatestDefinitions?: boolean } = {},
): Promise<void> {
  await withExecution(engine, workflowId, async (session) => {
    requireTerminal(session, 'restart');
    const workflow = session.workflow;
    if (workflow.status === 'COMPLETED' && workflow.workflowDefinition.restartable === false) {
      throw batonError(
        'WORKFLOW_NOT_RESTARTABLE',
        `Workflow: ${describeWorkflow(session)} is non-restartable`,
        { details: { workflowId } },
      );
    }
    let definition = workflow.workflowDefinition;
    if (options.useLatestDefinitions) {
      const latest = await engine.deps.definitions.getWorkflowDef(workflow.workflowName);
      if (latest) {
        definition = await freezeDefinition(engine.deps.definitions, latest, engine.strictTaskDefs);
      }
    }
    deleteTasks(
      session,
      workflow.tasks.map((t) => t.taskId),
    );
    const now = engine.deps.clock.now();
    reopen(engine, session, {
      output: {},
      createTime: now,
      startTime: now,
      lastRetriedTime: 0,
      workflowDefinition: definition,
      workflowVersion: definition.version ?? workflow.workflowVersion,
    });
    await runDecider(engine, session);
  });
}

/**
 * Retries the failed tasks: new attempts for the latest failed row of each ref, JOIN/DO_WHILE
 * reset in place. With `resumeSubworkflowTasks`, a failed SUB_WORKFLOW retries its child instead.
 */
export async function retry(
  engine: Engine,
  workflowId: string,
  options: { resumeSubworkflowTasks?: boolean } = {},
): Promise<void> {
  const children: string[] = [];
  await withExecution(engine, workflowId, async (session) => {
    children.length = 0;
    requireTerminal(session, 'retry');
    if (session.workflow.tasks.length === 0) {
      throw batonError('WORKFLOW_NOT_RETRYABLE', 'Workflow has not started yet', {
        details: { workflowId },
      });
    }
    const now = engine.deps.clock.now();
    const latest = new Map<string, Task>();
    for (const task of session.workflow.tasks) latest.set(task.referenceTaskName, task);
    const retriable: Task[] = [];
    for (const task of latest.values()) {
      if (isSuccessfulTaskStatus(task.status) || !isTerminalTaskStatus(task.status)) continue;
      if (RESETTABLE_IN_PLACE.has(task.taskType)) {
        putTask(session, {
          ...task,
          status: 'IN_PROGRESS',
          endTime: 0,
          executed: false,
          reasonForIncompletion: null,
          updateTime: now,
        });
      } else if (!['FORK', 'SWITCH', 'DECISION'].includes(task.taskType)) {
        retriable.push(task);
      }
    }
    if (retriable.length === 0 && session.workflow.status !== 'TIMED_OUT') {
      throw batonError(
        'WORKFLOW_NOT_RETRYABLE',
        'There are no retryable tasks! Use restart if you want to attempt entire workflow execution again.',
        { details: { workflowId } },
      );
    }
    for (const task of retriable) {
      if (
        options.resumeSubworkflowTasks &&
        task.taskType === 'SUB_WORKFLOW' &&
        task.subWorkflowId
      ) {
        children.push(task.subWorkflowId);
        putTask(session, {
          ...task,
          status: 'IN_PROGRESS',
          endTime: 0,
          reasonForIncompletion: null,
          updateTime: now,
        });
        continue;
      }
      putTask(session, { ...task, retried: true, executed: true });
      putTask(session, newAttempt(engine, session, task, now));
    }
    reopen(engine, session, { lastRetriedTime: now });
    if (children.length === 0) await runDecider(engine, session);
  });
  for (const childId of children) {
    await retry(engine, childId, { resumeSubworkflowTasks: true });
  }
}

function newAttempt(engine: Engine, session: Session, task: Task, now: number): Task {
  const taskId = engine.deps.ids.newId();
  const resolved = engine
    .decideContext()
    .resolveInput(task.workflowTask.inputParameters, session.workflow, {
      taskId,
      taskDefinition: task.taskDefinition ?? null,
    });
  const maxSeq = session.workflow.tasks.reduce((max, t) => Math.max(max, t.seq), 0);
  return {
    ...task,
    taskId,
    seq: maxSeq + 1,
    retryCount: task.retryCount + 1,
    retriedTaskId: task.taskId,
    status:
      isSystemTask(task) && !QUEUED_SYSTEM_TYPES.has(task.taskType) ? 'IN_PROGRESS' : 'SCHEDULED',
    inputData: { ...task.inputData, ...resolved },
    outputData: {},
    reasonForIncompletion: null,
    callbackAfterSeconds: 0,
    startDelayInSeconds: 0,
    pollCount: 0,
    scheduledTime: now,
    startTime: 0,
    endTime: 0,
    updateTime: now,
    workerId: null,
    subWorkflowId: null,
    retried: false,
    executed: false,
  };
}

/**
 * Reruns the workflow: from the start (every task deleted, input/correlationId optionally
 * replaced), or from `reRunFromTaskId` (later tasks deleted, the target reset in place).
 */
export async function rerun(
  engine: Engine,
  workflowId: string,
  request: RerunWorkflowRequest,
): Promise<string> {
  const childId = await descendantHolding(engine, workflowId, request.reRunFromTaskId);
  if (childId) {
    await rerun(engine, childId, request);
    return workflowId;
  }
  const restartChildren: string[] = [];
  await withExecution(engine, workflowId, async (session) => {
    restartChildren.length = 0;
    requireTerminal(session);
    const workflow = session.workflow;
    const extra: Record<string, unknown> = { output: {} };
    if (request.workflowInput) extra.input = request.workflowInput;
    if (request.correlationId) extra.correlationId = request.correlationId;
    if (!request.reRunFromTaskId) {
      deleteTasks(
        session,
        workflow.tasks.map((t) => t.taskId),
      );
      reopen(engine, session, extra);
      await runDecider(engine, session);
      return;
    }
    const target = workflow.tasks.find((t) => t.taskId === request.reRunFromTaskId);
    if (!target) {
      throw batonError('REQUEST_INVALID', `Task ${request.reRunFromTaskId} not found`, {
        details: { workflowId, taskId: request.reRunFromTaskId },
      });
    }
    const now = engine.deps.clock.now();
    const later = workflow.tasks.filter((t) => t.seq > target.seq).map((t) => t.taskId);
    const syncSystem = isSystemTask(target) && !QUEUED_SYSTEM_TYPES.has(target.taskType);
    deleteTasks(session, syncSystem ? [...later, target.taskId] : later);
    for (const task of session.workflow.tasks) {
      if (task.taskId === target.taskId) continue;
      if (
        isTerminalTaskStatus(task.status) &&
        !isSuccessfulTaskStatus(task.status) &&
        !task.retried
      ) {
        const status = RESETTABLE_IN_PLACE.has(task.taskType) ? 'IN_PROGRESS' : 'SCHEDULED';
        putTask(session, {
          ...task,
          status,
          endTime: 0,
          executed: false,
          reasonForIncompletion: null,
        });
      } else if (!task.retried && task.status !== 'SKIPPED' && task.executed) {
        // Re-walk next-task resolution so the deleted successors are scheduled again.
        putTask(session, { ...task, executed: false });
      }
    }
    if (!syncSystem) {
      const isChild = target.taskType === 'SUB_WORKFLOW' && target.subWorkflowId;
      if (isChild) restartChildren.push(target.subWorkflowId as string);
      putTask(session, {
        ...target,
        status: isChild ? 'IN_PROGRESS' : 'SCHEDULED',
        inputData: request.taskInput ?? target.inputData,
        outputData: isChild ? { subWorkflowId: target.subWorkflowId } : {},
        reasonForIncompletion: null,
        scheduledTime: now,
        startTime: 0,
        endTime: 0,
        updateTime: now,
        pollCount: 0,
        callbackAfterSeconds: 0,
        workerId: null,
        executed: false,
        retried: false,
      });
    }
    reopen(engine, session, extra);
    await runDecider(engine, session);
  });
  for (const childId of restartChildren) {
    try {
      await restart(engine, childId);
    } catch (e) {
      if (!isBatonError(e) || e.code !== 'WORKFLOW_NOT_TERMINAL') throw e;
    }
  }
  return workflowId;
}

/**
 * The id of a descendant workflow (child, grandchild, ...) of `workflowId` that holds `taskId`, or
 * null when the task is in `workflowId` itself or nowhere in its tree. The top workflow must be
 * terminal to be rerun.
 */
async function descendantHolding(
  engine: Engine,
  workflowId: string,
  taskId: string | null | undefined,
): Promise<string | null> {
  if (!taskId) return null;
  const task = await engine.deps.executions.getTask(taskId);
  if (!task || task.workflowInstanceId === workflowId) return null;
  let current = await engine.deps.executions.getExecution(task.workflowInstanceId);
  for (let depth = 0; current && depth < 50; depth += 1) {
    const parentId = current.workflow.parentWorkflowId;
    if (!parentId) return null;
    if (parentId === workflowId) {
      const top = await engine.deps.executions.getExecution(workflowId);
      if (top && !isTerminalWorkflowStatus(top.workflow.status)) return null;
      return task.workflowInstanceId;
    }
    current = await engine.deps.executions.getExecution(parentId);
  }
  return null;
}
