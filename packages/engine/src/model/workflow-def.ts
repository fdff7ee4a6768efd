/**
 * WorkflowDef and WorkflowTask: a workflow blueprint in Conductor's JSON format.
 * Unknown fields are kept (index signatures) so people can round-trip their JSON.
 * @module
 */
import type { TaskDef } from './task-def.js';

/** Every task type Conductor knows; any other string is a USER_DEFINED worker task. */
export const TASK_TYPES = [
  'SIMPLE',
  'DYNAMIC',
  'FORK_JOIN',
  'FORK_JOIN_DYNAMIC',
  'DECISION',
  'SWITCH',
  'JOIN',
  'DO_WHILE',
  'SUB_WORKFLOW',
  'START_WORKFLOW',
  'EVENT',
  'WAIT',
  'HUMAN',
  'HTTP',
  'LAMBDA',
  'INLINE',
  'EXCLUSIVE_JOIN',
  'TERMINATE',
  'KAFKA_PUBLISH',
  'JSON_JQ_TRANSFORM',
  'SET_VARIABLE',
  'NOOP',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export interface SubWorkflowParams {
  name?: string;
  version?: number | string | null;
  taskToDomain?: Record<string, string> | null;
  /** An inline WorkflowDef, or a `${...}` expression resolving to one at schedule time. */
  workflowDefinition?: WorkflowDef | string | null;
  priority?: number | string | null;
  idempotencyKey?: string | null;
  idempotencyStrategy?: IdempotencyStrategy | null;
  [extra: string]: unknown;
}

/** A node in a workflow definition. `type` defaults to SIMPLE. */
export interface WorkflowTask {
  name: string;
  taskReferenceName: string;
  description?: string | null;
  type?: string;
  inputParameters?: Record<string, unknown>;
  optional?: boolean;
  asyncComplete?: boolean;
  startDelay?: number;
  retryCount?: number | null;
  /** Inline TaskDef; takes precedence over the registered one. */
  taskDefinition?: TaskDef | null;
  rateLimited?: boolean | null;
  decisionCases?: Record<string, WorkflowTask[]>;
  defaultCase?: WorkflowTask[];
  evaluatorType?: string | null;
  expression?: string | null;
  caseValueParam?: string | null;
  caseExpression?: string | null;
  forkTasks?: WorkflowTask[][];
  joinOn?: string[];
  defaultExclusiveJoinTask?: string[];
  loopCondition?: string | null;
  loopOver?: WorkflowTask[];
  items?: string | null;
  subWorkflowParam?: SubWorkflowParams | null;
  dynamicTaskNameParam?: string | null;
  dynamicForkTasksParam?: string | null;
  dynamicForkTasksInputParamName?: string | null;
  dynamicForkJoinTasksParam?: string | null;
  sink?: string | null;
  scriptExpression?: string | null;
  [extra: string]: unknown;
}

export type WorkflowTimeoutPolicy = 'TIME_OUT_WF' | 'ALERT_ONLY';
export type IdempotencyStrategy = 'FAIL' | 'RETURN_EXISTING' | 'FAIL_ON_RUNNING';

export interface WorkflowDef {
  name: string;
  description?: string | null;
  /** Default 1. The server never auto-increments. */
  version?: number;
  tasks: WorkflowTask[];
  inputParameters?: string[];
  outputParameters?: Record<string, unknown>;
  inputTemplate?: Record<string, unknown>;
  failureWorkflow?: string | null;
  failureWorkflowVersion?: number | null;
  /** Default 2; only 2 is accepted. */
  schemaVersion?: number;
  /** Default true; false forbids restarting a COMPLETED run. */
  restartable?: boolean;
  workflowStatusListenerEnabled?: boolean;
  ownerEmail?: string | null;
  /** Default ALERT_ONLY. */
  timeoutPolicy?: WorkflowTimeoutPolicy;
  /** Default 0 (no timeout). */
  timeoutSeconds?: number;
  variables?: Record<string, unknown>;
  ownerApp?: string | null;
  createTime?: number;
  updateTime?: number;
  createdBy?: string | null;
  updatedBy?: string | null;
  [extra: string]: unknown;
}

/** Request to start a workflow (body of `POST /api/workflow`). */
export interface StartWorkflowRequest {
  name: string;
  version?: number | null;
  correlationId?: string | null;
  priority?: number | null;
  input?: Record<string, unknown> | null;
  taskToDomain?: Record<string, string> | null;
  /** An inline ("ephemeral") definition, used as-is. */
  workflowDef?: WorkflowDef | null;
  externalInputPayloadStoragePath?: string | null;
  idempotencyKey?: string | null;
  idempotencyStrategy?: IdempotencyStrategy | null;
  createdBy?: string | null;
  [extra: string]: unknown;
}

/** Body of `POST /api/workflow/{id}/rerun`. */
export interface RerunWorkflowRequest {
  reRunFromWorkflowId?: string | null;
  workflowInput?: Record<string, unknown> | null;
  reRunFromTaskId?: string | null;
  taskInput?: Record<string, unknown> | null;
  correlationId?: string | null;
}

/** Body of `PUT /api/workflow/{id}/skiptask/{ref}`. */
export interface SkipTaskRequest {
  taskInput?: Record<string, unknown> | null;
  taskOutput?: Record<string, unknown> | null;
}
