/**
 * @baton/stores: adapters implementing the engine's store ports.
 * Curated public exports; edit by adding lines (several people work on this file).
 * @module
 */

/** Errors */
export type { StoreStatus } from './status-errors.js';
export { toStoreError, toUnavailableError } from './status-errors.js';

/** Postgres */
export type { SqlClient, SqlQueryable, SqlResult } from './postgres/sql-client.js';
export type { PgSqlClientOptions } from './postgres/pg-sql-client.js';
export { PgSqlClient } from './postgres/pg-sql-client.js';
export { migrate, MIGRATIONS } from './postgres/migrate.js';
export { PgDefinitionStore } from './postgres/pg-definition-store.js';
export { PgExecutionStore } from './postgres/pg-execution-store.js';
export type { SearchSql, SearchTable } from './postgres/pg-search.js';
export { toSearchSql } from './postgres/pg-search.js';
export type { PgTaskQueueOptions } from './postgres/pg-task-queue.js';
export { PgTaskQueue } from './postgres/pg-task-queue.js';
export { PgEventBus } from './postgres/pg-event-bus.js';
export { PgEventHandlerStore } from './postgres/pg-event-handler-store.js';
export { PgScheduleStore } from './postgres/pg-schedule-store.js';
export type { SqlStores, SqlStoreOptions } from './postgres/create-postgres-stores.js';
export { createPostgresStores, createSqlStores } from './postgres/create-postgres-stores.js';

/** PGlite */
export { PgliteSqlClient } from './pglite/pglite-sql-client.js';
export { createPgliteStores } from './pglite/create-pglite-stores.js';

/** Redis */
export type { RedisClient, RedisConnection } from './redis/redis-client.js';
export { createRedisClient, isClusterClient, isRedisClient } from './redis/redis-client.js';
export { RedisKeys, INDEX_SHARDS } from './redis/keys.js';
export type { RedisExecutionStoreOptions, ExecutionSearch } from './redis/redis-execution-store.js';
export { RedisExecutionStore } from './redis/redis-execution-store.js';
export type { RedisTaskQueueOptions } from './redis/redis-task-queue.js';
export { RedisTaskQueue } from './redis/redis-task-queue.js';
export { RedisEventBus } from './redis/redis-event-bus.js';
export type { SearchIndexSink, SearchIndexerOptions } from './redis/search-indexer.js';
export { SearchIndexer } from './redis/search-indexer.js';

/** Redis + Postgres */
export type {
  RedisPostgresStores,
  RedisPostgresStoresOptions,
} from './composite/create-redis-postgres-stores.js';
export { createRedisPostgresStores } from './composite/create-redis-postgres-stores.js';
export { RedisPostgresExecutionStore } from './composite/redis-postgres-execution-store.js';
export type { ArchiverOptions } from './composite/archiver.js';
export { Archiver } from './composite/archiver.js';
export { PgSearchSink } from './composite/pg-search-sink.js';
