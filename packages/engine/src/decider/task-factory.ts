/**
 * Builds new Task rows from definition nodes, with Conductor's defaults.
 * @module
 */
import type { TaskStatus } from '../model/status.js';
import type { Task } from '../model/task.js';
import { TASK_DEF_DEFAULTS } from '../model/task-def.js';
import type { WorkflowTask } from '../model/workflow-def.js';
import type { DefIndex } from './def-index.js';
import type { Draft } from './draft.js';
import type { DecideContext } from './outcome.js';
import { iterationOf, withSuffix } from './refs.js';

/** What mappers share: the pass context and the draft they add tasks to. */
export interface MapContext {
  ctx: DecideContext;
  draft: Draft;
  index: DefIndex;
  /** Maps a node (recursively, for forks and switches) into the tasks it becomes when scheduled. */
  map(node: WorkflowTask, suffix: string, options?: MapOptions): Task[];
}

/** Extra inputs for a mapping: dynamic forks override the input of each forked task. */
export interface MapOptions {
  inputOverride?: Record<string, unknown>;
}

export interface NewTaskFields {
  taskType: string;
  taskDefName?: string;
  status: TaskStatus;
  inputData?: Record<string, unknown>;
  outputData?: Record<string, unknown>;
  reasonForIncompletion?: string | null;
  taskId?: string;
}

/** A task row for `node` scheduled now, with the loop suffix applied to its reference name. */
export function createTask(
  m: MapContext,
  node: WorkflowTask,
  suffix: string,
  fields: NewTaskFields,
): Task {
  const { ctx, draft } = m;
  const workflow = draft.workflow;
  const now = ctx.now;
  const def = node.taskDefinition ?? null;
  const terminal = fields.status !== 'SCHEDULED' && fields.status !== 'IN_PROGRESS';
  const started = fields.status !== 'SCHEDULED';
  const startDelay = node.startDelay ?? 0;
  const iteration = iterationOf(suffix);
  return {
    taskId: fields.taskId ?? ctx.newId(),
    taskType: fields.taskType,
    taskDefName: fields.taskDefName ?? node.name,
    referenceTaskName: withSuffix(node.taskReferenceName, suffix),
    status: fields.status,
    inputData: fields.inputData ?? {},
    outputData: fields.outputData ?? {},
    seq: 0,
    retryCount: 0,
    retried: false,
    executed: false,
    pollCount: 0,
    correlationId: workflow.correlationId ?? null,
    workflowInstanceId: workflow.workflowId,
    workflowType: workflow.workflowName,
    workflowPriority: workflow.priority ?? 0,
    scheduledTime: now,
    startTime: started ? now : 0,
    endTime: terminal ? now : 0,
    updateTime: now,
    startDelayInSeconds: startDelay,
    callbackAfterSeconds: startDelay,
    responseTimeoutSeconds: def
      ? (def.responseTimeoutSeconds ?? TASK_DEF_DEFAULTS.responseTimeoutSeconds)
      : 0,
    callbackFromWorker: true,
    reasonForIncompletion: fields.reasonForIncompletion ?? null,
    iteration,
    loopOverTask: iteration > 0,
    workflowTask: node,
    taskDefinition: def,
    rateLimitPerFrequency: def?.rateLimitPerFrequency ?? 0,
    rateLimitFrequencyInSeconds: def?.rateLimitFrequencyInSeconds ?? 1,
  };
}

/** Resolves `node.inputParameters` (plus its TaskDef template) for a task about to be created. */
export function resolveNodeInput(
  m: MapContext,
  node: WorkflowTask,
  taskId: string,
): Record<string, unknown> {
  return m.ctx.resolveInput(node.inputParameters, m.draft.view(), {
    taskId,
    taskDefinition: node.taskDefinition ?? null,
  });
}

/** A patch that ends a task with `status` now. */
export function endPatch(
  now: number,
  status: TaskStatus,
  patch: Partial<Task> = {},
): Partial<Task> {
  return { status, endTime: now, updateTime: now, ...patch };
}
