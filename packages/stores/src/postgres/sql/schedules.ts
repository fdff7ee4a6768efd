/**
 * SQL of PgScheduleStore, one statement per constant.
 * @module
 */

const SCHEDULE_COLUMNS = `data, paused, next_run_time::float8 AS next_run_time`;

/** $1 name, $2 workflow name, $3 paused, $4 next run time, $5 document. */
export const UPSERT_SCHEDULE = `INSERT INTO schedules (name, workflow_name, paused, next_run_time, data)
VALUES ($1, $2, $3, $4, $5::jsonb)
ON CONFLICT (name) DO UPDATE
SET workflow_name = $2, paused = $3, next_run_time = $4, data = $5::jsonb`;

export const SELECT_SCHEDULE = `SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE name = $1`;

export const SELECT_SCHEDULES = `SELECT ${SCHEDULE_COLUMNS} FROM schedules ORDER BY name COLLATE "C"`;

/** $1 workflow name. */
export const SELECT_SCHEDULES_FOR_WORKFLOW = `SELECT ${SCHEDULE_COLUMNS} FROM schedules
WHERE workflow_name = $1 ORDER BY name COLLATE "C"`;

/** $1 name. The schedule and its records go together; no row when absent. */
export const DELETE_SCHEDULE = `WITH gone AS (DELETE FROM schedules WHERE name = $1 RETURNING name),
records AS (DELETE FROM schedule_executions WHERE schedule_name IN (SELECT name FROM gone))
SELECT name FROM gone`;

/**
 * $1 name, $2 paused, $3 paused reason, $4 updated time, $5 whether to set the next run time,
 * $6 that time. No row when absent.
 */
export const SET_PAUSED = `UPDATE schedules
SET paused = $2,
    next_run_time = CASE WHEN $5::boolean THEN $6::bigint ELSE next_run_time END,
    data = data || jsonb_build_object('pausedReason', $3::text, 'updatedTime', $4::bigint)
WHERE name = $1
RETURNING name`;

/** $1 now, $2 limit. */
export const SELECT_DUE_SCHEDULES = `SELECT ${SCHEDULE_COLUMNS} FROM schedules
WHERE NOT paused AND next_run_time <= $1
ORDER BY next_run_time, name COLLATE "C"
LIMIT $2`;

/** $1 name, $2 expected next run time, $3 new one. A row only when it moved. */
export const ADVANCE_SCHEDULE = `UPDATE schedules SET next_run_time = $3
WHERE name = $1 AND next_run_time = $2
RETURNING name`;

/**
 * $1 execution id, $2 schedule name, $3 scheduled time, $4 workflow name, $5 state, $6 document.
 * One statement: a row for exactly one caller per (schedule, due time).
 */
export const CLAIM_EXECUTION = `INSERT INTO schedule_executions
  (execution_id, schedule_name, scheduled_time, workflow_name, state, data)
VALUES ($1, $2, $3, $4, $5, $6::jsonb)
ON CONFLICT DO NOTHING
RETURNING execution_id`;

/** $1 execution id, $2 state, $3 document. */
export const UPDATE_EXECUTION = `UPDATE schedule_executions SET state = $2, data = $3::jsonb
WHERE execution_id = $1`;

/** $1 schedule name or null, $2 text (schedule name, workflow name or state) or null. */
const EXECUTION_FILTER = `WHERE ($1::text IS NULL OR schedule_name = $1)
  AND ($2::text IS NULL OR schedule_name = $2 OR workflow_name = $2 OR state = $2)`;

/** $1 schedule name or null, $2 text or null, $3 offset, $4 limit. */
export const SEARCH_EXECUTIONS = `SELECT data, count(*) OVER ()::int AS total FROM schedule_executions
${EXECUTION_FILTER}
ORDER BY scheduled_time DESC, execution_id COLLATE "C"
OFFSET $3 LIMIT $4`;

/** $1 schedule name or null, $2 text or null. */
export const COUNT_EXECUTIONS = `SELECT count(*)::int AS total FROM schedule_executions
${EXECUTION_FILTER}`;
