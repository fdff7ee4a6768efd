/**
 * Composition of Redis+Postgres mode: Redis for executions, queues and events; Postgres for
 * definitions, the search index and the archive of finished executions.
 * @module
 */
import type {
  Clock,
  DefinitionStore,
  EventBus,
  EventHandlerStore,
  ExecutionStore,
  ScheduleStore,
  TaskQueue,
} from '@baton/engine';
import { migrate } from '../postgres/migrate.js';
import { PgDefinitionStore } from '../postgres/pg-definition-store.js';
import { PgEventHandlerStore } from '../postgres/pg-event-handler-store.js';
import { PgScheduleStore } from '../postgres/pg-schedule-store.js';
import { PgExecutionStore } from '../postgres/pg-execution-store.js';
import { PgSqlClient } from '../postgres/pg-sql-client.js';
import { RedisKeys } from '../redis/keys.js';
import {
  createRedisClient,
  isRedisClient,
  type RedisClient,
  type RedisConnection,
} from '../redis/redis-client.js';
import { RedisEventBus } from '../redis/redis-event-bus.js';
import { RedisExecutionStore } from '../redis/redis-execution-store.js';
import { RedisTaskQueue } from '../redis/redis-task-queue.js';
import { SearchIndexer } from '../redis/search-indexer.js';
import { Archiver } from './archiver.js';
import { PgSearchSink } from './pg-search-sink.js';
import { RedisPostgresExecutionStore } from './redis-postgres-execution-store.js';

/** Options of {@link createRedisPostgresStores}. */
export interface RedisPostgresStoresOptions {
  /** A `redis://` URL, cluster startup nodes, or a client the caller owns (not closed by close()). */
  redis: string | RedisConnection | RedisClient;
  databaseUrl: string;
  /** Postgres schema (created and migrated if needed); default the connection's search_path. */
  schema?: string;
  /** Redis key prefix (default `baton:`). */
  keyPrefix?: string;
  clock?: Clock;
  /** Background indexing pass interval (default 250 ms); searches also flush on demand. */
  indexIntervalMs?: number;
  /** Archive finished executions older than `retentionMs`, checking every `intervalMs`. */
  archive?: { retentionMs: number; intervalMs?: number };
  /** Called with errors of background work (indexing, archiving) and Redis connection errors. */
  onBackgroundError?: (error: unknown) => void;
}

/** The stores of Redis+Postgres mode, plus their background workers. */
export interface RedisPostgresStores {
  definitions: DefinitionStore;
  executions: ExecutionStore;
  queue: TaskQueue;
  events: EventBus;
  eventHandlers: EventHandlerStore;
  schedules: ScheduleStore;
  indexer: SearchIndexer;
  archiver: Archiver | undefined;
  /** Stops background work and closes the connections this factory opened. */
  close(): Promise<void>;
}

/**
 * Connects to Redis and Postgres, migrates the Postgres schema, and starts the search indexer
 * (and the archiver when `archive` is given).
 * @example
 * const stores = await createRedisPostgresStores({
 *   redis: 'redis://127.0.0.1:6379',
 *   databaseUrl: 'postgres://postgres@127.0.0.1:5432/baton',
 *   archive: { retentionMs: 7 * 24 * 3600_000 },
 * });
 */
export async function createRedisPostgresStores(
  options: RedisPostgresStoresOptions,
): Promise<RedisPostgresStores> {
  const ownsClient = !isRedisClient(options.redis);
  const onError = options.onBackgroundError ?? (() => undefined);
  const client = toClient(options.redis, onError);
  const db = new PgSqlClient({
    connectionString: options.databaseUrl,
    ...(options.schema ? { schema: options.schema } : {}),
  });
  await migrate(db, options.schema ? { schema: options.schema } : {});
  const keys = new RedisKeys(options.keyPrefix);
  const clock = options.clock;
  const archive = new PgExecutionStore(db);
  const sink = new PgSearchSink(db);
  const queue = new RedisTaskQueue({ client, keys, ...(clock ? { clock } : {}) });
  // Given the queue, standalone Redis applies each change's queue pushes in the change's script.
  const redis = new RedisExecutionStore({
    client,
    keys,
    journal: true,
    queue,
    ...(clock ? { clock } : {}),
  });
  const archiver = options.archive
    ? new Archiver({
        redis,
        sink,
        retentionMs: options.archive.retentionMs,
        ...(clock ? { clock } : {}),
      })
    : undefined;
  const indexer = new SearchIndexer({
    store: redis,
    sink: archiver
      ? {
          upsertExecutions: async (batch) => {
            await sink.upsertExecutions(batch);
            await Promise.all(batch.map((stored) => archiver.track(stored)));
          },
          removeExecution: (workflowId) => sink.removeExecution(workflowId),
        }
      : sink,
    onError,
    ...(options.indexIntervalMs ? { intervalMs: options.indexIntervalMs } : {}),
  });
  const events = new RedisEventBus(client, keys);
  indexer.start();
  // Each pass drains everything due (in batches), and passes never overlap.
  let archiving = false;
  const archivePass = async (): Promise<void> => {
    if (!archiver || archiving) return;
    archiving = true;
    try {
      while ((await archiver.archiveDue()) > 0);
    } finally {
      archiving = false;
    }
  };
  const archiveTimer = archiver
    ? setInterval(() => void archivePass().catch(onError), options.archive?.intervalMs ?? 60_000)
    : undefined;
  archiveTimer?.unref();

  const definitions = new PgDefinitionStore(db, {
    ...(clock ? { clock } : {}),
    ...(options.schema ? { channelPrefix: options.schema } : {}),
  });
  return {
    definitions,
    executions: new RedisPostgresExecutionStore(redis, archive, indexer),
    queue,
    events,
    eventHandlers: new PgEventHandlerStore(db),
    schedules: new PgScheduleStore(db),
    indexer,
    archiver,
    async close() {
      if (archiveTimer) clearInterval(archiveTimer);
      await indexer.stop();
      await Promise.allSettled([queue.close(), events.close(), definitions.close()]);
      if (ownsClient) await client.quit().catch(() => client.disconnect());
      await db.close();
    },
  };
}

function toClient(
  redis: RedisPostgresStoresOptions['redis'],
  onError: (error: unknown) => void,
): RedisClient {
  if (typeof redis === 'string') {
    return createRedisClient({ type: 'standalone', url: redis }, onError);
  }
  return isRedisClient(redis) ? redis : createRedisClient(redis, onError);
}
