/**
 * `/api/scheduler`: Conductor's scheduler API. Save (create or replace), list (optionally for one
 * workflow), get, delete, pause and resume (GET as the Orkes SDKs send them, PUT as Conductor OSS
 * does), the next due times of an expression, and the record of scheduled starts.
 * docs/conductor-compatibility.md#schedules.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError, validateSchedule } from '@baton/engine';
import type { ScheduleStore, DefinitionStore } from '@baton/engine';
import {
  EmptyResponse,
  NameParams,
  NextFewSchedulesQuery,
  ScheduleExecutionPageSchema,
  ScheduleExecutionSearchQuery,
  ScheduleListQuery,
  SchedulePauseQuery,
  WorkflowScheduleRef,
} from '@baton/contract';
import { cronCheck, cronSeries, nextTimes } from '../../schedules/cron.js';
import { createScheduleService } from '../../schedules/schedule-service.js';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['scheduler'];

/** Most times `nextFewSchedules` returns (Conductor's limit). */
const NEXT_FEW_MAX = 5;

/** Registers the scheduler routes. */
export function schedulerRoutes(
  app: App,
  deps: { schedules: ScheduleStore; definitions: DefinitionStore; now?: () => number },
): void {
  const service = createScheduleService(deps);
  const now = deps.now ?? Date.now;

  app.post(
    '/scheduler/schedules',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Create or replace a schedule (by name); returns it with its next due time',
        body: WorkflowScheduleRef,
        response: { 200: WorkflowScheduleRef, ...ERRORS },
      },
    },
    async (request) => service.save(request.body),
  );

  app.get(
    '/scheduler/schedules',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'All schedules, or those starting workflowName',
        querystring: ScheduleListQuery,
        response: { 200: Type.Array(WorkflowScheduleRef), ...ERRORS },
      },
    },
    async (request) => {
      const name = request.query.workflowName;
      return deps.schedules.listSchedules(name === undefined || name === '' ? undefined : name);
    },
  );

  app.get(
    '/scheduler/schedules/:name',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'One schedule',
        params: NameParams,
        response: { 200: WorkflowScheduleRef, ...ERRORS },
      },
    },
    async (request) => service.get(request.params.name),
  );

  app.delete(
    '/scheduler/schedules/:name',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Remove a schedule and its execution records',
        params: NameParams,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await deps.schedules.removeSchedule(request.params.name);
      return reply.code(200).send();
    },
  );

  for (const method of ['GET', 'PUT'] as const) {
    app.route({
      method,
      url: '/scheduler/schedules/:name/pause',
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Pause a schedule (no due time starts until it is resumed)',
        params: NameParams,
        querystring: SchedulePauseQuery,
        response: { 200: EmptyResponse, ...ERRORS },
      },
      handler: async (request, reply) => {
        await service.pause(request.params.name, request.query.reason ?? null);
        return reply.code(200).send();
      },
    });
    app.route({
      method,
      url: '/scheduler/schedules/:name/resume',
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary:
          'Resume a schedule (without catch-up, the due times missed while paused are skipped)',
        params: NameParams,
        response: { 200: EmptyResponse, ...ERRORS },
      },
      handler: async (request, reply) => {
        await service.resume(request.params.name);
        return reply.code(200).send();
      },
    });
  }

  app.get(
    '/scheduler/nextFewSchedules',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'The next due times (epoch ms, at most 5) of a cron expression',
        querystring: NextFewSchedulesQuery,
        response: { 200: Type.Array(Type.Integer()), ...ERRORS },
      },
    },
    async (request) => {
      const { cronExpression, zoneId, scheduleStartTime, scheduleEndTime } = request.query;
      const issues = validateSchedule(
        { name: 'preview', cronExpression, zoneId, startWorkflowRequest: { name: 'preview' } },
        cronCheck,
      );
      if (issues.length > 0) {
        throw batonError('SCHEDULE_INVALID', issues.map((i) => i.message).join('; '), {
          validationErrors: issues,
        });
      }
      const limit = Math.min(request.query.limit ?? 3, NEXT_FEW_MAX);
      const from = Math.max(now(), scheduleStartTime ?? 0) - 1;
      const until = scheduleEndTime ? scheduleEndTime : null;
      return nextTimes(cronSeries(cronExpression, zoneId), from, until, limit);
    },
  );

  app.get(
    '/scheduler/search/executions',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary:
          'Scheduled starts, newest due time first; freeText is a schedule name, a workflow name or a state',
        querystring: ScheduleExecutionSearchQuery,
        response: { 200: ScheduleExecutionPageSchema, ...ERRORS },
      },
    },
    async (request) => {
      const { start = 0, size = 100, freeText, query } = request.query;
      const text =
        freeText === undefined || freeText === '' || freeText === '*' ? undefined : freeText;
      let scheduleName: string | undefined;
      if (query !== undefined && query.trim() !== '') {
        scheduleName = /^\s*scheduleName\s*=\s*'?([^'\s]+)'?\s*$/.exec(query)?.[1];
        if (scheduleName === undefined) {
          throw batonError('REQUEST_INVALID', "query supports only scheduleName='<name>'", {
            validationErrors: [
              { path: 'query', message: "use scheduleName='<name>'", invalidValue: query },
            ],
          });
        }
      }
      return deps.schedules.searchExecutions({
        ...(scheduleName === undefined ? {} : { scheduleName }),
        ...(text === undefined ? {} : { text }),
        start,
        size,
      });
    },
  );
}
