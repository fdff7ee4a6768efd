/**
 * Factories wiring the Pg* stores over any SqlClient, and over Postgres (`pg`) with migrations.
 * @module
 */
import type { Clock } from '@baton/engine';
import { migrate } from './migrate.js';
import { PgDefinitionStore } from './pg-definition-store.js';
import { PgEventBus } from './pg-event-bus.js';
import { PgEventHandlerStore } from './pg-event-handler-store.js';
import { PgScheduleStore } from './pg-schedule-store.js';
import { PgExecutionStore } from './pg-execution-store.js';
import { PgSqlClient } from './pg-sql-client.js';
import { PgTaskQueue } from './pg-task-queue.js';
import type { SqlClient } from './sql-client.js';

/** The stores of one database, and the function that closes it. */
export interface SqlStores {
  executions: PgExecutionStore;
  definitions: PgDefinitionStore;
  queue: PgTaskQueue;
  events: PgEventBus;
  eventHandlers: PgEventHandlerStore;
  schedules: PgScheduleStore;
  /** The underlying client (for health checks and tests). */
  sql: SqlClient;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Options shared by both factories. */
export interface SqlStoreOptions {
  /** Stamps definitions and times queue delays and leases (default: the system clock). */
  clock?: Clock;
  /** Keeps LISTEN/NOTIFY channels apart from other stores in the same database. */
  channelPrefix?: string;
}

/** Builds the stores over an already migrated SqlClient; `close` closes the client too. */
export function createSqlStores(client: SqlClient, options: SqlStoreOptions = {}): SqlStores {
  const queue = new PgTaskQueue(client, options);
  const events = new PgEventBus(client, options);
  const definitions = new PgDefinitionStore(client, options);
  return {
    executions: new PgExecutionStore(client),
    definitions,
    queue,
    events,
    eventHandlers: new PgEventHandlerStore(client),
    schedules: new PgScheduleStore(client),
    sql: client,
    async close() {
      await Promise.allSettled([queue.close(), events.close(), definitions.close()]);
      await client.close();
    },
  };
}

/**
 * Connects to Postgres, applies migrations (safe when several servers start together) and
 * returns the stores. With `schema`, everything lives in that schema (created if needed), and
 * notification channels default to the schema's name.
 */
export async function createPostgresStores(
  options: SqlStoreOptions & {
    connectionString: string;
    schema?: string;
    poolSize?: number;
    /** Shown in pg_stat_activity; default 'baton'. */
    applicationName?: string;
  },
): Promise<SqlStores> {
  const client = new PgSqlClient({
    connectionString: options.connectionString,
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.poolSize ? { max: options.poolSize } : {}),
    ...(options.applicationName ? { applicationName: options.applicationName } : {}),
  });
  try {
    await migrate(client, options.schema ? { schema: options.schema } : {});
  } catch (e) {
    await client.close();
    throw e;
  }
  return createSqlStores(client, {
    ...options,
    channelPrefix: options.channelPrefix ?? options.schema ?? '',
  });
}
