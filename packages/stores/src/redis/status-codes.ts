/**
 * The status codes the Lua scripts return, and their BatonErrors. The codes mean the same thing
 * in every script, so each adapter raises the same error code for the same situation.
 * @module
 */
import { batonError, type BatonError } from '@baton/engine';

/** Negative script results; anything else is a successful result. */
export const SCRIPT_STATUS = {
  /** The execution does not exist. */
  NOT_FOUND: -1,
  /** The stored revision differs from the expected one. */
  CONFLICT: -2,
  /** An execution with that id already exists. */
  EXISTS: -3,
} as const;

/** True when a script result is one of the SCRIPT_STATUS failure codes. */
export function isScriptFailure(result: unknown): result is number {
  return typeof result === 'number' && result < 0;
}

/** The BatonError for a failed execution script. */
export function executionStatusError(
  status: number,
  workflowId: string,
  expectedRevision?: number,
): BatonError {
  switch (status) {
    case SCRIPT_STATUS.NOT_FOUND:
      return batonError('WORKFLOW_NOT_FOUND', `No such workflow found by id: ${workflowId}`, {
        details: { workflowId },
      });
    case SCRIPT_STATUS.CONFLICT:
      return batonError(
        'STORE_CONFLICT',
        `Workflow ${workflowId} changed concurrently (expected revision ${String(expectedRevision)})`,
        { details: { workflowId, expectedRevision } },
      );
    case SCRIPT_STATUS.EXISTS:
      return batonError('WORKFLOW_ALREADY_EXISTS', `Workflow ${workflowId} already exists`, {
        details: { workflowId },
      });
    default:
      return batonError('INTERNAL', `Unexpected Redis script status ${status}`, {
        details: { workflowId, status },
      });
  }
}

/** Wraps a connection or command failure as STORE_UNAVAILABLE (retryable), keeping the cause. */
export function unavailable(error: unknown, operation: string): BatonError {
  return batonError('STORE_UNAVAILABLE', `Redis ${operation} failed`, { cause: error });
}
