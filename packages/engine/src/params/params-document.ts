/**
 * The lookup document `${...}` expressions read
 * (docs/conductor-compatibility.md#parameter-resolution).
 * @module
 */
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';

/** Delimiter between a reference name and its DO_WHILE iteration suffix (`step__2`). */
export const LOOP_SUFFIX_DELIMITER = '__';

/**
 * The reference name without its DO_WHILE iteration suffix: `step__2` → `step`, and the composite
 * nested-loop form `step__1_3` → `step`. Like Conductor, everything from the first `__` is dropped.
 */
export function stripLoopSuffix(referenceTaskName: string): string {
  const at = referenceTaskName.indexOf(LOOP_SUFFIX_DELIMITER);
  return at < 0 ? referenceTaskName : referenceTaskName.slice(0, at);
}

/** True for a task created inside a DO_WHILE body (its ref carries an iteration suffix). */
export function isLoopOverTask(task: Task): boolean {
  if (task.loopOverTask !== undefined) return task.loopOverTask;
  return task.iteration > 0 && /__\d+(_\d+)*$/.test(task.referenceTaskName);
}

/**
 * Builds the document: `workflow` (input, output, status, ids, type, version, correlationId,
 * reasonForIncompletion, schemaVersion, variables) and one entry per task reference name holding
 * the latest attempt (the last row in seq order). Loop tasks are keyed without their `__N` suffix,
 * so the most recent iteration wins. `createTime`, `startTime`, `taskToDomain` and `priority` are
 * deliberately absent, as in Conductor.
 */
export function buildParamsDocument(workflow: Workflow): Record<string, unknown> {
  const document: Record<string, unknown> = {
    workflow: {
      input: workflow.input,
      output: workflow.output,
      status: workflow.status,
      workflowId: workflow.workflowId,
      parentWorkflowId: workflow.parentWorkflowId ?? null,
      parentWorkflowTaskId: workflow.parentWorkflowTaskId ?? null,
      workflowType: workflow.workflowName,
      version: workflow.workflowVersion,
      correlationId: workflow.correlationId ?? null,
      reasonForIncompletion: workflow.reasonForIncompletion ?? null,
      schemaVersion: workflow.workflowDefinition?.schemaVersion ?? 2,
      variables: workflow.variables,
    },
  };
  const stored = workflow.tasks ?? [];
  const tasks = isInSeqOrder(stored) ? stored : [...stored].sort((a, b) => a.seq - b.seq);
  for (const task of tasks) {
    const key = isLoopOverTask(task)
      ? stripLoopSuffix(task.referenceTaskName)
      : task.referenceTaskName;
    document[key] = toTaskEntry(task);
  }
  return document;
}

function isInSeqOrder(tasks: readonly Task[]): boolean {
  for (let i = 1; i < tasks.length; i += 1) {
    if ((tasks[i - 1] as Task).seq > (tasks[i] as Task).seq) return false;
  }
  return true;
}

/**
 * Entries of frozen tasks, which never change: a big execution's document is rebuilt on every
 * decide, and most of its tasks are the same frozen objects as last time.
 */
const frozenEntries = new WeakMap<Task, Record<string, unknown>>();

function toTaskEntry(task: Task): Record<string, unknown> {
  if (!Object.isFrozen(task)) return newTaskEntry(task);
  let entry = frozenEntries.get(task);
  if (!entry) {
    entry = Object.freeze(newTaskEntry(task));
    frozenEntries.set(task, entry);
  }
  return entry;
}

function newTaskEntry(task: Task): Record<string, unknown> {
  return {
    input: task.inputData,
    output: task.outputData,
    taskType: task.taskType,
    status: task.status,
    referenceTaskName: task.referenceTaskName,
    retryCount: task.retryCount,
    correlationId: task.correlationId ?? null,
    pollCount: task.pollCount,
    taskDefName: task.taskDefName,
    scheduledTime: task.scheduledTime,
    startTime: task.startTime,
    endTime: task.endTime,
    workflowInstanceId: task.workflowInstanceId,
    taskId: task.taskId,
    reasonForIncompletion: task.reasonForIncompletion ?? null,
    callbackAfterSeconds: task.callbackAfterSeconds,
    workerId: task.workerId ?? null,
    iteration: task.iteration,
  };
}
