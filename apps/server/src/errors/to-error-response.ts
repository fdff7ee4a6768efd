/**
 * Turns anything thrown by a handler, a hook or Fastify itself into Conductor's ErrorResponse.
 * Client mistakes always map to 4xx; only genuine bugs are 500.
 * @module
 */
import { isBatonError } from '@baton/engine';
import type { ErrorCode, ValidationIssue } from '@baton/engine';
import type { ErrorResponse } from '@baton/contract';
import { HTTP_STATUS_BY_KIND } from './http-status.js';
import { toValidationIssues } from './validation-issues.js';
import type { AjvIssue, RequestParts } from './validation-issues.js';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: AjvIssue[];
  validationContext?: string;
}

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
]);

/**
 * A value Postgres refused (SQLSTATE class 22, data exception, such as an untranslatable
 * character; class 54, program limit exceeded, such as nesting too deep): the stores encode or
 * refuse such values first, so this is a safety net that answers 400 instead of 500.
 */
function isRefusedValue(error: FastifyLikeError & { severity?: unknown }): boolean {
  return (
    typeof error.code === 'string' &&
    /^(22|54)[0-9A-Z]{3}$/.test(error.code) &&
    typeof error.severity === 'string'
  );
}

/** An ErrorResponse plus whether the failure deserves an error-level log line. */
export interface MappedError {
  body: ErrorResponse;
  isServerFault: boolean;
  /** Response headers the error calls for (`Retry-After` of a 429). */
  headers?: Record<string, string>;
}

function build(
  status: number,
  code: ErrorCode,
  message: string,
  instance: string,
  validationErrors: ValidationIssue[] = [],
  retryable = false,
): MappedError {
  return {
    body: { status, code, message, instance, retryable, validationErrors },
    isServerFault: status >= 500,
  };
}

/** Maps an error to the response body. `parts` lets validation errors report the invalid value. */
export function toErrorResponse(
  error: unknown,
  instance: string,
  parts: RequestParts,
): MappedError {
  if (isBatonError(error)) {
    const { status, retryable } = HTTP_STATUS_BY_KIND[error.kind];
    const mapped = build(
      status,
      error.code,
      error.message,
      instance,
      error.validationErrors,
      retryable,
    );
    const sdkError = error.details['error'];
    if (error.code === 'UNAUTHORIZED' && typeof sdkError === 'string') mapped.body.error = sdkError;
    const retryAfter = error.details['retryAfterSeconds'];
    if (typeof retryAfter === 'number') mapped.headers = { 'retry-after': String(retryAfter) };
    return mapped;
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  if (e.validation) {
    const issues = toValidationIssues(e.validation, e.validationContext ?? 'body', parts);
    return build(
      400,
      'REQUEST_INVALID',
      'Validation failed, check below errors for detail.',
      instance,
      issues,
    );
  }
  if (e.code !== undefined && CONNECTION_ERRORS.has(e.code)) {
    return build(
      503,
      'STORE_UNAVAILABLE',
      'The store is unavailable; retry later.',
      instance,
      [],
      true,
    );
  }
  const status = e.statusCode ?? 500;
  const message = e.message ?? 'Unexpected error';
  if (isRefusedValue(e)) {
    return build(400, 'REQUEST_INVALID', `The store refused a value: ${message}`, instance);
  }
  if (status === 413) return build(413, 'REQUEST_TOO_LARGE', 'Request body is too large', instance);
  if (status === 404) return build(404, 'ROUTE_NOT_FOUND', message, instance);
  if (status === 401) return build(401, 'UNAUTHORIZED', message, instance);
  if (status === 403) return build(403, 'FORBIDDEN', message, instance);
  if (status >= 400 && status < 500) return build(status, 'REQUEST_INVALID', message, instance);
  return build(500, 'INTERNAL', 'Internal server error', instance);
}
