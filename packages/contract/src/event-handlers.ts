/**
 * Wire schema of Conductor's EventHandler. Permissive like the other definitions: the engine's
 * `validateEventHandler` enforces the rules with field-named messages.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { EventHandler } from '@baton/engine';
import { JsonMap, Opt, SchemaRef } from './nullable.js';

/** One action of a handler; its parameters sit under the key named by `action`. */
export const EventHandlerActionSchema = Type.Object(
  {
    action: Opt(
      Type.String({
        description:
          'start_workflow, complete_task, fail_task, terminate_workflow or update_workflow_variables',
      }),
    ),
    start_workflow: Opt(JsonMap),
    complete_task: Opt(JsonMap),
    fail_task: Opt(JsonMap),
    terminate_workflow: Opt(JsonMap),
    update_workflow_variables: Opt(JsonMap),
    expandInlineJSON: Opt(Type.Boolean()),
  },
  { additionalProperties: true },
);

/** Registered as the shared schema `EventHandler`. */
export const EventHandlerSchema = Type.Object(
  {
    name: Opt(Type.String()),
    event: Opt(
      Type.String({ description: 'e.g. conductor:<workflow>:<taskRef> or nats:<subject>' }),
    ),
    condition: Opt(Type.String()),
    evaluatorType: Opt(Type.String()),
    actions: Opt(Type.Array(EventHandlerActionSchema)),
    active: Opt(Type.Boolean()),
  },
  { $id: 'EventHandler', additionalProperties: true },
);

export const EventHandlerRef = SchemaRef<EventHandler>('EventHandler');

/** `GET /api/event/{event}` query. */
export const EventHandlersForEventQuery = Type.Object({
  activeOnly: Type.Optional(Type.Boolean({ default: true })),
});

/** A message whose handling failed at least once (`GET /api/event/executions`). */
export const EventExecutionSchema = Type.Object(
  {
    id: Type.String(),
    event: Type.String(),
    payload: JsonMap,
    status: Type.String(),
    attempts: Type.Integer(),
    done: Type.Array(Type.String()),
    errors: Type.Array(
      Type.Object(
        {
          handler: Type.String(),
          action: Type.Optional(Type.String()),
          index: Type.Optional(Type.Integer()),
          message: Type.String(),
        },
        { additionalProperties: true },
      ),
    ),
    nextAttemptTime: Type.Optional(Type.Integer()),
    createTime: Type.Integer(),
    updateTime: Type.Integer(),
  },
  { additionalProperties: true },
);
