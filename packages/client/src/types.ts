/**
 * Wire types of the client: the engine's model types (type-only, nothing of the engine is bundled)
 * plus the few response shapes that exist only on the wire.
 * @module
 */
import type { StartWorkflowRequest, WorkflowStatus } from '@baton/engine';

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
  TaskSummary,
  EventHandler,
  EventHandlerAction,
  EventExecutionRecord,
  EventExecutionStatus,
  WorkflowSchedule,
  WorkflowScheduleExecution,
  ScheduleExecutionPage,
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

/** How `POST /api/workflow/execute` shapes its answer (conductor-oss's return strategies). */
export type ReturnStrategy =
  'TARGET_WORKFLOW' | 'BLOCKING_WORKFLOW' | 'BLOCKING_TASK' | 'BLOCKING_TASK_INPUT';

/** Options of a synchronous execute. */
export interface ExecuteOptions {
  /** Echoed back; a UUID when absent. */
  requestId?: string;
  /** Answer once any of these task references has ended. */
  waitUntilTaskRef?: string | readonly string[];
  /** Longest wait (default 10, at most 300); the answer then has `signalTimeout: true`. */
  waitForSeconds?: number;
  returnStrategy?: ReturnStrategy;
  consistency?: 'SYNCHRONOUS' | 'DURABLE' | 'REGION_DURABLE';
}

/** The answer of a synchronous execute: a WorkflowRun or (task strategies) a TaskRun. */
export interface SignalResponse {
  responseType: ReturnStrategy;
  targetWorkflowId: string;
  targetWorkflowStatus: WorkflowStatus;
  requestId: string;
  workflowId: string;
  correlationId?: string | null;
  input?: Record<string, unknown>;
  output?: Record<string, unknown>;
  /** True when the wait ran out before the run ended or blocked. */
  signalTimeout: boolean;
  status: string;
  [field: string]: unknown;
}

/** One mocked result of a task in a test run. */
export interface TaskMock {
  status?: 'COMPLETED' | 'FAILED' | 'FAILED_WITH_TERMINAL_ERROR' | 'IN_PROGRESS';
  output?: Record<string, unknown>;
}

/** A test case saved with a workflow (`/api/metadata/workflow/{name}/tests`). */
export interface WorkflowTestCase {
  name: string;
  description?: string;
  input?: Record<string, unknown>;
  /** Per task reference, the results its attempts get, in order. */
  taskRefToMockOutput?: Record<string, TaskMock[]>;
  /** What the run must show: final status, chosen outputs, tasks that ran or did not. */
  expect?: {
    status?: string;
    output?: Record<string, unknown>;
    tasksRan?: string[];
    tasksNotRan?: string[];
  };
}

/** Body of `POST /api/workflow/test`. */
export interface WorkflowTestRequest extends StartWorkflowRequest {
  /** Per task reference, the results its attempts get, in order. */
  taskRefToMockOutput?: Record<string, TaskMock[]>;
  /** Per SUB_WORKFLOW task reference, the test request of the sub-workflow. */
  subWorkflowTestRequest?: Record<string, WorkflowTestRequest>;
}
