/**
 * SQL of PgExecutionStore, one statement per constant. Workflow rows bind $1..$14 as produced by
 * `workflowParams` (rows.ts): id, name, version, status, correlation id, create, start, end and
 * update times, parent id, idempotency key, priority, search text, JSON document.
 * @module
 */

/** The tasks of workflow w as a JSON array ordered by seq, then by first insertion. */
const TASKS_OF_W = `COALESCE((SELECT jsonb_agg(t.data ORDER BY t.seq, t.insert_order)
  FROM tasks t WHERE t.workflow_id = w.workflow_id), '[]'::jsonb)`;

/** Inserts a workflow at revision 1. $1..$14 as above. Returns a row unless the id exists. */
export const INSERT_WORKFLOW = `INSERT INTO workflows (workflow_id, revision, workflow_name,
  workflow_version, status, correlation_id, create_time, start_time, end_time, update_time,
  parent_workflow_id, idempotency_key, priority, search_text, data)
VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)
ON CONFLICT (workflow_id) DO NOTHING
RETURNING revision`;

/**
 * Replaces a workflow row if its revision is still $15, bumping the revision. The row lock makes
 * concurrent savers of one revision queue up; all but the first then match no row.
 * Returns the new revision, or no row (absent or stale).
 */
export const UPDATE_WORKFLOW = `UPDATE workflows SET revision = revision + 1, workflow_name = $2,
  workflow_version = $3, status = $4, correlation_id = $5, create_time = $6, start_time = $7,
  end_time = $8, update_time = $9, parent_workflow_id = $10, idempotency_key = $11,
  priority = $12, search_text = $13, data = $14::jsonb
WHERE workflow_id = $1 AND revision = $15
RETURNING revision`;

/** $1 workflow id. The current revision, to tell a stale save from a missing workflow. */
export const SELECT_REVISION = `SELECT revision FROM workflows WHERE workflow_id = $1`;

/**
 * Inserts or replaces tasks. $1 is a JSON array of `taskRecord`s. A replaced task keeps its
 * insert_order, so ties on seq keep first-insertion order.
 */
export const UPSERT_TASKS = `INSERT INTO tasks (task_id, workflow_id, seq, task_type, task_def_name,
  reference_task_name, status, workflow_type, correlation_id, scheduled_time, start_time, end_time,
  update_time, worker_id, domain, search_text, data)
SELECT task_id, workflow_id, seq, task_type, task_def_name, reference_task_name, status,
  workflow_type, correlation_id, scheduled_time, start_time, end_time, update_time, worker_id,
  domain, search_text, data
FROM jsonb_to_recordset($1::jsonb) AS r(task_id text, workflow_id text, seq integer,
  task_type text, task_def_name text, reference_task_name text, status text, workflow_type text,
  correlation_id text, scheduled_time bigint, start_time bigint, end_time bigint,
  update_time bigint, worker_id text, domain text, search_text text, data jsonb)
ON CONFLICT (task_id) DO UPDATE SET workflow_id = excluded.workflow_id, seq = excluded.seq,
  task_type = excluded.task_type, task_def_name = excluded.task_def_name,
  reference_task_name = excluded.reference_task_name, status = excluded.status,
  workflow_type = excluded.workflow_type, correlation_id = excluded.correlation_id,
  scheduled_time = excluded.scheduled_time, start_time = excluded.start_time,
  end_time = excluded.end_time, update_time = excluded.update_time,
  worker_id = excluded.worker_id, domain = excluded.domain, search_text = excluded.search_text,
  data = excluded.data`;

/** $1 workflow id, $2 JSON array of task ids: deletes those tasks of that workflow. */
export const DELETE_TASKS = `DELETE FROM tasks
WHERE workflow_id = $1 AND task_id IN (SELECT jsonb_array_elements_text($2::jsonb))`;

/** $1 workflow id. The document, revision and ordered tasks, read in one snapshot. */
export const SELECT_EXECUTION = `SELECT w.data, w.revision, ${TASKS_OF_W} AS tasks
FROM workflows w WHERE w.workflow_id = $1`;

/** $1 workflow id. Deletes the logs of its tasks (tasks go with the workflow by cascade). */
export const DELETE_LOGS_OF_WORKFLOW = `DELETE FROM task_logs
WHERE task_id IN (SELECT task_id FROM tasks WHERE workflow_id = $1)`;

/** $1 workflow id. Deletes the workflow and, by cascade, its tasks. Returns a row if it existed. */
export const DELETE_WORKFLOW = `DELETE FROM workflows WHERE workflow_id = $1 RETURNING workflow_id`;

/** $1 task id. */
export const SELECT_TASK = `SELECT data FROM tasks WHERE task_id = $1`;

/** $1 name, $2 version, $3/$4 optional create-time bounds (null = open). Oldest first. */
export const SELECT_RUNNING_IDS = `SELECT workflow_id FROM workflows
WHERE workflow_name = $1 AND workflow_version = $2 AND status = 'RUNNING'
  AND ($3::bigint IS NULL OR create_time >= $3) AND ($4::bigint IS NULL OR create_time <= $4)
ORDER BY create_time, workflow_id COLLATE "C"`;

/** $1 name, $2 correlation id, $3 include closed, $4 include tasks. Oldest first. */
export const SELECT_BY_CORRELATION = `SELECT w.data,
  CASE WHEN $4::boolean THEN ${TASKS_OF_W} ELSE '[]'::jsonb END AS tasks
FROM workflows w
WHERE w.workflow_name = $1 AND w.correlation_id = $2 AND ($3::boolean OR w.status = 'RUNNING')
ORDER BY w.create_time, w.workflow_id COLLATE "C"`;

/** $1 name, $2 idempotency key. The newest match. */
export const SELECT_BY_IDEMPOTENCY_KEY = `SELECT data FROM workflows
WHERE workflow_name = $1 AND idempotency_key = $2
ORDER BY create_time DESC, workflow_id COLLATE "C" DESC LIMIT 1`;

/** $1 JSON array of {task_id, log, created_time}. */
export const INSERT_LOGS = `INSERT INTO task_logs (task_id, log, created_time)
SELECT task_id, log, created_time
FROM jsonb_to_recordset($1::jsonb) AS r(task_id text, log text, created_time bigint)`;

/** $1 task id. Oldest first. */
export const SELECT_LOGS = `SELECT task_id AS "taskId", log, created_time::float8 AS "createdTime"
FROM task_logs WHERE task_id = $1 ORDER BY created_time, id`;

/** $1 queue, $2 worker, $3 domain, $4 poll time: keeps the latest poll per (queue, worker). */
export const UPSERT_POLL = `INSERT INTO poll_data (queue_name, worker_id, domain, last_poll_time)
VALUES ($1, $2, $3, $4)
ON CONFLICT (queue_name, worker_id) DO UPDATE SET domain = excluded.domain,
  last_poll_time = excluded.last_poll_time`;

/** $1 queue name or null for all. */
export const SELECT_POLLS = `SELECT queue_name AS "queueName", worker_id AS "workerId", domain,
  last_poll_time::float8 AS "lastPollTime"
FROM poll_data WHERE $1::text IS NULL OR queue_name = $1
ORDER BY queue_name COLLATE "C", worker_id COLLATE "C"`;
