/**
 * Wire types of the client: the engine's model types (type-only, nothing of the engine is bundled)
 * plus the few response shapes that exist only on the wire.
 * @module
 */
import type { WorkflowStatus } from '@baton/engine';

export type {
  WorkflowDef,
  WorkflowTask,
  TaskDef,
  Workflow,
  WorkflowSummary,
  SearchResult,
  Task,
  TaskResult,
  TaskExecLog,
  PollData,
  WorkflowStatus,
  TaskStatus,
  TaskResultStatus,
  StartWorkflowRequest,
  RerunWorkflowRequest,
  SkipTaskRequest,
  ExecutionEvent,
  WorkflowDefVersionInfo,
  ValidationIssue,
} from '@baton/engine';

/** Result of a bulk operation: ids that worked, and an error message per id that did not. */
export interface BulkResponse<T = string> {
  bulkSuccessfulResults: T[];
  bulkErrorResults: Record<string, string>;
}

/** `GET /api/workflow/{id}/status`. */
export interface WorkflowStatusSummary {
  workflowId: string;
  correlationId?: string | null;
  status: WorkflowStatus;
  output?: Record<string, unknown>;
  variables?: Record<string, unknown>;
}

/** `GET /api/health`. */
export interface HealthResponse {
  healthy: boolean;
  healthResults: unknown[];
  suppressedHealthResults: unknown[];
}

/** Query of the search endpoints (Conductor's syntax, docs/conductor-compatibility.md#search). */
export interface SearchParams {
  start?: number;
  /** At most 5000. */
  size?: number;
  /** `field:ASC|DESC`; several keys as an array (sent joined by `|`). */
  sort?: string | readonly string[];
  freeText?: string;
  query?: string;
}
