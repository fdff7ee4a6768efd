/**
 * Chooses and opens the stores from the configuration: PGlite in `dataDir` by default, Postgres
 * when `DATABASE_URL` is set, Redis (executions, queues, events) with Postgres (definitions, search)
 * when `REDIS_URL` is set too. Extend here when a backend is added; nothing else needs to change.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { createPgliteStores, createPostgresStores, createRedisPostgresStores } from '@baton/stores';
import type { RedisConnection } from '@baton/stores';
import type {
  DefinitionStore,
  EventBus,
  EventHandlerStore,
  ExecutionStore,
  ScheduleStore,
  TaskQueue,
} from '@baton/engine';
import type { ServerConfig } from './config.js';
import { ConfigError } from './config.js';

/** The stores the server runs on. `events` is a cross-server bus when the backend has one. */
export interface ServerStores {
  executions: ExecutionStore;
  definitions: DefinitionStore;
  eventHandlers: EventHandlerStore;
  schedules: ScheduleStore;
  queue: TaskQueue;
  events?: EventBus;
  /** Human-readable description for the startup log line. */
  description: string;
  close(): Promise<void>;
}

/**
 * Opens the stores the configuration asks for. `logError` receives store background errors
 * (default: a line on stderr); the server passes its logger so they join its log format.
 */
export async function createStoresFromConfig(
  config: ServerConfig,
  logError: (line: string) => void = (line) => console.error(line),
): Promise<ServerStores> {
  if (config.redisUrl !== undefined) {
    if (config.databaseUrl === undefined) {
      throw new ConfigError(
        'REDIS_URL needs DATABASE_URL too (Postgres keeps definitions and the search index)',
      );
    }
    const redis = toRedisConnection(config.redisUrl);
    const retentionMs = config.archiveAfterSeconds * 1000;
    const stores = await createRedisPostgresStores({
      redis,
      databaseUrl: config.databaseUrl,
      onBackgroundError: logBackgroundError(logError),
      // Checked every tenth of the retention (at least every second, at most every minute).
      archive: { retentionMs, intervalMs: Math.min(60_000, Math.max(1_000, retentionMs / 10)) },
    });
    const where =
      redis.type === 'cluster' ? `Redis Cluster (${redis.nodes.length} nodes)` : 'Redis';
    return { ...stores, description: `${where} + Postgres`, close: () => stores.close() };
  }
  if (config.databaseUrl !== undefined) {
    const stores = await createPostgresStores({ connectionString: config.databaseUrl });
    return { ...stores, description: 'Postgres', close: () => stores.close() };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const stores = await createPgliteStores({ dataDir: config.dataDir });
  return { ...stores, description: `PGlite (${config.dataDir})`, close: () => stores.close() };
}

/**
 * `redis://[user:pass@]host:port` is one Redis; several comma-separated nodes
 * (`redis://h1:7000,h2:7001`) are the startup nodes of a Redis Cluster. `rediss://` turns on TLS.
 */
export function toRedisConnection(url: string): RedisConnection {
  const match = /^(rediss?):\/\/(?:([^@/]*)@)?([^/?#]+)(.*)$/.exec(url.trim());
  if (!match?.[3]?.includes(',')) return { type: 'standalone', url };
  const [, scheme, auth, hosts] = match;
  const nodes = hosts!.split(',').map((hostPort) => {
    const i = hostPort.lastIndexOf(':');
    const port = i > 0 ? Number(hostPort.slice(i + 1)) : 6379;
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new ConfigError(`REDIS_URL: bad cluster node "${hostPort}"`);
    }
    return { host: i > 0 ? hostPort.slice(0, i) : hostPort, port };
  });
  const [username, password] = auth ? auth.split(':').map(decodeURIComponent) : [];
  const redisOptions = {
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(scheme === 'rediss' ? { tls: {} } : {}),
  };
  return { type: 'cluster', nodes, options: { redisOptions } };
}

/** Reports store background errors (Redis reconnects, indexing) at most once every 5 s. */
function logBackgroundError(log: (line: string) => void): (error: unknown) => void {
  let last = 0;
  let skipped = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < 5_000) {
      skipped += 1;
      return;
    }
    const more = skipped > 0 ? ` (${skipped} more since the last report)` : '';
    skipped = 0;
    last = now;
    log(`store background error${more}: ${(error as Error)?.message ?? String(error)}`);
  };
}
