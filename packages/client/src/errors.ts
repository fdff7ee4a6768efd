/**
 * BatonApiError: the server's ErrorResponse re-created on the client. Branch on `code`, never on
 * `message`.
 * @module
 */

/** A field-level problem from `validationErrors[]`. */
export interface ApiValidationError {
  path: string;
  message: string;
  invalidValue?: unknown;
}

const BRAND = Symbol.for('baton.apiError');

/**
 * A failed API call. `code` is Baton's error code (e.g. `WORKFLOW_NOT_FOUND`) when the server sent
 * one; otherwise `HTTP_<status>`, or `NETWORK_ERROR` (status 0) when no response arrived.
 * `retryable` says whether sending the same request again may succeed.
 */
export class BatonApiError extends Error {
  readonly [BRAND] = true;
  /** HTTP status; 0 when the request never got a response. */
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  readonly validationErrors: ApiValidationError[];
  /** The server instance that answered, when it said. */
  readonly instance: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    retryable?: boolean;
    validationErrors?: ApiValidationError[];
    instance?: string;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'BatonApiError';
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable ?? isRetryableStatus(init.status);
    this.validationErrors = init.validationErrors ?? [];
    this.instance = init.instance;
  }
}

/** True for a BatonApiError from any copy of this package (brand check, not instanceof). */
export function isBatonApiError(e: unknown): e is BatonApiError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** Builds the error from a non-2xx response body (Conductor's ErrorResponse, or anything else). */
export function toApiError(
  status: number,
  bodyText: string,
  method: string,
  path: string,
): BatonApiError {
  const body = parseObject(bodyText);
  const message =
    typeof body?.['message'] === 'string' && body['message'] !== ''
      ? body['message']
      : bodyText.trim() !== '' && body === null
        ? bodyText.trim().slice(0, 500)
        : `${method} ${path} failed with HTTP ${status}`;
  return new BatonApiError({
    status,
    code: typeof body?.['code'] === 'string' ? body['code'] : `HTTP_${status}`,
    message,
    retryable: typeof body?.['retryable'] === 'boolean' ? body['retryable'] : undefined,
    validationErrors: toValidationErrors(body?.['validationErrors']),
    instance: typeof body?.['instance'] === 'string' ? body['instance'] : undefined,
  });
}

/** The error for a request that got no response (network failure, DNS, CORS, abort). */
export function toNetworkError(cause: unknown, method: string, path: string): BatonApiError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new BatonApiError({
    status: 0,
    code: 'NETWORK_ERROR',
    message: `${method} ${path} failed: ${detail}`,
    retryable: true,
    cause,
  });
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function toValidationErrors(value: unknown): ApiValidationError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    .map((v) => ({
      path: String(v['path'] ?? ''),
      message: String(v['message'] ?? ''),
      ...('invalidValue' in v ? { invalidValue: v['invalidValue'] } : {}),
    }));
}
