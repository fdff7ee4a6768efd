/**
 * Opens the stores `bench-hot-paths.ts` measures, each on its own private services (never the
 * system Redis/Postgres): in-memory, PGlite in memory, Redis (executions, queues, events; memory
 * definitions), or Redis+Postgres as the server runs it.
 * @module
 */
import type { DefinitionStore, EventBus, ExecutionStore, TaskQueue } from '@baton/engine';
import { createMemoryStores } from '@baton/engine/testing';
import {
  createPgliteStores,
  createRedisClient,
  createRedisPostgresStores,
  RedisEventBus,
  RedisExecutionStore,
  RedisKeys,
  RedisTaskQueue,
} from '@baton/stores';
import { startPostgres } from '../services/postgres.js';
import { startRedis } from '../services/redis.js';

/** The stores under test. */
export type StoreKind = 'memory' | 'pglite' | 'redis' | 'redis-postgres';

export const STORE_KINDS: readonly StoreKind[] = ['memory', 'pglite', 'redis', 'redis-postgres'];

/** Stores plus a `close` that also stops the services started for them. */
export interface BenchStores {
  executions: ExecutionStore;
  definitions: DefinitionStore;
  queue: TaskQueue;
  events?: EventBus;
  close(): Promise<void>;
}

/** Opens `kind`, starting a private redis-server / Postgres when it needs one. */
export async function openStores(kind: StoreKind): Promise<BenchStores> {
  switch (kind) {
    case 'memory': {
      const stores = createMemoryStores();
      return { ...stores, close: async () => undefined };
    }
    case 'pglite': {
      const stores = await createPgliteStores();
      return { ...stores, close: () => stores.close() };
    }
    case 'redis': {
      const redis = await startRedis();
      const client = createRedisClient({ type: 'standalone', url: redis.url });
      const keys = new RedisKeys();
      const queue = new RedisTaskQueue({ client, keys });
      const events = new RedisEventBus(client, keys);
      return {
        executions: new RedisExecutionStore({ client, keys }),
        definitions: createMemoryStores().definitions,
        queue,
        events,
        async close() {
          await Promise.allSettled([queue.close(), events.close()]);
          await client.quit().catch(() => client.disconnect());
          await redis.stop();
        },
      };
    }
    case 'redis-postgres': {
      const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
      const stores = await createRedisPostgresStores({
        redis: redis.url,
        databaseUrl: postgres.url,
      });
      return {
        ...stores,
        async close() {
          await stores.close();
          await Promise.all([redis.stop(), postgres.stop()]);
        },
      };
    }
  }
}
