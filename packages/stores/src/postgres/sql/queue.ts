/**
 * SQL of PgTaskQueue, one statement per constant. Times are epoch ms from the store's Clock.
 * @module
 */

/**
 * $1 queue, $2 JSON array of {id, priority, visible_at}. Adds messages or replaces the priority
 * and visibility of existing ones (leased included); a replaced message keeps its insert_order.
 */
export const PUSH_MESSAGES = `INSERT INTO queue_messages (queue_name, message_id, priority, visible_at)
SELECT $1, id, priority, visible_at
FROM jsonb_to_recordset($2::jsonb) AS r(id text, priority integer, visible_at bigint)
ON CONFLICT (queue_name, message_id) DO UPDATE SET priority = excluded.priority,
  visible_at = excluded.visible_at`;

/**
 * $1 queue, $2 now, $3 count, $4 lease end. Leases up to $3 due messages, highest priority first,
 * then oldest due time. FOR UPDATE SKIP LOCKED makes concurrent pops take disjoint messages
 * without waiting on each other. Returns the leased ids with their pre-lease ordering keys (the
 * caller sorts by them: RETURNING order is unspecified).
 */
export const POP_MESSAGES = `WITH due AS (
  SELECT queue_name, message_id, priority, visible_at, insert_order FROM queue_messages
  WHERE queue_name = $1 AND visible_at <= $2
  ORDER BY priority DESC, visible_at, insert_order
  LIMIT $3
  FOR UPDATE SKIP LOCKED
)
UPDATE queue_messages m SET visible_at = $4
FROM due WHERE m.queue_name = due.queue_name AND m.message_id = due.message_id
RETURNING m.message_id AS id, due.priority, due.visible_at::float8 AS due_at,
  due.insert_order::float8 AS insert_order`;

/** $1 queue, $2 id. */
export const REMOVE_MESSAGE = `DELETE FROM queue_messages WHERE queue_name = $1 AND message_id = $2`;

/** $1 queue, $2 ids (text[]). */
export const REMOVE_MESSAGES = `DELETE FROM queue_messages WHERE queue_name = $1 AND message_id = ANY($2::text[])`;

/** $1 queue, $2 id. */
export const CONTAINS_MESSAGE = `SELECT 1 FROM queue_messages WHERE queue_name = $1 AND message_id = $2`;

/** $1 queue. */
export const QUEUE_SIZE = `SELECT count(*)::integer AS size FROM queue_messages WHERE queue_name = $1`;

/** Sizes of every non-empty queue. */
export const QUEUE_SIZES = `SELECT queue_name, count(*)::integer AS size FROM queue_messages
GROUP BY queue_name`;

/** $1 channel, $2 payload: NOTIFY with parameters (the NOTIFY statement takes none). */
export const NOTIFY = `SELECT pg_notify($1, $2)`;
