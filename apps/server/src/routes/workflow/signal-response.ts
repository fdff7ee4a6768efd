/**
 * The answer of a synchronous execute (`POST /api/workflow/execute/{name}/{version}`), following
 * conductor-oss's signal responder: a run is "ready" when the workflow is terminal or blocked (a
 * WAIT with no duration or deadline still waiting, or a task named in `waitUntilTaskRef` that has
 * ended), looked for in the workflow and, recursively, its running sub-workflows. Pure functions;
 * the route reads the workflows.
 * @module
 */
import { isTerminalTaskStatus, isTerminalWorkflowStatus } from '@baton/engine';
import type { Task, Workflow } from '@baton/engine';

export const RETURN_STRATEGIES = [
  'TARGET_WORKFLOW',
  'BLOCKING_WORKFLOW',
  'BLOCKING_TASK',
  'BLOCKING_TASK_INPUT',
] as const;
export type ReturnStrategy = (typeof RETURN_STRATEGIES)[number];

export interface Blocking {
  tasks: Task[];
  /** The (sub-)workflow holding the first blocking task. */
  workflow?: Workflow;
}

/**
 * Blocking tasks of `workflow` and of its running sub-workflows (`loadSub` reads one; a failed read
 * is skipped).
 */
export async function findBlocking(
  workflow: Workflow,
  refs: readonly string[],
  loadSub: (id: string) => Promise<Workflow | undefined>,
  depth = 0,
): Promise<Blocking> {
  const found: Blocking = { tasks: [] };
  const note = (task: Task, wf: Workflow) => {
    found.tasks.push(task);
    found.workflow ??= wf;
  };
  for (const task of workflow.tasks) {
    const ended = isTerminalTaskStatus(task.status);
    if (task.taskType === 'WAIT' && !ended && !task.waitTimeout) note(task, workflow);
    if (ended && refs.includes(task.referenceTaskName)) note(task, workflow);
    if (task.taskType === 'SUB_WORKFLOW' && task.subWorkflowId && !ended && depth < 10) {
      const sub = await loadSub(task.subWorkflowId);
      if (sub === undefined) continue;
      const inner = await findBlocking(sub, refs, loadSub, depth + 1);
      for (const t of inner.tasks) note(t, inner.workflow ?? sub);
    }
  }
  return found;
}

/** Whether the execute call can answer now. */
export function isSettled(workflow: Workflow, blocking: Blocking): boolean {
  return isTerminalWorkflowStatus(workflow.status) || blocking.tasks.length > 0;
}

function workflowRun(
  run: Workflow,
  target: Workflow,
  requestId: string,
  strategy: ReturnStrategy,
  signalTimeout: boolean,
): Record<string, unknown> {
  return {
    responseType: strategy,
    targetWorkflowId: target.workflowId,
    targetWorkflowStatus: target.status,
    requestId,
    workflowId: run.workflowId,
    correlationId: run.correlationId ?? null,
    input: run.input,
    output: run.output,
    signalTimeout,
    priority: run.priority,
    variables: run.variables,
    tasks: run.tasks,
    createdBy: run.createdBy ?? null,
    createTime: run.createTime,
    status: run.status,
    updateTime: run.updateTime ?? 0,
  };
}

function taskRun(
  task: Task,
  target: Workflow,
  requestId: string,
  strategy: ReturnStrategy,
  signalTimeout: boolean,
): Record<string, unknown> {
  return {
    responseType: strategy,
    targetWorkflowId: target.workflowId,
    targetWorkflowStatus: target.status,
    requestId,
    taskType: task.taskType,
    taskId: task.taskId,
    referenceTaskName: task.referenceTaskName,
    retryCount: task.retryCount,
    taskDefName: task.taskDefName,
    retriedTaskId: task.retriedTaskId ?? null,
    workflowType: task.workflowType,
    reasonForIncompletion: task.reasonForIncompletion ?? null,
    priority: task.workflowPriority,
    workflowId: task.workflowInstanceId,
    correlationId: task.correlationId ?? null,
    status: task.status,
    input: task.inputData,
    output: task.outputData,
    createdBy: task.workerId ?? null,
    createTime: task.startTime,
    updateTime: task.updateTime,
    signalTimeout,
  };
}

/**
 * The response body for `strategy`; undefined (an empty 200, as Conductor) when a task strategy
 * finds no blocking task.
 */
export function toSignalResponse(
  target: Workflow,
  blocking: Blocking,
  strategy: ReturnStrategy,
  requestId: string,
  signalTimeout: boolean,
): Record<string, unknown> | undefined {
  const first = blocking.tasks[0];
  switch (strategy) {
    case 'TARGET_WORKFLOW':
      return workflowRun(target, target, requestId, strategy, signalTimeout);
    case 'BLOCKING_WORKFLOW':
      return workflowRun(blocking.workflow ?? target, target, requestId, strategy, signalTimeout);
    default:
      return first === undefined
        ? undefined
        : taskRun(first, target, requestId, strategy, signalTimeout);
  }
}
