/**
 * SQL that keeps the Postgres copy of Redis executions (the search index and archive), on the
 * tables of migration 0001. Workflow rows bind $1..$14 as produced by `workflowParams`
 * (postgres/rows.ts); the copy's `revision` is the Redis revision.
 * @module
 */

/**
 * Inserts or replaces the copy of a workflow at Redis revision $15 unless the copy already holds
 * a newer revision (two indexers racing never regress it). Returns a row when it wrote.
 */
export const UPSERT_INDEXED_WORKFLOW = `INSERT INTO workflows (workflow_id, revision, workflow_name,
  workflow_version, status, correlation_id, create_time, start_time, end_time, update_time,
  parent_workflow_id, idempotency_key, priority, search_text, data)
VALUES ($1, $15, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)
ON CONFLICT (workflow_id) DO UPDATE SET revision = excluded.revision,
  workflow_name = excluded.workflow_name, workflow_version = excluded.workflow_version,
  status = excluded.status, correlation_id = excluded.correlation_id,
  create_time = excluded.create_time, start_time = excluded.start_time,
  end_time = excluded.end_time, update_time = excluded.update_time,
  parent_workflow_id = excluded.parent_workflow_id, idempotency_key = excluded.idempotency_key,
  priority = excluded.priority, search_text = excluded.search_text, data = excluded.data
WHERE workflows.revision <= excluded.revision
RETURNING revision`;

/** $1 workflow id, $2 JSON array of the task ids it has now: deletes its other tasks. */
export const DELETE_OTHER_TASKS = `DELETE FROM tasks
WHERE workflow_id = $1 AND NOT (task_id IN (SELECT jsonb_array_elements_text($2::jsonb)))`;

/** $1 JSON array of task ids: deletes their logs (before the archive copies them again). */
export const DELETE_LOGS_OF_TASKS = `DELETE FROM task_logs
WHERE task_id IN (SELECT jsonb_array_elements_text($1::jsonb))`;
