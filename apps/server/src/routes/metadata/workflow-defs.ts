/**
 * `/api/metadata/workflow`: register, update, validate, read, list and delete workflow definitions.
 * Definitions are validated by the engine (Conductor's messages) before anything is stored.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError, validateWorkflowDef, workflowDefWarnings } from '@baton/engine';
import type { DefinitionStore, WorkflowDef } from '@baton/engine';
import {
  BulkResponseSchema,
  EmptyResponse,
  NameParams,
  ValidationWarningsSchema,
  WorkflowDefRef,
  WorkflowDefVersionSchema,
} from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['metadata'];

/** Throws WORKFLOW_DEF_INVALID with one validationErrors entry per issue. */
export function assertValidWorkflowDef(def: WorkflowDef, path = 'workflowDef'): void {
  const issues = validateWorkflowDef(def);
  if (issues.length === 0) return;
  throw batonError('WORKFLOW_DEF_INVALID', 'Validation failed, check below errors for detail.', {
    validationErrors: issues.map((i) => ({ ...i, path: i.path === '' ? path : i.path })),
  });
}

/** Registers the workflow definition routes. */
export function workflowDefRoutes(app: App, definitions: DefinitionStore): void {
  app.post(
    '/metadata/workflow',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Register a workflow definition (409 when the version exists unless overwrite)',
        querystring: Type.Object({ overwrite: Type.Boolean({ default: false }) }),
        body: WorkflowDefRef,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      assertValidWorkflowDef(request.body);
      await definitions.saveWorkflowDef(request.body, { overwrite: request.query.overwrite });
      return reply.code(200).send();
    },
  );

  app.put(
    '/metadata/workflow',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Create or update several workflow definitions',
        body: Type.Array(WorkflowDefRef),
        response: { 200: BulkResponseSchema(Type.String()), ...ERRORS },
      },
    },
    async (request) => {
      request.body.forEach((def, i) => assertValidWorkflowDef(def, `workflowDefs[${i}]`));
      const result = {
        bulkSuccessfulResults: [] as string[],
        bulkErrorResults: {} as Record<string, string>,
      };
      for (const def of request.body) {
        try {
          await definitions.saveWorkflowDef(def, { overwrite: true });
          result.bulkSuccessfulResults.push(def.name);
        } catch (e) {
          result.bulkErrorResults[def.name] = (e as Error).message;
        }
      }
      return result;
    },
  );

  app.post(
    '/metadata/workflow/validate',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary:
          'Validate a workflow definition without storing it; a 200 may list warnings (it registers but will fail at run time)',
        body: WorkflowDefRef,
        response: {
          200: Type.Union([EmptyResponse, ValidationWarningsSchema], {
            description: 'Empty body, or the warnings',
          }),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      assertValidWorkflowDef(request.body);
      const warnings = workflowDefWarnings(request.body);
      if (warnings.length === 0) return reply.code(200).send(undefined);
      return reply.code(200).send({ warnings });
    },
  );

  app.get(
    '/metadata/workflow',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Every version of every workflow definition',
        response: { 200: Type.Array(WorkflowDefRef) },
      },
    },
    async () => definitions.listWorkflowDefs(),
  );

  app.get(
    '/metadata/workflow/latest-versions',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'The latest version of each workflow definition',
        response: { 200: Type.Array(WorkflowDefRef) },
      },
    },
    async () => definitions.listLatestWorkflowDefs(),
  );

  app.get(
    '/metadata/workflow/names-and-versions',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Versions of every workflow definition, by name',
        response: { 200: Type.Record(Type.String(), Type.Array(WorkflowDefVersionSchema)) },
      },
    },
    async () => {
      const out: Record<
        string,
        Array<{ name: string; version: number; createTime?: number; updateTime?: number }>
      > = {};
      for (const def of await definitions.listWorkflowDefs()) {
        const versions = (out[def.name] ??= []);
        versions.push({
          name: def.name,
          version: def.version ?? 1,
          createTime: def.createTime,
          updateTime: def.updateTime,
        });
      }
      return out;
    },
  );

  app.get(
    '/metadata/workflow/names',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Names of all workflow definitions',
        response: { 200: Type.Array(Type.String()) },
      },
    },
    async () => (await definitions.listLatestWorkflowDefs()).map((d) => d.name),
  );

  app.get(
    '/metadata/workflow/:name/versions',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Versions of one workflow definition',
        params: NameParams,
        response: { 200: Type.Array(WorkflowDefVersionSchema), ...ERRORS },
      },
    },
    async (request) => definitions.listWorkflowDefVersions(request.params.name),
  );

  app.get(
    '/metadata/workflow/:name',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'A workflow definition (latest version unless `version`)',
        params: NameParams,
        querystring: Type.Object({ version: Type.Optional(Type.Integer()) }),
        response: { 200: WorkflowDefRef, ...ERRORS },
      },
    },
    async (request) => {
      const { name } = request.params;
      const { version } = request.query;
      const def = await definitions.getWorkflowDef(name, version);
      if (def === null) {
        throw batonError(
          'WORKFLOW_DEF_NOT_FOUND',
          `No such workflow found by name: ${name}, version: ${version ?? 'null'}`,
          { details: { name, version } },
        );
      }
      return def;
    },
  );

  app.delete(
    '/metadata/workflow/:name/:version',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Delete one version of a workflow definition',
        params: Type.Object({ name: Type.String(), version: Type.Integer() }),
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await definitions.deleteWorkflowDef(request.params.name, request.params.version);
      return reply.code(200).send();
    },
  );
}
