/**
 * Conductor's WorkflowSchedule: start `startWorkflowRequest` at each time `cronExpression`
 * (Spring's six fields, seconds first) names in `zoneId`, and WorkflowScheduleExecution, the
 * record of one such start (docs/conductor-compatibility.md#schedules).
 * @module
 */
import type { StartWorkflowRequest } from './workflow-def.js';

export interface WorkflowSchedule {
  name: string;
  cronExpression: string;
  /** IANA time zone the cron expression is read in; absent: UTC. */
  zoneId?: string | null;
  startWorkflowRequest: StartWorkflowRequest;
  paused?: boolean;
  pausedReason?: string | null;
  /** After downtime or a pause: true runs the missed due times (capped), false skips them. */
  runCatchupScheduleInstances?: boolean;
  /** Epoch ms; no due time before it. */
  scheduleStartTime?: number | null;
  /** Epoch ms; no due time after it. */
  scheduleEndTime?: number | null;
  description?: string | null;
  createTime?: number;
  updatedTime?: number;
  createdBy?: string | null;
  updatedBy?: string | null;
  /** The next due time not yet handled (epoch ms); null: none left. Kept by the server. */
  nextRunTime?: number | null;
  [extra: string]: unknown;
}

/** POLLED: claimed by a server, not started yet; EXECUTED: started; FAILED: the start failed. */
export const SCHEDULE_EXECUTION_STATES = ['POLLED', 'EXECUTED', 'FAILED'] as const;
export type ScheduleExecutionState = (typeof SCHEDULE_EXECUTION_STATES)[number];

export interface WorkflowScheduleExecution {
  executionId: string;
  scheduleName: string;
  /** The due time this execution is for (epoch ms). */
  scheduledTime: number;
  /** When the server started it (epoch ms). */
  executionTime: number;
  workflowName: string;
  workflowId?: string | null;
  state: ScheduleExecutionState;
  reason?: string | null;
  zoneId?: string | null;
  startWorkflowRequest?: StartWorkflowRequest;
}

/** Search result of `GET /api/scheduler/search/executions`. */
export interface ScheduleExecutionPage {
  totalHits: number;
  results: WorkflowScheduleExecution[];
}
