/**
 * Store status → BatonError, one mapper for every adapter (bullmq's `finishedErrors`): an SQL
 * statement or a script reports a small status and this module turns it into the same error code
 * and message whichever datastore ran, as the conformance suite checks.
 * @module
 */
import { batonError, type BatonError } from '@baton/engine';

/** Why a store operation did not apply. */
export type StoreStatus =
  | { type: 'workflow_exists'; workflowId: string }
  | { type: 'workflow_missing'; workflowId: string }
  | { type: 'revision_mismatch'; workflowId: string; expectedRevision: number; revision?: number }
  | { type: 'workflow_def_version_exists'; name: string; version: number }
  | { type: 'workflow_def_missing'; name: string; version: number }
  | { type: 'task_def_missing'; name: string };

/** The BatonError for a store status. */
export function toStoreError(status: StoreStatus): BatonError {
  switch (status.type) {
    case 'workflow_exists':
      return batonError('WORKFLOW_ALREADY_EXISTS', `Workflow ${status.workflowId} already exists`, {
        details: { workflowId: status.workflowId },
      });
    case 'workflow_missing':
      return batonError(
        'WORKFLOW_NOT_FOUND',
        `No such workflow found by id: ${status.workflowId}`,
        {
          details: { workflowId: status.workflowId },
        },
      );
    case 'revision_mismatch':
      return batonError(
        'STORE_CONFLICT',
        `Workflow ${status.workflowId} changed concurrently (expected revision ${status.expectedRevision})`,
        {
          details: {
            workflowId: status.workflowId,
            expectedRevision: status.expectedRevision,
            ...(status.revision === undefined ? {} : { revision: status.revision }),
          },
        },
      );
    case 'workflow_def_version_exists':
      return batonError(
        'WORKFLOW_DEF_VERSION_EXISTS',
        `Workflow with ${status.name}.${status.version} already exists!`,
        { details: { name: status.name, version: status.version } },
      );
    case 'workflow_def_missing':
      return batonError(
        'WORKFLOW_DEF_NOT_FOUND',
        `No such workflow found by name: ${status.name}, version: ${status.version}`,
        { details: { name: status.name, version: status.version } },
      );
    case 'task_def_missing':
      return batonError('TASK_DEF_NOT_FOUND', `No such taskType found by name: ${status.name}`, {
        details: { name: status.name },
      });
  }
}

/**
 * Wraps a connection or driver failure as STORE_UNAVAILABLE (retryable), keeping the cause.
 * `store` names the datastore in the message, e.g. 'Postgres'.
 */
export function toUnavailableError(store: string, operation: string, cause: unknown): BatonError {
  return batonError('STORE_UNAVAILABLE', `${store} ${operation} failed`, { cause });
}
