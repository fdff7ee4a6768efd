/**
 * The WorkflowSummary rows `/api/workflow/search` returns (docs/conductor-compatibility.md#search).
 * @module
 */
import type { Workflow, WorkflowSummary } from '../model/workflow.js';

/**
 * Converts an execution to Conductor's WorkflowSummary: ISO-8601 UTC times, input and output as
 * JSON strings, `failedReferenceTaskNames` comma-joined, `executionTime` = end − start once the
 * workflow has ended (0 before), and `parentWorkflowId` `""` for a top-level workflow.
 */
export function toWorkflowSummary(workflow: Workflow): WorkflowSummary {
  const endTime = workflow.endTime ?? 0;
  const summary: WorkflowSummary = {
    workflowType: workflow.workflowName,
    version: workflow.workflowVersion,
    workflowId: workflow.workflowId,
    correlationId: workflow.correlationId ?? null,
    startTime: toIso(workflow.startTime),
    status: workflow.status,
    input: JSON.stringify(workflow.input ?? {}),
    output: JSON.stringify(workflow.output ?? {}),
    reasonForIncompletion: workflow.reasonForIncompletion ?? null,
    executionTime: endTime > 0 ? Math.max(0, endTime - workflow.startTime) : 0,
    event: workflow.event ?? null,
    failedReferenceTaskNames: (workflow.failedReferenceTaskNames ?? []).join(','),
    failedTaskNames: [...(workflow.failedTaskNames ?? [])],
    priority: workflow.priority ?? 0,
    createdBy: workflow.createdBy ?? null,
    idempotencyKey: workflow.idempotencyKey ?? null,
    parentWorkflowId: workflow.parentWorkflowId ?? '',
  };
  if (workflow.updateTime) summary.updateTime = toIso(workflow.updateTime);
  if (endTime > 0) summary.endTime = toIso(endTime);
  if (workflow.taskToDomain) summary.taskToDomain = { ...workflow.taskToDomain };
  return summary;
}

function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
