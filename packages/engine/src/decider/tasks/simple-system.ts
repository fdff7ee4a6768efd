/**
 * System tasks with no decision of their own: NOOP, HUMAN, HTTP, START_WORKFLOW, KAFKA_PUBLISH and
 * SUB_WORKFLOW (the last four run later on their system-task queue).
 * @module
 */
import type { Task } from '../../model/task.js';
import type { WorkflowTask } from '../../model/workflow-def.js';
import { createTask, resolveNodeInput, type MapContext } from '../task-factory.js';

/** NOOP is born COMPLETED; HUMAN waits IN_PROGRESS for an external update. */
export function mapImmediateTask(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const taskId = m.ctx.newId();
  const type = node.type ?? 'NOOP';
  return [
    createTask(m, node, suffix, {
      taskId,
      taskType: type,
      status: type === 'NOOP' ? 'COMPLETED' : 'IN_PROGRESS',
      inputData: resolveNodeInput(m, node, taskId),
    }),
  ];
}

/** A SCHEDULED async system task, queued under its type (HTTP, START_WORKFLOW, KAFKA_PUBLISH). */
export function mapQueuedTask(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const taskId = m.ctx.newId();
  return [
    createTask(m, node, suffix, {
      taskId,
      taskType: node.type ?? 'HTTP',
      status: 'SCHEDULED',
      inputData: resolveNodeInput(m, node, taskId),
    }),
  ];
}

/**
 * A SCHEDULED SUB_WORKFLOW task. Its input carries the resolved subWorkflowParam (name, version,
 * taskToDomain, priority, inline definition) and `workflowInput`, the child's input.
 */
export function mapSubWorkflow(m: MapContext, node: WorkflowTask, suffix: string): Task[] {
  const taskId = m.ctx.newId();
  const input = resolveNodeInput(m, node, taskId);
  const param = resolveSubWorkflowParam(m, node);
  const inputData: Record<string, unknown> = {
    ...input,
    subWorkflowName: param.name ?? null,
    subWorkflowVersion: param.version ?? null,
    subWorkflowTaskToDomain: param.taskToDomain ?? null,
    subWorkflowPriority: param.priority ?? null,
    workflowInput: input,
  };
  if (param.workflowDefinition) inputData.subWorkflowDefinition = param.workflowDefinition;
  if (param.idempotencyKey) inputData.subWorkflowIdempotencyKey = param.idempotencyKey;
  return [
    createTask(m, node, suffix, {
      taskId,
      taskType: 'SUB_WORKFLOW',
      status: 'SCHEDULED',
      inputData,
    }),
  ];
}

/**
 * The subWorkflowParam resolved against the parent. An inline `workflowDefinition` object is passed
 * on as it is, so its own `${...}` expressions are left for the child (as in Conductor); only a
 * definition given as an expression string is resolved.
 */
function resolveSubWorkflowParam(m: MapContext, node: WorkflowTask): Record<string, unknown> {
  const { workflowDefinition, ...rest } = node.subWorkflowParam ?? {};
  const unresolved: Record<string, unknown> = { ...rest };
  if (typeof workflowDefinition === 'string') unresolved.workflowDefinition = workflowDefinition;
  const param = (m.ctx.resolveValue(unresolved, m.draft.view()) ?? {}) as Record<string, unknown>;
  if (workflowDefinition !== undefined && typeof workflowDefinition !== 'string') {
    param.workflowDefinition = workflowDefinition;
  }
  return param;
}
