/**
 * Wire schemas of Conductor's scheduler API (`/api/scheduler`). Permissive like the other
 * definitions: the engine's `validateSchedule` enforces the rules with field-named messages.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { ScheduleExecutionPage, WorkflowSchedule } from '@baton/engine';
import { JsonMap, Opt, SchemaRef } from './nullable.js';

/** Registered as the shared schema `WorkflowSchedule`. */
export const WorkflowScheduleSchema = Type.Object(
  {
    name: Opt(Type.String()),
    cronExpression: Opt(
      Type.String({ description: 'six fields, seconds first (Spring), e.g. 0 0 9 * * MON-FRI' }),
    ),
    zoneId: Opt(Type.String({ description: 'IANA time zone, default UTC' })),
    startWorkflowRequest: Opt(JsonMap),
    paused: Opt(Type.Boolean()),
    pausedReason: Opt(Type.String()),
    runCatchupScheduleInstances: Opt(Type.Boolean()),
    scheduleStartTime: Opt(Type.Integer()),
    scheduleEndTime: Opt(Type.Integer()),
    description: Opt(Type.String()),
    createTime: Opt(Type.Integer()),
    updatedTime: Opt(Type.Integer()),
    createdBy: Opt(Type.String()),
    updatedBy: Opt(Type.String()),
    nextRunTime: Opt(Type.Integer({ description: 'next due time, epoch ms (null: none left)' })),
  },
  { $id: 'WorkflowSchedule', additionalProperties: true },
);

export const WorkflowScheduleRef = SchemaRef<WorkflowSchedule>('WorkflowSchedule');

export const WorkflowScheduleExecutionSchema = Type.Object(
  {
    executionId: Type.String(),
    scheduleName: Type.String(),
    scheduledTime: Type.Integer(),
    executionTime: Type.Integer(),
    workflowName: Type.String(),
    workflowId: Opt(Type.String()),
    state: Type.String({ description: 'POLLED, EXECUTED or FAILED' }),
    reason: Opt(Type.String()),
    zoneId: Opt(Type.String()),
  },
  { additionalProperties: true },
);

export const ScheduleExecutionPageSchema = Type.Unsafe<ScheduleExecutionPage>(
  Type.Object({
    totalHits: Type.Integer(),
    results: Type.Array(WorkflowScheduleExecutionSchema),
  }),
);

/** `GET /api/scheduler/schedules` query. */
export const ScheduleListQuery = Type.Object({
  workflowName: Type.Optional(Type.String({ maxLength: 1024 })),
});

/** `GET|PUT /api/scheduler/schedules/{name}/pause` query. */
export const SchedulePauseQuery = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 1024 })),
});

/** `GET /api/scheduler/nextFewSchedules` query. */
export const NextFewSchedulesQuery = Type.Object({
  cronExpression: Type.String({ maxLength: 255 }),
  scheduleStartTime: Type.Optional(Type.Integer({ minimum: 0 })),
  scheduleEndTime: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, default: 3, description: 'at most 5 (larger is read as 5)' }),
  ),
  zoneId: Type.Optional(
    Type.String({ maxLength: 64, description: 'Baton: the time zone (default UTC)' }),
  ),
});

/** `GET /api/scheduler/search/executions` query. */
export const ScheduleExecutionSearchQuery = Type.Object({
  start: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  size: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 100 })),
  sort: Type.Optional(Type.String({ maxLength: 256 })),
  freeText: Type.Optional(Type.String({ maxLength: 1024 })),
  query: Type.Optional(Type.String({ maxLength: 4096 })),
});
