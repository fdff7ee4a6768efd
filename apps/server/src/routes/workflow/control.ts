/**
 * Operator actions on one execution: pause, resume, terminate, restart, retry, rerun, skip task,
 * remove, reset callbacks and decide. Errors (404, 409) come from the executor.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { WorkflowExecutor } from '@baton/engine';
import {
  EmptyResponse,
  NoContentResponse,
  RerunWorkflowRequestRef,
  SkipTaskRequestRef,
  TextResponse,
  WorkflowIdParams,
} from '@baton/contract';
import { ERRORS, defaultBody } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['workflow'];

/** Registers the control routes. */
export function controlRoutes(app: App, executor: WorkflowExecutor): void {
  const simple = { config: { permission: 'write' as const } };

  app.put(
    '/workflow/:workflowId/pause',
    {
      ...simple,
      schema: {
        tags: TAGS,
        summary: 'Pause',
        params: WorkflowIdParams,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await executor.pause(request.params.workflowId);
      return reply.code(200).send();
    },
  );

  app.put(
    '/workflow/:workflowId/resume',
    {
      ...simple,
      schema: {
        tags: TAGS,
        summary: 'Resume a paused execution',
        params: WorkflowIdParams,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await executor.resume(request.params.workflowId);
      return reply.code(200).send();
    },
  );

  app.delete(
    '/workflow/:workflowId',
    {
      ...simple,
      schema: {
        tags: TAGS,
        summary: 'Terminate',
        params: WorkflowIdParams,
        querystring: Type.Object({ reason: Type.Optional(Type.String()) }),
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await executor.terminate(request.params.workflowId, request.query.reason);
      return reply.code(200).send();
    },
  );

  app.post(
    '/workflow/:workflowId/restart',
    {
      ...simple,
      schema: {
        tags: TAGS,
        summary: 'Restart a terminal execution from the beginning',
        params: WorkflowIdParams,
        querystring: Type.Object({ useLatestDefinitions: Type.Boolean({ default: false }) }),
        response: { 204: NoContentResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await executor.restart(request.params.workflowId, request.query);
      return reply.code(204).send();
    },
  );

  app.post(
    '/workflow/:workflowId/retry',
    {
      ...simple,
      schema: {
        tags: TAGS,
        summary: 'Retry the last failed task of a terminal execution',
        params: WorkflowIdParams,
        querystring: Type.Object({ resumeSubworkflowTasks: Type.Boolean({ default: false }) }),
        response: { 204: NoContentResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await executor.retry(request.params.workflowId, request.query);
      return reply.code(204).send();
    },
  );

  app.post(
    '/workflow/:workflowId/rerun',
    {
      ...simple,
      preValidation: defaultBody(() => ({})),
      schema: {
        tags: TAGS,
        summary: 'Rerun from a task; returns the (same) workflow id (text/plain)',
        params: WorkflowIdParams,
        body: RerunWorkflowRequestRef,
        response: { 200: TextResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const id = await executor.rerun(request.params.workflowId, request.body);
      return reply.type('text/plain').send(id);
    },
  );

  app.put(
    '/workflow/:workflowId/skiptask/:taskReferenceName',
    {
      ...simple,
      preValidation: defaultBody(() => ({})),
      schema: {
        tags: TAGS,
        summary: 'Skip a task that has not been scheduled yet',
        params: Type.Object({ workflowId: Type.String(), taskReferenceName: Type.String() }),
        body: SkipTaskRequestRef,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await executor.skipTask(
        request.params.workflowId,
        request.params.taskReferenceName,
        request.body,
      );
      return reply.code(200).send();
    },
  );

  app.delete(
    '/workflow/:workflowId/remove',
    {
      ...simple,
      schema: {
        tags: TAGS,
        summary: 'Delete an execution and its tasks',
        params: WorkflowIdParams,
        querystring: Type.Object({ archiveWorkflow: Type.Boolean({ default: true }) }),
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await executor.remove(request.params.workflowId, request.query);
      return reply.code(200).send();
    },
  );

  app.delete(
    '/workflow/:workflowId/terminate-remove',
    {
      ...simple,
      schema: {
        tags: TAGS,
        summary: 'Terminate, then delete an execution',
        params: WorkflowIdParams,
        querystring: Type.Object({
          reason: Type.Optional(Type.String()),
          archiveWorkflow: Type.Boolean({ default: true }),
        }),
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { workflowId } = request.params;
      const wf = await executor.getWorkflow(workflowId, { includeTasks: false });
      if (wf.status === 'RUNNING' || wf.status === 'PAUSED') {
        await executor.terminate(workflowId, request.query.reason);
      }
      await executor.remove(workflowId, { archiveWorkflow: request.query.archiveWorkflow });
      return reply.code(200).send();
    },
  );

  app.post(
    '/workflow/:workflowId/resetcallbacks',
    {
      ...simple,
      schema: {
        tags: TAGS,
        summary: 'Make SCHEDULED tasks waiting on callbackAfterSeconds pollable now',
        params: WorkflowIdParams,
        response: { 204: NoContentResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await executor.resetCallbacks(request.params.workflowId);
      return reply.code(204).send();
    },
  );

  app.put(
    '/workflow/decide/:workflowId',
    {
      ...simple,
      schema: {
        tags: TAGS,
        summary: 'Run the decider now',
        params: WorkflowIdParams,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await executor.decide(request.params.workflowId);
      return reply.code(200).send();
    },
  );
}
