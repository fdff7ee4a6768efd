/**
 * Wire schemas of definitions: WorkflowTask (recursive), WorkflowDef, TaskDef. Permissive on
 * purpose: unknown fields round-trip and nulls are accepted; the engine's validators enforce
 * Conductor's rules with Conductor's messages.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { TaskDef, WorkflowDef, WorkflowTask } from '@baton/engine';
import { JsonMap, NullableEnum, Opt, SchemaRef } from './nullable.js';

const TASK_REF = SchemaRef<WorkflowTask>('WorkflowTask');

/** A node of a workflow definition. Registered as the shared schema `WorkflowTask`. */
export const WorkflowTaskSchema = Type.Object(
  {
    name: Opt(Type.String()),
    taskReferenceName: Opt(Type.String()),
    description: Opt(Type.String()),
    type: Opt(Type.String({ description: 'Task type; defaults to SIMPLE' })),
    inputParameters: Opt(JsonMap),
    optional: Opt(Type.Boolean()),
    asyncComplete: Opt(Type.Boolean()),
    startDelay: Opt(Type.Integer()),
    retryCount: Opt(Type.Integer()),
    taskDefinition: Opt(SchemaRef<TaskDef>('TaskDef')),
    rateLimited: Opt(Type.Boolean()),
    decisionCases: Opt(Type.Record(Type.String(), Type.Array(TASK_REF))),
    defaultCase: Opt(Type.Array(TASK_REF)),
    evaluatorType: Opt(Type.String()),
    expression: Opt(Type.String()),
    caseValueParam: Opt(Type.String()),
    caseExpression: Opt(Type.String()),
    forkTasks: Opt(Type.Array(Type.Array(TASK_REF))),
    joinOn: Opt(Type.Array(Type.String())),
    defaultExclusiveJoinTask: Opt(Type.Array(Type.String())),
    loopCondition: Opt(Type.String()),
    loopOver: Opt(Type.Array(TASK_REF)),
    items: Opt(Type.String()),
    subWorkflowParam: Opt(Type.Object({}, { additionalProperties: true })),
    dynamicTaskNameParam: Opt(Type.String()),
    dynamicForkTasksParam: Opt(Type.String()),
    dynamicForkTasksInputParamName: Opt(Type.String()),
    dynamicForkJoinTasksParam: Opt(Type.String()),
    sink: Opt(Type.String()),
    scriptExpression: Opt(Type.String()),
  },
  { $id: 'WorkflowTask', additionalProperties: true },
);

/** A registered task's settings. Registered as the shared schema `TaskDef`. */
export const TaskDefSchema = Type.Object(
  {
    name: Opt(Type.String()),
    description: Opt(Type.String()),
    retryCount: Opt(Type.Integer()),
    retryLogic: Opt(Type.String({ description: 'FIXED | LINEAR_BACKOFF | EXPONENTIAL_BACKOFF' })),
    retryDelaySeconds: Opt(Type.Integer()),
    backoffScaleFactor: Opt(Type.Integer()),
    maxRetryDelaySeconds: Opt(Type.Integer()),
    timeoutSeconds: Opt(Type.Integer()),
    timeoutPolicy: Opt(Type.String({ description: 'RETRY | TIME_OUT_WF | ALERT_ONLY' })),
    responseTimeoutSeconds: Opt(Type.Integer()),
    pollTimeoutSeconds: Opt(Type.Integer()),
    totalTimeoutSeconds: Opt(Type.Integer()),
    concurrentExecLimit: Opt(Type.Integer()),
    rateLimitPerFrequency: Opt(Type.Integer()),
    rateLimitFrequencyInSeconds: Opt(Type.Integer()),
    inputKeys: Opt(Type.Array(Type.String())),
    outputKeys: Opt(Type.Array(Type.String())),
    inputTemplate: Opt(JsonMap),
    isolationGroupId: Opt(Type.String()),
    executionNameSpace: Opt(Type.String()),
    ownerEmail: Opt(Type.String()),
    ownerApp: Opt(Type.String()),
    createTime: Opt(Type.Integer()),
    updateTime: Opt(Type.Integer()),
    createdBy: Opt(Type.String()),
    updatedBy: Opt(Type.String()),
  },
  { $id: 'TaskDef', additionalProperties: true },
);

/** A workflow blueprint. Registered as the shared schema `WorkflowDef`. */
export const WorkflowDefSchema = Type.Object(
  {
    name: Opt(Type.String()),
    description: Opt(Type.String()),
    version: Opt(Type.Integer({ description: 'Default 1; never auto-incremented' })),
    tasks: Opt(Type.Array(TASK_REF)),
    inputParameters: Opt(Type.Array(Type.String())),
    outputParameters: Opt(JsonMap),
    inputTemplate: Opt(JsonMap),
    failureWorkflow: Opt(Type.String()),
    failureWorkflowVersion: Opt(Type.Integer()),
    schemaVersion: Opt(Type.Integer()),
    restartable: Opt(Type.Boolean()),
    workflowStatusListenerEnabled: Opt(Type.Boolean()),
    ownerEmail: Opt(Type.String()),
    timeoutPolicy: Type.Optional(NullableEnum(['TIME_OUT_WF', 'ALERT_ONLY'])),
    timeoutSeconds: Opt(Type.Integer()),
    variables: Opt(JsonMap),
    ownerApp: Opt(Type.String()),
    createTime: Opt(Type.Integer()),
    updateTime: Opt(Type.Integer()),
    createdBy: Opt(Type.String()),
    updatedBy: Opt(Type.String()),
  },
  { $id: 'WorkflowDef', additionalProperties: true },
);

/** `$ref`s to the shared definition schemas, typed with the engine's model. */
export const WorkflowTaskRef = TASK_REF;
export const WorkflowDefRef = SchemaRef<WorkflowDef>('WorkflowDef');
export const TaskDefRef = SchemaRef<TaskDef>('TaskDef');

/** One version of a workflow definition (`names-and-versions`, `{name}/versions`). */
export const WorkflowDefVersionSchema = Type.Object({
  name: Type.String(),
  version: Type.Integer(),
  createTime: Type.Optional(Type.Integer()),
  updateTime: Type.Optional(Type.Integer()),
});
