/**
 * Applies the schema migrations in order, once each, recording them in `schema_migrations`.
 * Idempotent, and safe when several servers start at once: the whole run holds a transaction-
 * scoped advisory lock, so a second runner waits and then finds nothing left to apply.
 * @module
 */
import { MIGRATION_0001_INIT } from './migrations/0001_init.js';
import { MIGRATION_0002_EVENT_HANDLERS } from './migrations/0002_event_handlers.js';
import { MIGRATION_0003_EVENT_EXECUTIONS } from './migrations/0003_event_executions.js';
import { MIGRATION_0004_SCHEDULES } from './migrations/0004_schedules.js';
import { MIGRATION_0005_WORKFLOW_TESTS } from './migrations/0005_workflow_tests.js';
import { MIGRATION_0006_SEARCH_INDEXES } from './migrations/0006_search_indexes.js';
import { quoteIdent } from './quote-ident.js';
import type { SqlClient } from './sql-client.js';

/** Every migration, in order. Append only. */
export const MIGRATIONS: ReadonlyArray<{ version: string; sql: string }> = [
  { version: '0001_init', sql: MIGRATION_0001_INIT },
  { version: '0002_event_handlers', sql: MIGRATION_0002_EVENT_HANDLERS },
  { version: '0003_event_executions', sql: MIGRATION_0003_EVENT_EXECUTIONS },
  { version: '0004_schedules', sql: MIGRATION_0004_SCHEDULES },
  { version: '0005_workflow_tests', sql: MIGRATION_0005_WORKFLOW_TESTS },
  { version: '0006_search_indexes', sql: MIGRATION_0006_SEARCH_INDEXES },
];

/** An arbitrary constant identifying Baton's migration lock among other advisory locks. */
const MIGRATION_LOCK_KEY = 0x6261746f; // "bato"

/**
 * Brings the schema up to date and returns the versions it applied (empty when already current).
 * With `schema`, creates it if needed and migrates inside it (the client must use it as its
 * search_path, see PgSqlClient's `schema` option).
 */
export async function migrate(
  client: SqlClient,
  options: { schema?: string } = {},
): Promise<string[]> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    if (options.schema) {
      await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
      await tx.exec(`SET LOCAL search_path TO ${quoteIdent(options.schema)}`);
    }
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ version: string }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: string[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
      applied.push(migration.version);
    }
    return applied;
  });
}
