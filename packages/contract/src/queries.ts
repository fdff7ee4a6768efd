/**
 * Query-string and path parameter schemas shared by several routes.
 * @module
 */
import { Type } from '@sinclair/typebox';

/** Conductor's search parameters (`/workflow/search`, `/search-v2`, `/search-by-tasks`). */
export const SearchQuerySchema = Type.Object({
  start: Type.Integer({ minimum: 0, default: 0 }),
  size: Type.Integer({ minimum: 0, default: 100, description: 'At most 5000' }),
  sort: Type.Optional(Type.String({ description: 'field:ASC|DESC, several joined by |' })),
  freeText: Type.String({ default: '*' }),
  query: Type.Optional(
    Type.String({ description: "Conductor query syntax, e.g. status='RUNNING'" }),
  ),
});

/** `GET /api/tasks/poll/batch/{taskType}`. */
export const BatchPollQuerySchema = Type.Object({
  workerid: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
  count: Type.Integer({ minimum: 1, maximum: 1000, default: 1 }),
  timeout: Type.Integer({
    minimum: 0,
    default: 100,
    description: 'Long-poll wait in ms; at most 5000',
  }),
});

/** `GET /api/tasks/poll/{taskType}`. */
export const PollQuerySchema = Type.Object({
  workerid: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
});

/** A JSON array of 1..1000 workflow ids (bulk operations). */
export const WorkflowIdsSchema = Type.Array(Type.String(), { minItems: 1, maxItems: 1000 });

export const WorkflowIdParams = Type.Object({ workflowId: Type.String() });
export const TaskIdParams = Type.Object({ taskId: Type.String() });
export const TaskTypeParams = Type.Object({ taskType: Type.String() });
export const NameParams = Type.Object({ name: Type.String() });
