/**
 * Writes copies of Redis executions into Postgres, where they answer searches and, once archived,
 * reads of finished executions.
 * @module
 */
import type { StoredExecution, TaskExecLog } from '@baton/engine';
import { taskRecord, workflowParams } from '../postgres/rows.js';
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
  UPSERT_INDEXED_WORKFLOW,
} from './sql/search-index.js';

/** SearchIndexSink on the Postgres execution tables. */
export class PgSearchSink implements SearchIndexSink {
  constructor(private readonly db: SqlClient) {}

  /** Replaces the copy of the execution in one transaction, unless a newer one is stored. */
  async upsertExecution(stored: StoredExecution): Promise<void> {
    const { workflow, revision } = stored;
    const tasks = workflow.tasks ?? [];
    await this.db.transaction(async (tx) => {
      const written = await tx.query(UPSERT_INDEXED_WORKFLOW, [
        ...workflowParams(workflow),
        revision,
      ]);
      if (written.rowCount === 0) return;
      await tx.query(DELETE_OTHER_TASKS, [
        workflow.workflowId,
        JSON.stringify(tasks.map((task) => task.taskId)),
      ]);
      if (tasks.length > 0) {
        const records = tasks.map((task) => taskRecord(workflow.workflowId, task));
        await tx.query(UPSERT_TASKS, [JSON.stringify(records)]);
      }
    });
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
      await tx.query(DELETE_LOGS_OF_TASKS, [JSON.stringify(taskIds)]);
      if (logs.length === 0) return;
      const records = logs.map((l) => ({
        task_id: l.taskId,
        log: l.log,
        created_time: l.createdTime,
      }));
      await tx.query(INSERT_LOGS, [JSON.stringify(records)]);
    });
  }
}
