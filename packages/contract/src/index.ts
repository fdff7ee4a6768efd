/**
 * @baton/contract: TypeBox schemas of Baton's Conductor-compatible REST API, used by the server for
 * validation, serialization and OpenAPI, and by the client for types.
 * @module
 */
import { TaskDefSchema, WorkflowDefSchema, WorkflowTaskSchema } from './definitions.js';
import { TaskSchema, WorkflowSchema } from './executions.js';
import {
  RerunWorkflowRequestSchema,
  SkipTaskRequestSchema,
  StartWorkflowRequestSchema,
  TaskResultSchema,
} from './requests.js';
import { ErrorResponseSchema } from './responses.js';
import { EventHandlerSchema } from './event-handlers.js';
import { WorkflowScheduleSchema } from './schedules.js';

export { Nullable, Opt, NullableEnum, StringEnum, JsonMap, SchemaRef } from './nullable.js';
export {
  WorkflowTaskSchema,
  TaskDefSchema,
  WorkflowDefSchema,
  WorkflowTaskRef,
  WorkflowDefRef,
  TaskDefRef,
  WorkflowDefVersionSchema,
} from './definitions.js';
export {
  TaskSchema,
  WorkflowSchema,
  TaskRef,
  WorkflowRef,
  WorkflowSummarySchema,
  SearchResultSchema,
  WorkflowStatusSchema,
  TaskExecLogSchema,
  PollDataSchema,
} from './executions.js';
export {
  StartWorkflowRequestSchema,
  StartWorkflowRequestRef,
  TaskResultSchema,
  TaskResultRef,
  RerunWorkflowRequestSchema,
  RerunWorkflowRequestRef,
  SkipTaskRequestSchema,
  SkipTaskRequestRef,
} from './requests.js';
export type { TaskResultBody } from './requests.js';
export {
  ValidationErrorSchema,
  ValidationWarningsSchema,
  ErrorResponseSchema,
  BulkResponseSchema,
  HealthSchema,
  EmptyResponse,
  NoContentResponse,
  TextResponse,
} from './responses.js';
export type { ErrorResponse, BulkResponse } from './responses.js';
export {
  SearchQuerySchema,
  BatchPollQuerySchema,
  PollQuerySchema,
  WorkflowIdsSchema,
  WorkflowIdParams,
  TaskIdParams,
  TaskTypeParams,
  NameParams,
} from './queries.js';

export {
  EventHandlerSchema,
  EventHandlerActionSchema,
  EventHandlerRef,
  EventHandlersForEventQuery,
  EventExecutionSchema,
} from './event-handlers.js';

export {
  WorkflowScheduleSchema,
  WorkflowScheduleRef,
  WorkflowScheduleExecutionSchema,
  ScheduleExecutionPageSchema,
  ScheduleListQuery,
  SchedulePauseQuery,
  NextFewSchedulesQuery,
  ScheduleExecutionSearchQuery,
} from './schedules.js';

/** Schemas with an `$id`, to register once (`fastify.addSchema`) before routes reference them. */
export const SHARED_SCHEMAS = [
  TaskDefSchema,
  WorkflowTaskSchema,
  WorkflowDefSchema,
  TaskSchema,
  WorkflowSchema,
  StartWorkflowRequestSchema,
  TaskResultSchema,
  RerunWorkflowRequestSchema,
  SkipTaskRequestSchema,
  ErrorResponseSchema,
  EventHandlerSchema,
  WorkflowScheduleSchema,
] as const;

/** The Conductor model types, re-exported for clients that import only the contract. */
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
  StartWorkflowRequest,
  RerunWorkflowRequest,
  SkipTaskRequest,
  WorkflowStatus,
  TaskStatus,
  TaskResultStatus,
  ExecutionEvent,
  ValidationIssue,
  ErrorCode,
} from '@baton/engine';

export type { WorkflowTestSuite } from './workflow-tests.js';
export {
  WorkflowTestCaseSchema,
  WorkflowTestExpectationSchema,
  WorkflowTestMockSchema,
  WorkflowTestSuiteSchema,
} from './workflow-tests.js';
