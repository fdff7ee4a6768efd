/**
 * The one table from error kinds to HTTP statuses (Conductor's EXCEPTION_STATUS_MAP, by kind).
 * @module
 */
import type { ErrorKind } from '@baton/engine';

/** HTTP status and retryability of each BatonError kind. */
export const HTTP_STATUS_BY_KIND: Record<ErrorKind, { status: number; retryable: boolean }> = {
  invalid: { status: 400, retryable: false },
  unauthorized: { status: 401, retryable: false },
  forbidden: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  conflict: { status: 409, retryable: false },
  method_not_allowed: { status: 405, retryable: false },
  too_large: { status: 413, retryable: false },
  unsupported_media_type: { status: 415, retryable: false },
  uri_too_long: { status: 414, retryable: false },
  too_many_requests: { status: 429, retryable: true },
  internal: { status: 500, retryable: false },
  unavailable: { status: 503, retryable: true },
};
