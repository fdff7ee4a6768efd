/**
 * Shared response shapes: Conductor's ErrorResponse, BulkResponse and health.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { Static, TSchema } from '@sinclair/typebox';

/** One field-level problem, Conductor's `validationErrors[]` entry. */
export const ValidationErrorSchema = Type.Object({
  path: Type.String(),
  message: Type.String(),
  invalidValue: Type.Optional(Type.Unknown()),
});

/**
 * `POST /api/metadata/workflow/validate` when the definition registers but will fail at run time
 * (an empty 200 when there is nothing to warn about).
 */
export const ValidationWarningsSchema = Type.Object({
  warnings: Type.Array(ValidationErrorSchema),
});

/** Every non-2xx body. `code` is the Baton error code clients branch on. */
export const ErrorResponseSchema = Type.Object(
  {
    status: Type.Integer(),
    code: Type.String(),
    message: Type.String(),
    instance: Type.String(),
    retryable: Type.Boolean(),
    validationErrors: Type.Array(ValidationErrorSchema),
    /** On a 401 for a token: `INVALID_TOKEN` or `EXPIRED_TOKEN` (the SDKs then get a new one). */
    error: Type.Optional(Type.String()),
  },
  { $id: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponseSchema>;

/** Result of a bulk operation: ids that worked, and an error message per id that did not. */
export function BulkResponseSchema<T extends TSchema>(item: T) {
  return Type.Object({
    bulkSuccessfulResults: Type.Array(item),
    bulkErrorResults: Type.Record(Type.String(), Type.String()),
  });
}
export interface BulkResponse<T> {
  bulkSuccessfulResults: T[];
  bulkErrorResults: Record<string, string>;
}

/** `GET /health`. */
export const HealthSchema = Type.Object({
  healthResults: Type.Array(Type.Unknown()),
  suppressedHealthResults: Type.Array(Type.Unknown()),
  healthy: Type.Boolean(),
});

/** A 200 with an empty body. */
export const EmptyResponse = Type.Unsafe<undefined>(Type.Null({ description: 'Empty body' }));

/** A bare string body (`text/plain`), e.g. a workflow id. */
export const TextResponse = Type.String({ description: 'text/plain' });

/** A 204 with no body. */
export const NoContentResponse = Type.Unsafe<undefined>(Type.Null({ description: 'No content' }));
