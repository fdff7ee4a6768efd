/**
 * Opens the stores `bench-hot-paths.ts` measures, each on its own private services (never the
 * system Redis/Postgres): in-memory, PGlite in memory, Redis (executions, queues, events; memory
 * definitions), or Redis+Postgres as the server runs it.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
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
  /** The port of the private redis-server, when there is one (to read its CPU time). */
  redisPort?: number;
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
        executions: new RedisExecutionStore({ client, keys, queue }),
        definitions: createMemoryStores().definitions,
        queue,
        events,
        redisPort: redis.port,
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
        redisPort: redis.port,
        async close() {
          await stores.close();
          await Promise.all([redis.stop(), postgres.stop()]);
        },
      };
    }
  }
}

/** CPU seconds (user + system) used so far by the redis-server listening on `port`, or null. */
export function redisCpuSeconds(port: number): number | null {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.startsWith('redis-server') || !cmdline.includes(`:${port}`)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      // The process ended while we looked.
    }
  }
  return null;
}

/** `getconf CLK_TCK` on Linux. */
const CLOCK_TICKS = 100;
