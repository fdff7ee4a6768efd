/**
 * SQL of PgDefinitionStore, one statement per constant. Documents are JSONB; creation and update
 * times live inside the document (`createTime`, `updateTime`, epoch ms) as Conductor returns them.
 * @module
 */

/** $1 name, $2 version, $3 document (createTime already stamped). No row when it exists. */
export const INSERT_WORKFLOW_DEF = `INSERT INTO workflow_defs (name, version, data)
VALUES ($1, $2, $3::jsonb)
ON CONFLICT (name, version) DO NOTHING
RETURNING version`;

/**
 * $1 name, $2 version, $3 document, $4 now. Inserts, or overwrites keeping the stored createTime
 * and stamping updateTime.
 */
export const UPSERT_WORKFLOW_DEF = `INSERT INTO workflow_defs (name, version, data)
VALUES ($1, $2, $3::jsonb)
ON CONFLICT (name, version) DO UPDATE SET data = excluded.data
  || jsonb_build_object('createTime', workflow_defs.data -> 'createTime', 'updateTime', $4::bigint)`;

/** $1 name, $2 version or null for the latest. */
export const SELECT_WORKFLOW_DEF = `SELECT data FROM workflow_defs
WHERE name = $1 AND ($2::integer IS NULL OR version = $2)
ORDER BY version DESC LIMIT 1`;

/** Every version of every name. */
export const SELECT_WORKFLOW_DEFS = `SELECT data FROM workflow_defs
ORDER BY name COLLATE "C", version`;

/** The highest version of each name. */
export const SELECT_LATEST_WORKFLOW_DEFS = `SELECT DISTINCT ON (name COLLATE "C") data
FROM workflow_defs ORDER BY name COLLATE "C", version DESC`;

/** $1 name. Versions ascending with their times. */
export const SELECT_WORKFLOW_DEF_VERSIONS = `SELECT name, version,
  (data ->> 'createTime')::float8 AS "createTime", (data ->> 'updateTime')::float8 AS "updateTime"
FROM workflow_defs WHERE name = $1 ORDER BY version`;

/** $1 name, $2 version. Returns a row if it existed. */
export const DELETE_WORKFLOW_DEF = `DELETE FROM workflow_defs WHERE name = $1 AND version = $2
RETURNING version`;

/**
 * $1 name, $2 document (createTime stamped), $3 now. Inserts, or replaces keeping the stored
 * createTime and stamping updateTime (task definitions are upserted, never a conflict).
 */
export const UPSERT_TASK_DEF = `INSERT INTO task_defs (name, data) VALUES ($1, $2::jsonb)
ON CONFLICT (name) DO UPDATE SET data = excluded.data
  || jsonb_build_object('createTime', task_defs.data -> 'createTime', 'updateTime', $3::bigint)`;

/** $1 name, $2 document, $3 now. Replaces an existing one only; returns a row if it existed. */
export const UPDATE_TASK_DEF = `UPDATE task_defs
SET data = $2::jsonb || jsonb_build_object('createTime', data -> 'createTime', 'updateTime', $3::bigint)
WHERE name = $1 RETURNING name`;

/** $1 name. */
export const SELECT_TASK_DEF = `SELECT data FROM task_defs WHERE name = $1`;

/** Every task definition by name. */
export const SELECT_TASK_DEFS = `SELECT data FROM task_defs ORDER BY name COLLATE "C"`;

/** $1 name. Returns a row if it existed. */
export const DELETE_TASK_DEF = `DELETE FROM task_defs WHERE name = $1 RETURNING name`;

/** $1 workflow name. The saved test cases (a JSON array), no row when none. */
export const SELECT_WORKFLOW_TESTS = `SELECT data FROM workflow_tests WHERE name = $1`;

/** $1 workflow name. Deletes its test cases once no version of it is left. */
export const DELETE_ORPHAN_WORKFLOW_TESTS = `DELETE FROM workflow_tests WHERE name = $1
AND NOT EXISTS (SELECT 1 FROM workflow_defs WHERE name = $1)`;

/** $1 workflow name, $2 test cases (JSON array), $3 now. */
export const UPSERT_WORKFLOW_TESTS = `INSERT INTO workflow_tests (name, data, update_time)
VALUES ($1, $2::jsonb, $3)
ON CONFLICT (name) DO UPDATE SET data = excluded.data, update_time = excluded.update_time`;
