/**
 * Task search: `GET /api/tasks/search` (TaskSummary rows) and `/search-v2` (full tasks), with the
 * workflow search's `start`/`size` (max 5000)/`sort`/`freeText`/`query` parameters over the task
 * fields (taskId, taskType, taskDefName, referenceTaskName, status, workflowId, workflowType,
 * correlationId, scheduledTime, startTime, endTime, updateTime, workerId, domain).
 * @module
 */
import { Type } from '@sinclair/typebox';
import { toTaskSummary } from '@baton/engine';
import type { ExecutionStore } from '@baton/engine';
import { SearchQuerySchema, SearchResultSchema, TaskRef } from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';
import { toSearchRequest } from '../workflow/search.js';

const TaskSummarySchema = Type.Object(
  {
    workflowId: Type.String(),
    workflowType: Type.String(),
    correlationId: Type.Union([Type.String(), Type.Null()]),
    scheduledTime: Type.String(),
    startTime: Type.String(),
    updateTime: Type.String(),
    endTime: Type.String(),
    status: Type.String(),
    reasonForIncompletion: Type.Union([Type.String(), Type.Null()]),
    executionTime: Type.Integer(),
    queueWaitTime: Type.Integer(),
    taskDefName: Type.String(),
    taskType: Type.String(),
    input: Type.String({ description: 'JSON text' }),
    output: Type.String({ description: 'JSON text' }),
    taskId: Type.String(),
    workflowPriority: Type.Integer(),
    domain: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: true },
);

/** Registers the task search routes. */
export function taskSearchRoutes(app: App, executions: ExecutionStore): void {
  app.get(
    '/tasks/search',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['task'],
        summary: 'Search tasks (summaries)',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema(TaskSummarySchema), ...ERRORS },
      },
    },
    async (request) => {
      const found = await executions.searchTasks(toSearchRequest(request.query));
      return { totalHits: found.totalHits, results: found.results.map(toTaskSummary) };
    },
  );
  app.get(
    '/tasks/search-v2',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['task'],
        summary: 'Search tasks (full tasks)',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema(TaskRef), ...ERRORS },
      },
    },
    async (request) => executions.searchTasks(toSearchRequest(request.query)),
  );
}
