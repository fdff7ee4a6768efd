/**
 * SQL that keeps the Postgres copy of Redis executions (the search index and archive), on the
 * tables of migration 0001. Workflow rows bind $1..$14 as produced by `workflowParams`
 * (postgres/rows.ts); the copy's `revision` is the Redis revision.
 * @module
 */

/**
 * Inserts or replaces the copies of workflows: $1 is a JSON array of `indexedWorkflowRecord`s with
 * distinct ids, sorted by id (so concurrent indexers lock rows in one order). A copy that already
 * holds this or a newer revision is kept (two indexers racing never regress it, and the archiver
 * does not rewrite what the indexer already copied: a revision's content never changes). Returns
 * the ids written.
 */
export const UPSERT_INDEXED_WORKFLOWS = `INSERT INTO workflows (workflow_id, revision, workflow_name,
  workflow_version, status, correlation_id, create_time, start_time, end_time, update_time,
  parent_workflow_id, idempotency_key, priority, search_text, data)
SELECT workflow_id, revision, workflow_name, workflow_version, status, correlation_id,
  create_time, start_time, end_time, update_time, parent_workflow_id, idempotency_key, priority,
  search_text, data
FROM jsonb_to_recordset($1::jsonb) AS r(workflow_id text, revision integer, workflow_name text,
  workflow_version integer, status text, correlation_id text, create_time bigint,
  start_time bigint, end_time bigint, update_time bigint, parent_workflow_id text,
  idempotency_key text, priority integer, search_text text, data jsonb)
ORDER BY workflow_id COLLATE "C"
ON CONFLICT (workflow_id) DO UPDATE SET revision = excluded.revision,
  workflow_name = excluded.workflow_name, workflow_version = excluded.workflow_version,
  status = excluded.status, correlation_id = excluded.correlation_id,
  create_time = excluded.create_time, start_time = excluded.start_time,
  end_time = excluded.end_time, update_time = excluded.update_time,
  parent_workflow_id = excluded.parent_workflow_id, idempotency_key = excluded.idempotency_key,
  priority = excluded.priority, search_text = excluded.search_text, data = excluded.data
WHERE workflows.revision < excluded.revision
RETURNING workflow_id`;

/**
 * $1 JSON array of {workflow_id, task_ids}: deletes the tasks of each workflow that are not in
 * its current task list.
 */
export const DELETE_OTHER_TASKS = `DELETE FROM tasks t
USING jsonb_to_recordset($1::jsonb) AS r(workflow_id text, task_ids jsonb)
WHERE t.workflow_id = r.workflow_id AND NOT (r.task_ids ? t.task_id)`;

/** $1 JSON array of task ids: deletes their logs (before the archive copies them again). */
export const DELETE_LOGS_OF_TASKS = `DELETE FROM task_logs
WHERE task_id IN (SELECT jsonb_array_elements_text($1::jsonb))`;

/** $1 JSON array of workflow ids: the revision of each one's copy (absent when there is none). */
export const SELECT_INDEXED_REVISIONS = `SELECT workflow_id, revision FROM workflows
WHERE workflow_id IN (SELECT jsonb_array_elements_text($1::jsonb))`;
