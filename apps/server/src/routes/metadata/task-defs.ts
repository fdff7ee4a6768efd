/**
 * `/api/metadata/taskdefs`: register (upsert, POST array), update (PUT one), read, list, delete.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError, validateTaskDef } from '@baton/engine';
import type { DefinitionStore, TaskDef } from '@baton/engine';
import { EmptyResponse, NameParams, TaskDefRef } from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['metadata'];

function assertValidTaskDefs(defs: TaskDef[], pathOf: (i: number) => string): void {
  const issues = defs.flatMap((def, i) =>
    validateTaskDef(def).map((issue) => ({
      ...issue,
      path: issue.path === '' ? pathOf(i) : `${pathOf(i)}.${issue.path}`,
    })),
  );
  if (issues.length === 0) return;
  throw batonError('TASK_DEF_INVALID', 'Validation failed, check below errors for detail.', {
    validationErrors: issues,
  });
}

/** Registers the task definition routes. */
export function taskDefRoutes(app: App, definitions: DefinitionStore): void {
  app.post(
    '/metadata/taskdefs',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Register task definitions (an existing name is overwritten)',
        body: Type.Array(TaskDefRef),
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      assertValidTaskDefs(request.body, (i) => `taskDefs[${i}]`);
      await definitions.saveTaskDefs(request.body);
      return reply.code(200).send();
    },
  );

  app.put(
    '/metadata/taskdefs',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Update one task definition (404 when not registered)',
        body: TaskDefRef,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      assertValidTaskDefs([request.body], () => 'taskDef');
      await definitions.updateTaskDef(request.body);
      return reply.code(200).send();
    },
  );

  app.get(
    '/metadata/taskdefs',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'All task definitions',
        response: { 200: Type.Array(TaskDefRef) },
      },
    },
    async () => definitions.listTaskDefs(),
  );

  app.get(
    '/metadata/taskdefs/:name',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'One task definition',
        params: NameParams,
        response: { 200: TaskDefRef, ...ERRORS },
      },
    },
    async (request) => {
      const def = await definitions.getTaskDef(request.params.name);
      if (def === null) {
        throw batonError(
          'TASK_DEF_NOT_FOUND',
          `No such taskType found by name: ${request.params.name}`,
          {
            details: { name: request.params.name },
          },
        );
      }
      return def;
    },
  );

  app.delete(
    '/metadata/taskdefs/:name',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Delete a task definition',
        params: NameParams,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await definitions.deleteTaskDef(request.params.name);
      return reply.code(200).send();
    },
  );
}
