const BRAND = Symbol.for('baton.nonRetryableError');

/**
 * Thrown by a worker to fail the task without retries: the runner reports it as
 * `FAILED_WITH_TERMINAL_ERROR` (Conductor then fails the workflow unless the task is optional).
 * Any other thrown error reports `FAILED`, which the task definition's retry policy may retry.
 *
 * @example
 * if (!input.accountId) throw new NonRetryableError('accountId is required');
 */
export class NonRetryableError extends Error {
  readonly [BRAND] = true;
  /** Output reported with the failure. */
  readonly outputData: Record<string, unknown>;

  constructor(
    message: string,
    options: { outputData?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NonRetryableError';
    this.outputData = options.outputData ?? {};
  }
}

/** True for a NonRetryableError from any copy of this package. */
export function isNonRetryableError(e: unknown): e is NonRetryableError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
