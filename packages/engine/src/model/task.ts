/**
 * Task (one scheduled attempt of a WorkflowTask) and TaskResult (a worker's update), Conductor's JSON.
 * @module
 */
import type { TaskResultStatus, TaskStatus } from './status.js';
import type { TaskDef } from './task-def.js';
import type { WorkflowTask } from './workflow-def.js';

export interface Task {
  taskId: string;
  /** Worker tasks: the task def name. System tasks: the type constant (a fork is `FORK`). */
  taskType: string;
  taskDefName: string;
  /** Inside a DO_WHILE body, carries the iteration suffix (`ref__2`). */
  referenceTaskName: string;
  status: TaskStatus;
  inputData: Record<string, unknown>;
  outputData: Record<string, unknown>;
  /** Scheduling order within the workflow, from 1. SKIPPED rows use 0 so they sort first. */
  seq: number;
  /** 0 for the first attempt; each retry is a new row with retryCount + 1. Resets only on restart. */
  retryCount: number;
  /** The taskId of the attempt this one retries. */
  retriedTaskId?: string | null;
  /** True on an attempt that has been superseded by a retry row. */
  retried: boolean;
  /** True once the decider has acted on this terminal row (scheduled its successor or a retry). */
  executed: boolean;
  pollCount: number;
  correlationId?: string | null;
  workflowInstanceId: string;
  workflowType: string;
  workflowPriority: number;
  scheduledTime: number;
  startTime: number;
  endTime: number;
  updateTime: number;
  startDelayInSeconds: number;
  callbackAfterSeconds: number;
  responseTimeoutSeconds: number;
  callbackFromWorker: boolean;
  workerId?: string | null;
  reasonForIncompletion?: string | null;
  domain?: string | null;
  rateLimitPerFrequency?: number;
  rateLimitFrequencyInSeconds?: number;
  /** DO_WHILE iteration this row belongs to (0 outside loops). */
  iteration: number;
  loopOverTask?: boolean;
  subWorkflowId?: string | null;
  subworkflowChanged?: boolean;
  /** The definition node this task was scheduled from. */
  workflowTask: WorkflowTask;
  taskDefinition?: TaskDef | null;
  isolationGroupId?: string | null;
  executionNameSpace?: string | null;
  firstStartTime?: number;
  parentTaskId?: string | null;
  /** Epoch ms at which a WAIT task completes by itself (internal). */
  waitTimeout?: number;
  [extra: string]: unknown;
}

export interface TaskExecLog {
  log: string;
  taskId: string;
  createdTime: number;
}

/** Body of `POST /api/tasks`. */
export interface TaskResult {
  workflowInstanceId: string;
  taskId: string;
  status: TaskResultStatus;
  outputData?: Record<string, unknown> | null;
  reasonForIncompletion?: string | null;
  callbackAfterSeconds?: number | null;
  workerId?: string | null;
  logs?: Array<{ log: string; taskId?: string; createdTime?: number }> | null;
  externalOutputPayloadStoragePath?: string | null;
  subWorkflowId?: string | null;
  /** A heartbeat: only bumps the update time. */
  extendLease?: boolean;
  [extra: string]: unknown;
}

/** Last poll of a queue by a worker (`GET /api/tasks/queue/polldata`). */
export interface PollData {
  queueName: string;
  domain?: string | null;
  workerId: string;
  lastPollTime: number;
}
