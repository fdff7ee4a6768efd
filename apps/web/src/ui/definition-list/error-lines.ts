/**
 * A server error as the definition pages show it.
 * @module
 */
import { isBatonApiError } from '@baton/client';

/** An error as lines: the message, then each validation error naming its field. */
export function errorLines(error: unknown): string[] {
  if (isBatonApiError(error))
    return [error.message, ...error.validationErrors.map((v) => `${v.path}: ${v.message}`)];
  return [error instanceof Error ? error.message : String(error)];
}
