/**
 * Request bodies: StartWorkflowRequest, TaskResult, RerunWorkflowRequest, SkipTaskRequest.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type {
  RerunWorkflowRequest,
  SkipTaskRequest,
  StartWorkflowRequest,
  TaskResult,
} from '@baton/engine';
import { JsonMap, NullableEnum, Opt, SchemaRef } from './nullable.js';

/** Body of `POST /api/workflow`. `name` is required; everything else may be absent or null. */
export const StartWorkflowRequestSchema = Type.Object(
  {
    name: Type.String({ description: 'Workflow definition name' }),
    version: Opt(Type.Integer({ description: 'Absent means latest' })),
    correlationId: Opt(Type.String()),
    priority: Opt(Type.Integer({ minimum: 0, maximum: 99 })),
    input: Opt(JsonMap),
    taskToDomain: Opt(Type.Record(Type.String(), Type.String())),
    workflowDef: Opt(SchemaRef('WorkflowDef')),
    externalInputPayloadStoragePath: Opt(Type.String()),
    idempotencyKey: Opt(Type.String()),
    idempotencyStrategy: Type.Optional(
      NullableEnum(['FAIL', 'RETURN_EXISTING', 'FAIL_ON_RUNNING'] as const),
    ),
    createdBy: Opt(Type.String()),
  },
  { $id: 'StartWorkflowRequest', additionalProperties: true },
);
export const StartWorkflowRequestRef = SchemaRef<StartWorkflowRequest>('StartWorkflowRequest');

/** Body of `POST /api/tasks`. Empty ids and a missing status are rejected by the handler. */
export const TaskResultSchema = Type.Object(
  {
    workflowInstanceId: Opt(Type.String()),
    taskId: Opt(Type.String()),
    status: Type.Optional(
      NullableEnum(
        ['IN_PROGRESS', 'FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'COMPLETED', 'CANCELED'] as const,
        'Task result status',
      ),
    ),
    outputData: Opt(JsonMap),
    reasonForIncompletion: Opt(Type.String()),
    callbackAfterSeconds: Opt(Type.Integer()),
    workerId: Opt(Type.String()),
    logs: Opt(
      Type.Array(
        Type.Object(
          { log: Opt(Type.String()), taskId: Opt(Type.String()), createdTime: Opt(Type.Number()) },
          { additionalProperties: true },
        ),
      ),
    ),
    externalOutputPayloadStoragePath: Opt(Type.String()),
    subWorkflowId: Opt(Type.String()),
    extendLease: Opt(Type.Boolean()),
  },
  { $id: 'TaskResult', additionalProperties: true },
);
/** The TaskResult as the handler sees it before its required fields are checked. */
export type TaskResultBody = Partial<TaskResult>;
export const TaskResultRef = SchemaRef<TaskResultBody>('TaskResult');

/** Body of `POST /api/workflow/{id}/rerun`. */
export const RerunWorkflowRequestSchema = Type.Object(
  {
    reRunFromWorkflowId: Opt(Type.String()),
    workflowInput: Opt(JsonMap),
    reRunFromTaskId: Opt(Type.String()),
    taskInput: Opt(JsonMap),
    correlationId: Opt(Type.String()),
  },
  { $id: 'RerunWorkflowRequest', additionalProperties: true },
);
export const RerunWorkflowRequestRef = SchemaRef<RerunWorkflowRequest>('RerunWorkflowRequest');

/** Body of `PUT /api/workflow/{id}/skiptask/{ref}` (optional). */
export const SkipTaskRequestSchema = Type.Object(
  { taskInput: Opt(JsonMap), taskOutput: Opt(JsonMap) },
  { $id: 'SkipTaskRequest', additionalProperties: true },
);
export const SkipTaskRequestRef = SchemaRef<SkipTaskRequest>('SkipTaskRequest');
