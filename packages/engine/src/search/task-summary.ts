/**
 * The TaskSummary rows `GET /api/tasks/search` returns (docs/conductor-compatibility.md#search).
 * @module
 */
import type { Task } from '../model/task.js';

/** Conductor's TaskSummary: times as ISO-8601 UTC strings, input and output as JSON strings. */
export interface TaskSummary {
  workflowId: string;
  workflowType: string;
  correlationId: string | null;
  scheduledTime: string;
  startTime: string;
  updateTime: string;
  endTime: string;
  status: string;
  reasonForIncompletion: string | null;
  /** end − start once the task has ended, else 0. */
  executionTime: number;
  /** start − scheduled once the task has started, else 0. */
  queueWaitTime: number;
  taskDefName: string;
  taskType: string;
  input: string;
  output: string;
  taskId: string;
  workflowPriority: number;
  domain: string | null;
}

/** Converts a task row to a TaskSummary (Conductor formats unset times as the epoch). */
export function toTaskSummary(task: Task): TaskSummary {
  const iso = (ms: number | undefined) => new Date(ms ?? 0).toISOString();
  return {
    workflowId: task.workflowInstanceId,
    workflowType: task.workflowType,
    correlationId: task.correlationId ?? null,
    scheduledTime: iso(task.scheduledTime),
    startTime: iso(task.startTime),
    updateTime: iso(task.updateTime),
    endTime: iso(task.endTime),
    status: task.status,
    reasonForIncompletion: task.reasonForIncompletion ?? null,
    executionTime: task.endTime > 0 ? Math.max(0, task.endTime - task.startTime) : 0,
    queueWaitTime: task.startTime > 0 ? Math.max(0, task.startTime - task.scheduledTime) : 0,
    taskDefName: task.taskDefName,
    taskType: task.taskType,
    input: JSON.stringify(task.inputData ?? {}),
    output: JSON.stringify(task.outputData ?? {}),
    taskId: task.taskId,
    workflowPriority: task.workflowPriority ?? 0,
    domain: task.domain ?? null,
  };
}
