/**
 * Reading executions: by id, status, tasks page, running ids, by correlation id.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { ExecutionStore, TaskStatus, WorkflowExecutor } from '@baton/engine';
import {
  SearchResultSchema,
  TaskRef,
  WorkflowIdParams,
  WorkflowRef,
  WorkflowStatusSchema,
} from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['workflow'];
const CORRELATED_QUERY = Type.Object({
  includeClosed: Type.Boolean({ default: false }),
  includeTasks: Type.Boolean({ default: false }),
});

/** Registers the read routes. */
export function readRoutes(app: App, executor: WorkflowExecutor, executions: ExecutionStore): void {
  app.get(
    '/workflow/:workflowId',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'An execution, with its tasks unless includeTasks=false',
        params: WorkflowIdParams,
        querystring: Type.Object({ includeTasks: Type.Boolean({ default: true }) }),
        response: { 200: WorkflowRef, ...ERRORS },
      },
    },
    async (request) =>
      executor.getWorkflow(request.params.workflowId, { includeTasks: request.query.includeTasks }),
  );

  app.get(
    '/workflow/:workflowId/status',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'The status of an execution',
        params: WorkflowIdParams,
        querystring: Type.Object({
          includeOutput: Type.Boolean({ default: false }),
          includeVariables: Type.Boolean({ default: false }),
        }),
        response: { 200: WorkflowStatusSchema, ...ERRORS },
      },
    },
    async (request) => {
      const wf = await executor.getWorkflow(request.params.workflowId, { includeTasks: false });
      return {
        workflowId: wf.workflowId,
        correlationId: wf.correlationId ?? null,
        status: wf.status,
        ...(request.query.includeOutput ? { output: wf.output } : {}),
        ...(request.query.includeVariables ? { variables: wf.variables } : {}),
      };
    },
  );

  app.get(
    '/workflow/:workflowId/tasks',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'A page of the tasks of an execution',
        params: WorkflowIdParams,
        querystring: Type.Object({
          start: Type.Integer({ minimum: 0, default: 0 }),
          count: Type.Integer({ minimum: 0, default: 15 }),
          status: Type.Optional(Type.Array(Type.String())),
        }),
        response: { 200: SearchResultSchema(TaskRef), ...ERRORS },
      },
    },
    async (request) => {
      const wf = await executor.getWorkflow(request.params.workflowId, { includeTasks: true });
      const { start, count, status } = request.query;
      const wanted = status === undefined ? null : new Set<string>(status as TaskStatus[]);
      const tasks = wf.tasks.filter((t) => wanted === null || wanted.has(t.status));
      return { totalHits: tasks.length, results: tasks.slice(start, start + count) };
    },
  );

  app.get(
    '/workflow/running/:name',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Ids of RUNNING executions of a definition version (default version 1)',
        params: Type.Object({ name: Type.String() }),
        querystring: Type.Object({
          version: Type.Integer({ default: 1 }),
          startTime: Type.Optional(Type.Number()),
          endTime: Type.Optional(Type.Number()),
        }),
        response: { 200: Type.Array(Type.String()), ...ERRORS },
      },
    },
    async (request) => {
      const { version, startTime, endTime } = request.query;
      return executions.getRunningWorkflowIds(request.params.name, version, startTime, endTime);
    },
  );

  app.get(
    '/workflow/:name/correlated/:correlationId',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Executions of a definition with a correlation id',
        params: Type.Object({ name: Type.String(), correlationId: Type.String() }),
        querystring: CORRELATED_QUERY,
        response: { 200: Type.Array(WorkflowRef), ...ERRORS },
      },
    },
    async (request) =>
      executions.getWorkflowsByCorrelationId(
        request.params.name,
        request.params.correlationId,
        request.query,
      ),
  );

  app.post(
    '/workflow/:name/correlated',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Executions of a definition for each of several correlation ids',
        params: Type.Object({ name: Type.String() }),
        querystring: CORRELATED_QUERY,
        body: Type.Array(Type.String()),
        response: { 200: Type.Record(Type.String(), Type.Array(WorkflowRef)), ...ERRORS },
      },
    },
    async (request) => {
      const out: Record<
        string,
        Awaited<ReturnType<ExecutionStore['getWorkflowsByCorrelationId']>>
      > = {};
      for (const correlationId of request.body) {
        out[correlationId] = await executions.getWorkflowsByCorrelationId(
          request.params.name,
          correlationId,
          request.query,
        );
      }
      return out;
    },
  );
}
