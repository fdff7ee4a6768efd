/**
 * Workflow: one execution of a WorkflowDef, in Conductor's JSON shape.
 * @module
 */
import type { WorkflowStatus } from './status.js';
import type { Task } from './task.js';
import type { WorkflowDef } from './workflow-def.js';

export interface Workflow {
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  status: WorkflowStatus;
  correlationId?: string | null;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
  /** Mutated by SET_VARIABLE; starts as the def's `variables`. */
  variables: Record<string, unknown>;
  /** Ordered by `seq`. Absent when read without tasks. */
  tasks: Task[];
  createTime: number;
  /** Equals createTime (Conductor keeps both). */
  startTime: number;
  updateTime?: number;
  endTime?: number;
  reasonForIncompletion?: string | null;
  failedReferenceTaskNames: string[];
  failedTaskNames: string[];
  parentWorkflowId?: string | null;
  parentWorkflowTaskId?: string | null;
  reRunFromWorkflowId?: string | null;
  event?: string | null;
  taskToDomain?: Record<string, string>;
  /** 0..99; the priority of the workflow's worker tasks in their queues. */
  priority: number;
  /** Set by retry and resume; restarts the workflow timeout window. */
  lastRetriedTime?: number;
  /**
   * The definition frozen into the execution at start (TaskDefs embedded in each WorkflowTask).
   * Later metadata edits do not affect a running execution, except restart with useLatestDefinitions.
   */
  workflowDefinition: WorkflowDef;
  externalInputPayloadStoragePath?: string | null;
  externalOutputPayloadStoragePath?: string | null;
  ownerApp?: string | null;
  createdBy?: string | null;
  updatedBy?: string | null;
  idempotencyKey?: string | null;
  [extra: string]: unknown;
}

/** `GET /api/workflow/search` result row; times are ISO-8601 UTC strings. */
export interface WorkflowSummary {
  workflowType: string;
  version: number;
  workflowId: string;
  correlationId?: string | null;
  startTime: string;
  updateTime?: string;
  endTime?: string;
  status: WorkflowStatus;
  input: string;
  output: string;
  reasonForIncompletion?: string | null;
  executionTime: number;
  event?: string | null;
  failedReferenceTaskNames: string;
  failedTaskNames: string[];
  priority: number;
  createdBy?: string | null;
  taskToDomain?: Record<string, string>;
  idempotencyKey?: string | null;
  parentWorkflowId: string;
}

export interface SearchResult<T> {
  totalHits: number;
  results: T[];
}
