/**
 * Workflow and task documents ↔ table rows: the JSON document plus the copied search columns.
 * @module
 */
import type { Task, Workflow } from '@baton/engine';
import { pgJson } from './safe-text.js';

/**
 * The free-text haystack of a workflow or task: ids, names, correlation id, input and output,
 * JSON-encoded exactly as the in-memory store does, so matches agree across adapters.
 */
export function searchText(parts: unknown[]): string {
  return parts
    .filter((p) => p !== undefined && p !== null)
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join('\n');
}

/** Parameters $1..$14 of the workflow INSERT/UPDATE statements (see sql/executions.ts). */
export function workflowParams(workflow: Workflow): unknown[] {
  const { tasks: _tasks, ...row } = workflow;
  return [
    workflow.workflowId,
    workflow.workflowName,
    workflow.workflowVersion,
    workflow.status,
    workflow.correlationId ?? null,
    toMillis(workflow.createTime),
    toMillis(workflow.startTime),
    toMillis(workflow.endTime),
    toMillis(workflow.updateTime),
    workflow.parentWorkflowId ?? null,
    workflow.idempotencyKey ?? null,
    workflow.priority ?? null,
    searchText([
      workflow.workflowId,
      workflow.workflowName,
      workflow.correlationId,
      workflow.input,
      workflow.output,
    ]),
    pgJson(row),
  ];
}

/** One element of the JSON array the task upsert statement reads with jsonb_to_recordset. */
export function taskRecord(workflowId: string, task: Task): Record<string, unknown> {
  return {
    task_id: task.taskId,
    workflow_id: workflowId,
    seq: task.seq,
    task_type: task.taskType,
    task_def_name: task.taskDefName ?? null,
    reference_task_name: task.referenceTaskName ?? null,
    status: task.status,
    workflow_type: task.workflowType ?? null,
    correlation_id: task.correlationId ?? null,
    scheduled_time: toMillis(task.scheduledTime),
    start_time: toMillis(task.startTime),
    end_time: toMillis(task.endTime),
    update_time: toMillis(task.updateTime),
    worker_id: task.workerId ?? null,
    domain: task.domain ?? null,
    search_text: searchText([
      task.taskId,
      task.taskType,
      task.taskDefName,
      task.referenceTaskName,
      task.workflowInstanceId,
      task.correlationId,
      task.inputData,
      task.outputData,
    ]),
    data: task,
  };
}

/** An epoch-ms column value: whole milliseconds, or null when absent or not a number. */
function toMillis(value: unknown): number | null {
  const n = typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

/** A workflow read back: the stored document with its tasks attached. */
export function toWorkflow(data: unknown, tasks: unknown): Workflow {
  return { ...(data as Workflow), tasks: (tasks as Task[] | null) ?? [] };
}
