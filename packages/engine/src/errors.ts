/**
 * The one catalogue of Baton's error codes. Each code has a kind; the server maps kinds to HTTP
 * statuses in one table. Check errors with `isBatonError`, never `instanceof`.
 * @module
 */

export type ErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'too_large'
  | 'uri_too_long'
  | 'too_many_requests'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'internal';

/** A field-level problem, in Conductor's `validationErrors[]` shape. */
export interface ValidationIssue {
  path: string;
  message: string;
  invalidValue?: unknown;
}

export const ERROR_CODES = {
  /** Definitions */
  WORKFLOW_DEF_NOT_FOUND: 'not_found',
  WORKFLOW_DEF_INVALID: 'invalid',
  WORKFLOW_DEF_VERSION_EXISTS: 'conflict',
  TASK_DEF_NOT_FOUND: 'not_found',
  TASK_DEF_INVALID: 'invalid',
  EVENT_HANDLER_NOT_FOUND: 'not_found',
  EVENT_HANDLER_INVALID: 'invalid',
  WORKFLOW_TESTS_INVALID: 'invalid',
  EVENT_HANDLER_EXISTS: 'conflict',
  SCHEDULE_NOT_FOUND: 'not_found',
  SCHEDULE_INVALID: 'invalid',
  /** Executions */
  WORKFLOW_NOT_FOUND: 'not_found',
  WORKFLOW_NOT_RUNNING: 'conflict',
  WORKFLOW_NOT_PAUSED: 'conflict',
  WORKFLOW_ALREADY_COMPLETED: 'conflict',
  WORKFLOW_NOT_TERMINAL: 'conflict',
  /** Conductor answers these two with 404 (its NotFoundException), not 409. */
  WORKFLOW_NOT_RESTARTABLE: 'not_found',
  WORKFLOW_STILL_RUNNING: 'not_found',
  WORKFLOW_NOT_RETRYABLE: 'conflict',
  WORKFLOW_ALREADY_EXISTS: 'conflict',
  TASK_NOT_FOUND: 'not_found',
  TASK_ALREADY_TERMINAL: 'conflict',
  TASK_NOT_SKIPPABLE: 'conflict',
  PARAM_EXPRESSION_INVALID: 'invalid',
  /** Storage */
  STORE_CONFLICT: 'conflict',
  STORE_UNAVAILABLE: 'unavailable',
  /** Requests */
  REQUEST_INVALID: 'invalid',
  REQUEST_TOO_LARGE: 'too_large',
  URL_TOO_LONG: 'uri_too_long',
  ROUTE_NOT_FOUND: 'not_found',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  ORIGIN_REFUSED: 'forbidden',
  /** Too many failed `POST /api/token` attempts from one client; `details.retryAfterSeconds`. */
  TOO_MANY_FAILED_LOGINS: 'too_many_requests',
  METHOD_NOT_ALLOWED: 'method_not_allowed',
  CONTENT_TYPE_UNSUPPORTED: 'unsupported_media_type',
  INTERNAL: 'internal',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

const BRAND = Symbol.for('baton.error');

/** An error with a catalogue code, a kind, structured details and field-level issues. */
export class BatonError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown>;
  readonly validationErrors: ValidationIssue[];

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      details?: Record<string, unknown>;
      validationErrors?: ValidationIssue[];
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BatonError';
    this.code = code;
    this.kind = ERROR_CODES[code];
    this.details = options.details ?? {};
    this.validationErrors = options.validationErrors ?? [];
  }
}

/** True for a BatonError from any copy of this package (brand check, not instanceof). */
export function isBatonError(e: unknown): e is BatonError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/** Shorthand: `throw batonError('WORKFLOW_NOT_FOUND', ...)`. */
export function batonError(
  code: ErrorCode,
  message: string,
  options?: {
    details?: Record<string, unknown>;
    validationErrors?: ValidationIssue[];
    cause?: unknown;
  },
): BatonError {
  return new BatonError(code, message, options);
}
