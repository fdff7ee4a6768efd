/**
 * Wire schemas of executions: Workflow, Task, TaskExecLog, PollData and search results.
 * Response schemas allow additional properties so nothing the engine stores is stripped.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import type { Task, Workflow } from '@baton/engine';
import { JsonMap, Opt, SchemaRef } from './nullable.js';

const STRING_ARRAY = Type.Array(Type.String());

/** One scheduled attempt of a WorkflowTask. Registered as the shared schema `Task`. */
export const TaskSchema = Type.Object(
  {
    taskId: Type.String(),
    taskType: Type.String(),
    taskDefName: Opt(Type.String()),
    referenceTaskName: Type.String(),
    status: Type.String({ description: 'Conductor task status' }),
    inputData: Opt(JsonMap),
    outputData: Opt(JsonMap),
    seq: Opt(Type.Integer()),
    retryCount: Opt(Type.Integer()),
    retriedTaskId: Opt(Type.String()),
    retried: Opt(Type.Boolean()),
    executed: Opt(Type.Boolean()),
    pollCount: Opt(Type.Integer()),
    correlationId: Opt(Type.String()),
    workflowInstanceId: Type.String(),
    workflowType: Opt(Type.String()),
    workflowPriority: Opt(Type.Integer()),
    scheduledTime: Opt(Type.Number()),
    startTime: Opt(Type.Number()),
    endTime: Opt(Type.Number()),
    updateTime: Opt(Type.Number()),
    startDelayInSeconds: Opt(Type.Integer()),
    callbackAfterSeconds: Opt(Type.Integer()),
    responseTimeoutSeconds: Opt(Type.Integer()),
    callbackFromWorker: Opt(Type.Boolean()),
    workerId: Opt(Type.String()),
    reasonForIncompletion: Opt(Type.String()),
    domain: Opt(Type.String()),
    iteration: Opt(Type.Integer()),
    loopOverTask: Opt(Type.Boolean()),
    subWorkflowId: Opt(Type.String()),
    workflowTask: Opt(SchemaRef('WorkflowTask')),
    taskDefinition: Opt(SchemaRef('TaskDef')),
    firstStartTime: Opt(Type.Number()),
    parentTaskId: Opt(Type.String()),
  },
  { $id: 'Task', additionalProperties: true },
);

/** An execution of a WorkflowDef. Registered as the shared schema `Workflow`. */
export const WorkflowSchema = Type.Object(
  {
    workflowId: Type.String(),
    workflowName: Type.String(),
    workflowVersion: Type.Integer(),
    status: Type.String({
      description: 'RUNNING | COMPLETED | FAILED | TIMED_OUT | TERMINATED | PAUSED',
    }),
    correlationId: Opt(Type.String()),
    input: Opt(JsonMap),
    output: Opt(JsonMap),
    variables: Opt(JsonMap),
    tasks: Opt(Type.Array(SchemaRef('Task'))),
    createTime: Opt(Type.Number()),
    startTime: Opt(Type.Number()),
    updateTime: Opt(Type.Number()),
    endTime: Opt(Type.Number()),
    reasonForIncompletion: Opt(Type.String()),
    failedReferenceTaskNames: Opt(STRING_ARRAY),
    failedTaskNames: Opt(STRING_ARRAY),
    parentWorkflowId: Opt(Type.String()),
    parentWorkflowTaskId: Opt(Type.String()),
    reRunFromWorkflowId: Opt(Type.String()),
    event: Opt(Type.String()),
    taskToDomain: Opt(Type.Record(Type.String(), Type.String())),
    priority: Opt(Type.Integer()),
    lastRetriedTime: Opt(Type.Number()),
    workflowDefinition: Opt(SchemaRef('WorkflowDef')),
    ownerApp: Opt(Type.String()),
    createdBy: Opt(Type.String()),
    updatedBy: Opt(Type.String()),
    idempotencyKey: Opt(Type.String()),
  },
  { $id: 'Workflow', additionalProperties: true },
);

export const TaskRef = SchemaRef<Task>('Task');
export const WorkflowRef = SchemaRef<Workflow>('Workflow');

/** A search row (`GET /api/workflow/search`); times are ISO-8601 strings. */
export const WorkflowSummarySchema = Type.Object(
  {
    workflowType: Type.String(),
    version: Type.Integer(),
    workflowId: Type.String(),
    correlationId: Opt(Type.String()),
    startTime: Opt(Type.String()),
    updateTime: Opt(Type.String()),
    endTime: Opt(Type.String()),
    status: Type.String(),
    input: Opt(Type.String()),
    output: Opt(Type.String()),
    reasonForIncompletion: Opt(Type.String()),
    executionTime: Opt(Type.Number()),
    event: Opt(Type.String()),
    failedReferenceTaskNames: Opt(Type.String()),
    failedTaskNames: Opt(STRING_ARRAY),
    priority: Opt(Type.Integer()),
    createdBy: Opt(Type.String()),
    taskToDomain: Opt(Type.Record(Type.String(), Type.String())),
    idempotencyKey: Opt(Type.String()),
    parentWorkflowId: Opt(Type.String()),
  },
  { additionalProperties: true },
);

/** Conductor's `SearchResult<T>`: `{ totalHits, results }`. */
export function SearchResultSchema<T extends TSchema>(item: T) {
  return Type.Object({ totalHits: Type.Integer(), results: Type.Array(item) });
}

/** `GET /api/workflow/{id}/status`. */
export const WorkflowStatusSchema = Type.Object({
  workflowId: Type.String(),
  correlationId: Opt(Type.String()),
  status: Type.String(),
  output: Type.Optional(JsonMap),
  variables: Type.Optional(JsonMap),
});

/** A task log line. */
export const TaskExecLogSchema = Type.Object({
  log: Type.String(),
  taskId: Type.String(),
  createdTime: Type.Number(),
});

/** The latest poll of a queue by a worker. */
export const PollDataSchema = Type.Object({
  queueName: Type.String(),
  domain: Opt(Type.String()),
  workerId: Type.String(),
  lastPollTime: Type.Number(),
});
