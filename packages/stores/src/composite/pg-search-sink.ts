/**
 * Writes copies of Redis executions into Postgres, where they answer searches and, once archived,
 * reads of finished executions.
 * @module
 */
import type { StoredExecution, TaskExecLog } from '@baton/engine';
import { taskRecord, workflowParams } from '../postgres/rows.js';
import { pgJson } from '../postgres/safe-text.js';
import type { SqlClient } from '../postgres/sql-client.js';
import {
  DELETE_LOGS_OF_WORKFLOW,
  DELETE_WORKFLOW,
  INSERT_LOGS,
  UPSERT_TASKS,
} from '../postgres/sql/executions.js';
import type { SearchIndexSink } from '../redis/search-indexer.js';
import {
  DELETE_LOGS_OF_TASKS,
  DELETE_OTHER_TASKS,
  SELECT_INDEXED_REVISIONS,
  UPSERT_INDEXED_WORKFLOWS,
} from './sql/search-index.js';

/** SearchIndexSink on the Postgres execution tables. */
export class PgSearchSink implements SearchIndexSink {
  constructor(private readonly db: SqlClient) {}

  /**
   * Replaces the copies of the executions in one transaction (three statements whatever the
   * batch size), except those whose stored copy is at the same or a newer revision.
   */
  async upsertExecutions(batch: readonly StoredExecution[]): Promise<void> {
    if (batch.length === 0) return;
    const sorted = [...batch].sort((a, b) => compare(a.workflow.workflowId, b.workflow.workflowId));
    const records = sorted.map(({ workflow, revision }) =>
      indexedWorkflowRecord(workflowParams(workflow), revision),
    );
    await this.db.transaction(async (tx) => {
      const written = await tx.query<{ workflow_id: string }>(UPSERT_INDEXED_WORKFLOWS, [
        `[${records.join(',')}]`,
      ]);
      const ids = new Set(written.rows.map((row) => row.workflow_id));
      const fresh = sorted.filter((stored) => ids.has(stored.workflow.workflowId));
      if (fresh.length === 0) return;
      const taskLists = fresh.map(({ workflow }) => ({
        workflow_id: workflow.workflowId,
        task_ids: (workflow.tasks ?? []).map((task) => task.taskId),
      }));
      await tx.query(DELETE_OTHER_TASKS, [pgJson(taskLists)]);
      // Workflow order (the row locks above already serialise indexers), then each workflow's
      // own task order, so new tasks get insert_order in the order Redis keeps them.
      const tasks = fresh.flatMap(({ workflow }) =>
        (workflow.tasks ?? []).map((task) => taskRecord(workflow.workflowId, task)),
      );
      if (tasks.length > 0) await tx.query(UPSERT_TASKS, [pgJson(tasks)]);
    });
  }

  /** The revision of the copy of each of `workflowIds` that has one. */
  async indexedRevisions(workflowIds: readonly string[]): Promise<Map<string, number>> {
    if (workflowIds.length === 0) return new Map();
    const { rows } = await this.db.query<{ workflow_id: string; revision: number }>(
      SELECT_INDEXED_REVISIONS,
      [pgJson(workflowIds)],
    );
    return new Map(rows.map((row) => [row.workflow_id, Number(row.revision)]));
  }

  /** Deletes the copy, its tasks and archived logs. */
  async removeExecution(workflowId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(DELETE_LOGS_OF_WORKFLOW, [workflowId]);
      await tx.query(DELETE_WORKFLOW, [workflowId]);
    });
  }

  /** Replaces the archived logs of these tasks (idempotent, so an interrupted archive can rerun). */
  async replaceLogs(taskIds: readonly string[], logs: readonly TaskExecLog[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(DELETE_LOGS_OF_TASKS, [pgJson(taskIds)]);
      if (logs.length === 0) return;
      const records = logs.map((l) => ({
        task_id: l.taskId,
        log: l.log,
        created_time: l.createdTime,
      }));
      await tx.query(INSERT_LOGS, [pgJson(records)]);
    });
  }
}

/** Column order of `workflowParams` (postgres/rows.ts), $1..$14 of the workflow statements. */
const WORKFLOW_COLUMNS = [
  'workflow_id',
  'workflow_name',
  'workflow_version',
  'status',
  'correlation_id',
  'create_time',
  'start_time',
  'end_time',
  'update_time',
  'parent_workflow_id',
  'idempotency_key',
  'priority',
  'search_text',
  'data',
] as const;

/** Where `data` (the workflow document as JSON text) sits in `workflowParams`. */
const DATA_INDEX = WORKFLOW_COLUMNS.indexOf('data');

/**
 * One element of UPSERT_INDEXED_WORKFLOWS' JSON array, as JSON text. `data` arrives as JSON text
 * already (`workflowParams` stringified the document), so it is spliced in as it is rather than
 * parsed and stringified again: the other columns are stringified into an object (never empty,
 * `revision` is always there) and `"data":<text>` goes in before its closing brace.
 */
export function indexedWorkflowRecord(params: readonly unknown[], revision: number): string {
  const record: Record<string, unknown> = { revision };
  WORKFLOW_COLUMNS.forEach((column, i) => {
    if (i !== DATA_INDEX) record[column] = params[i];
  });
  const data = params[DATA_INDEX];
  const dataJson = typeof data === 'string' ? data : pgJson(data ?? null);
  return `${pgJson(record).slice(0, -1)},"data":${dataJson}}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
