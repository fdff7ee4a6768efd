/**
 * SQL of PgEventHandlerStore, one statement per constant.
 * @module
 */

/** $1 name, $2 event, $3 active, $4 document. No row when the name exists. */
export const INSERT_EVENT_HANDLER = `INSERT INTO event_handlers (name, event, active, data)
VALUES ($1, $2, $3, $4::jsonb)
ON CONFLICT (name) DO NOTHING
RETURNING name`;

/** $1 name, $2 event, $3 active, $4 document. No row when the name is absent. */
export const UPDATE_EVENT_HANDLER = `UPDATE event_handlers
SET event = $2, active = $3, data = $4::jsonb
WHERE name = $1
RETURNING name`;

/** $1 name. No row when absent. */
export const DELETE_EVENT_HANDLER = `DELETE FROM event_handlers WHERE name = $1 RETURNING name`;

export const SELECT_EVENT_HANDLERS = `SELECT data FROM event_handlers ORDER BY name COLLATE "C"`;

/** $1 event, $2 active only. */
export const SELECT_EVENT_HANDLERS_FOR_EVENT = `SELECT data FROM event_handlers
WHERE event = $1 AND (NOT $2::boolean OR active)
ORDER BY name COLLATE "C"`;

/** $1 id, $2 status, $3 update time, $4 document. */
export const UPSERT_EVENT_EXECUTION = `INSERT INTO event_executions (id, status, update_time, data)
VALUES ($1, $2, $3, $4::jsonb)
ON CONFLICT (id) DO UPDATE SET status = excluded.status, update_time = excluded.update_time,
  data = excluded.data`;

/** $1 id. */
export const SELECT_EVENT_EXECUTION = `SELECT data FROM event_executions WHERE id = $1`;

/**
 * $1 updatedBefore, $2 keep, $3 limit: removes up to $3 finished (not RETRYING) records older than
 * $1 or beyond the $2 most recent finished ones, oldest first (EventHandlerStore's contract).
 */
export const PRUNE_EVENT_EXECUTIONS = `DELETE FROM event_executions e USING (
  SELECT id FROM (
    SELECT id, update_time,
      row_number() OVER (ORDER BY update_time DESC, id COLLATE "C") AS rank
    FROM event_executions WHERE status <> 'RETRYING'
  ) ranked
  WHERE update_time < $1 OR rank > $2
  ORDER BY update_time ASC, id COLLATE "C" DESC
  LIMIT $3
) doomed
WHERE e.id = doomed.id`;

/** $1 status or null for any, $2 limit. */
export const SELECT_EVENT_EXECUTIONS = `SELECT data FROM event_executions
WHERE ($1::text IS NULL OR status = $1)
ORDER BY update_time DESC LIMIT $2`;
