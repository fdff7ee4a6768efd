/**
 * The status codes the Lua scripts return, and their BatonErrors (through the shared
 * `status-errors.ts` mapper, so every adapter raises the same code for the same situation).
 * @module
 */
import { batonError, isBatonError, type BatonError } from '@baton/engine';
import { toStoreError, toUnavailableError } from '../status-errors.js';

/** Negative script results; anything else is a successful result. */
export const SCRIPT_STATUS = {
  /** The execution does not exist. */
  NOT_FOUND: -1,
  /** The stored revision differs from the expected one. */
  CONFLICT: -2,
  /** An execution with that id already exists. */
  EXISTS: -3,
  /** A save named the stored definition by hash, but the stored one differs (send it). */
  DEFINITION_MISMATCH: -4,
} as const;

/** True when a script result is one of the SCRIPT_STATUS failure codes. */
export function isScriptFailure(result: unknown): result is number {
  return typeof result === 'number' && result < 0;
}

/** The BatonError for a failed execution script, through the shared status mapper. */
export function executionStatusError(
  status: number,
  workflowId: string,
  expectedRevision = 0,
): BatonError {
  switch (status) {
    case SCRIPT_STATUS.NOT_FOUND:
      return toStoreError({ type: 'workflow_missing', workflowId });
    case SCRIPT_STATUS.CONFLICT:
      return toStoreError({ type: 'revision_mismatch', workflowId, expectedRevision });
    case SCRIPT_STATUS.EXISTS:
      return toStoreError({ type: 'workflow_exists', workflowId });
    default:
      return batonError('INTERNAL', `Unexpected Redis script status ${status}`, {
        details: { workflowId, status },
      });
  }
}

/**
 * Wraps a connection failure or transient reply as STORE_UNAVAILABLE (retryable), and a permanent
 * reply error as INTERNAL, keeping the cause.
 */
export function unavailable(error: unknown, operation: string): BatonError {
  if (isBatonError(error)) return error;
  if (isPermanentReplyError(error)) {
    return batonError('INTERNAL', `Redis ${operation} failed: ${error.message}`, { cause: error });
  }
  // The reason (connection refused, CLUSTERDOWN, MOVED...) is what an operator needs to see.
  const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : '';
  return toUnavailableError('Redis', reason ? `${operation} (${reason})` : operation, error);
}

/** Redis replies that retrying cannot fix (a script error, a wrong type), unlike LOADING or BUSY. */
const TRANSIENT_REPLIES = /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|MOVED|ASK|OOM)/;

function isPermanentReplyError(error: unknown): error is Error {
  return (
    error instanceof Error && error.name === 'ReplyError' && !TRANSIENT_REPLIES.test(error.message)
  );
}
