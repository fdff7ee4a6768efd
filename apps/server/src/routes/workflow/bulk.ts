/**
 * `/api/workflow/bulk/*`: the control actions over 1..1000 ids. Per-id failures go into
 * `bulkErrorResults`; the HTTP call itself succeeds.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { Workflow, WorkflowExecutor } from '@baton/engine';
import { BulkResponseSchema, WorkflowIdsSchema, WorkflowRef } from '@baton/contract';
import type { BulkResponse } from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['workflow-bulk'];

async function each(
  ids: string[],
  action: (id: string) => Promise<unknown>,
): Promise<BulkResponse<string>> {
  const result: BulkResponse<string> = { bulkSuccessfulResults: [], bulkErrorResults: {} };
  for (const id of ids) {
    try {
      await action(id);
      result.bulkSuccessfulResults.push(id);
    } catch (e) {
      result.bulkErrorResults[id] = (e as Error).message;
    }
  }
  return result;
}

/** Registers the bulk routes. */
export function bulkRoutes(app: App, executor: WorkflowExecutor): void {
  const schema = (summary: string) => ({
    tags: TAGS,
    summary,
    body: WorkflowIdsSchema,
    response: { 200: BulkResponseSchema(Type.String()), ...ERRORS },
  });
  const config = { permission: 'write' as const };

  app.put('/workflow/bulk/pause', { config, schema: schema('Pause executions') }, async (request) =>
    each(request.body, (id) => executor.pause(id)),
  );
  app.put(
    '/workflow/bulk/resume',
    { config, schema: schema('Resume executions') },
    async (request) => each(request.body, (id) => executor.resume(id)),
  );
  app.post(
    '/workflow/bulk/restart',
    {
      config,
      schema: {
        ...schema('Restart executions'),
        querystring: Type.Object({ useLatestDefinitions: Type.Boolean({ default: false }) }),
      },
    },
    async (request) => each(request.body, (id) => executor.restart(id, request.query)),
  );
  app.post(
    '/workflow/bulk/retry',
    { config, schema: schema('Retry executions') },
    async (request) => each(request.body, (id) => executor.retry(id)),
  );
  app.post(
    '/workflow/bulk/terminate',
    {
      config,
      schema: {
        ...schema('Terminate executions'),
        querystring: Type.Object({ reason: Type.Optional(Type.String()) }),
      },
    },
    async (request) => each(request.body, (id) => executor.terminate(id, request.query.reason)),
  );
  app.delete(
    '/workflow/bulk/remove',
    {
      config,
      schema: {
        ...schema('Remove executions'),
        querystring: Type.Object({ archiveWorkflow: Type.Boolean({ default: true }) }),
      },
    },
    async (request) => each(request.body, (id) => executor.remove(id, request.query)),
  );
  app.delete(
    '/workflow/bulk/terminate-remove',
    {
      config,
      schema: {
        ...schema('Terminate (when running or paused), then remove executions'),
        querystring: Type.Object({
          reason: Type.Optional(Type.String()),
          archiveWorkflow: Type.Boolean({ default: true }),
        }),
      },
    },
    async (request) =>
      each(request.body, async (id) => {
        const wf = await executor.getWorkflow(id, { includeTasks: false });
        if (wf.status === 'RUNNING' || wf.status === 'PAUSED') {
          await executor.terminate(id, request.query.reason);
        }
        await executor.remove(id, { archiveWorkflow: request.query.archiveWorkflow });
      }),
  );
  app.post(
    '/workflow/bulk/search',
    {
      config: { permission: 'read' as const },
      schema: {
        tags: TAGS,
        summary: 'Read executions by id',
        body: WorkflowIdsSchema,
        querystring: Type.Object({ includeTasks: Type.Boolean({ default: true }) }),
        response: { 200: BulkResponseSchema(WorkflowRef), ...ERRORS },
      },
    },
    async (request) => {
      const result: BulkResponse<Workflow> = { bulkSuccessfulResults: [], bulkErrorResults: {} };
      for (const id of request.body) {
        try {
          const includeTasks = request.query.includeTasks;
          result.bulkSuccessfulResults.push(await executor.getWorkflow(id, { includeTasks }));
        } catch (e) {
          result.bulkErrorResults[id] = (e as Error).message;
        }
      }
      return result;
    },
  );
}
