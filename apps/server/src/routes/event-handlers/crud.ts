/**
 * `/api/event`: Conductor's EventResource. Register (POST, 409 when the name exists), update
 * (PUT, 404 when absent), list, list for one event (`activeOnly`, default true), delete by name.
 * docs/conductor-compatibility.md#event-handlers.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError, validateEventHandler } from '@baton/engine';
import type { EventHandler, EventHandlerStore } from '@baton/engine';
import {
  EmptyResponse,
  EventHandlerRef,
  EventExecutionSchema,
  EventHandlersForEventQuery,
  NameParams,
} from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['event'];

function assertValidEventHandler(handler: unknown): asserts handler is EventHandler {
  const issues = validateEventHandler(handler);
  if (issues.length === 0) return;
  throw batonError('EVENT_HANDLER_INVALID', 'Validation failed, check below errors for detail.', {
    validationErrors: issues.map((issue) => ({
      ...issue,
      path: issue.path === '' ? 'eventHandler' : `eventHandler.${issue.path}`,
    })),
  });
}

/** Registers the event handler routes. */
export function eventHandlerRoutes(app: App, handlers: EventHandlerStore): void {
  app.post(
    '/event',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Add an event handler (409 when one has that name)',
        body: EventHandlerRef,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      assertValidEventHandler(request.body);
      await handlers.addEventHandler(request.body);
      return reply.code(200).send();
    },
  );

  app.put(
    '/event',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Update an event handler (404 when none has that name)',
        body: EventHandlerRef,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      assertValidEventHandler(request.body);
      await handlers.updateEventHandler(request.body);
      return reply.code(200).send();
    },
  );

  app.get(
    '/event',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'All event handlers',
        response: { 200: Type.Array(EventHandlerRef) },
      },
    },
    async () => handlers.listEventHandlers(),
  );

  app.get(
    '/event/executions',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary:
          'Event messages whose handling failed at least once: RETRYING, FAILED (tries used up) or COMPLETED on a retry',
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([
              Type.Literal('RETRYING'),
              Type.Literal('FAILED'),
              Type.Literal('COMPLETED'),
            ]),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
        response: { 200: Type.Array(EventExecutionSchema), ...ERRORS },
      },
    },
    async (request) =>
      handlers.listEventExecutions({
        ...(request.query.status ? { status: request.query.status } : {}),
        limit: request.query.limit ?? 100,
      }),
  );

  app.get(
    '/event/:event',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Event handlers for one event (only active ones unless activeOnly=false)',
        params: Type.Object({ event: Type.String() }),
        querystring: EventHandlersForEventQuery,
        response: { 200: Type.Array(EventHandlerRef), ...ERRORS },
      },
    },
    async (request) =>
      handlers.listEventHandlersForEvent(request.params.event, request.query.activeOnly ?? true),
  );

  app.delete(
    '/event/:name',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Remove an event handler',
        params: NameParams,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      await handlers.removeEventHandler(request.params.name);
      return reply.code(200).send();
    },
  );
}
