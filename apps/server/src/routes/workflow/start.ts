/**
 * Starting workflows: `POST /api/workflow` (StartWorkflowRequest) and `POST /api/workflow/{name}`
 * (input map). Both answer with the new id as a bare `text/plain` body.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError, isBatonError, validateWorkflowDef } from '@baton/engine';
import type { WorkflowExecutor } from '@baton/engine';
import { JsonMap, Nullable, StartWorkflowRequestRef, TextResponse } from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';
import type { AppMetrics } from '../../plugins/metrics.js';

const TAGS = ['workflow'];

/** WORKFLOW_DEF_INVALID for an inline definition registration would refuse, paths under it. */
export function assertValidInlineDef(def: unknown): void {
  const issues = validateWorkflowDef(def);
  if (issues.length === 0) return;
  throw batonError('WORKFLOW_DEF_INVALID', 'Validation failed, check below errors for detail.', {
    validationErrors: issues.map((i) => ({
      ...i,
      path: i.path === '' ? 'workflowDef' : `workflowDef.${i.path}`,
    })),
  });
}

/** Registers the start routes. */
export function startRoutes(app: App, executor: WorkflowExecutor, metrics: AppMetrics): void {
  app.post(
    '/workflow',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Start a workflow; returns its id (text/plain)',
        body: StartWorkflowRequestRef,
        response: { 200: TextResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      // An inline definition is checked as a registered one would be (docs/errors.md).
      if (request.body.workflowDef) assertValidInlineDef(request.body.workflowDef);
      const id = await executor.startWorkflow(request.body);
      metrics.workflowStarted(request.body.name);
      return reply.type('text/plain').send(id);
    },
  );

  app.post(
    '/workflow/:name',
    {
      config: { permission: 'write' },
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
      schema: {
        tags: TAGS,
        summary: 'Start a workflow by name with the body as its input; returns its id (text/plain)',
        params: Type.Object({ name: Type.String() }),
        querystring: Type.Object({
          version: Type.Optional(Type.Integer()),
          correlationId: Type.Optional(Type.String()),
          priority: Type.Integer({ minimum: 0, maximum: 99, default: 0 }),
        }),
        body: Nullable(JsonMap),
        response: { 200: TextResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (request.body === null) {
        throw batonError('REQUEST_INVALID', 'NULL input passed when starting workflow', {
          validationErrors: [
            {
              path: 'body',
              message: 'NULL input passed when starting workflow',
              invalidValue: null,
            },
          ],
        });
      }
      const { name } = request.params;
      const { version, correlationId, priority } = request.query;
      let id: string;
      try {
        id = await executor.startWorkflow({
          name,
          version,
          correlationId,
          priority,
          input: request.body,
        });
      } catch (e) {
        // Conductor words this route's unknown name differently from POST /api/workflow.
        if (isBatonError(e) && e.code === 'WORKFLOW_DEF_NOT_FOUND' && e.details.name === name) {
          throw batonError(
            'WORKFLOW_DEF_NOT_FOUND',
            `No such workflow found by name: ${name}, version: ${version ?? null}`,
            { details: { name, version: version ?? null } },
          );
        }
        throw e;
      }
      metrics.workflowStarted(name);
      return reply.type('text/plain').send(id);
    },
  );
}
