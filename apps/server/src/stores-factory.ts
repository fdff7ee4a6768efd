/**
 * Chooses and opens the stores from the configuration: PGlite in `dataDir` by default, Postgres
 * when `DATABASE_URL` is set, Redis (executions, queues, events) with Postgres (definitions, search)
 * when `REDIS_URL` is set too. Extend here when a backend is added; nothing else needs to change.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { createPgliteStores, createPostgresStores } from '@baton/stores';
import type { DefinitionStore, EventBus, ExecutionStore, TaskQueue } from '@baton/engine';
import type { ServerConfig } from './config.js';
import { ConfigError } from './config.js';

/** The stores the server runs on. `events` is a cross-server bus when the backend has one. */
export interface ServerStores {
  executions: ExecutionStore;
  definitions: DefinitionStore;
  queue: TaskQueue;
  events?: EventBus;
  /** Human-readable description for the startup log line. */
  description: string;
  close(): Promise<void>;
}

/** Opens the stores the configuration asks for. */
export async function createStoresFromConfig(config: ServerConfig): Promise<ServerStores> {
  if (config.redisUrl !== undefined) {
    if (config.databaseUrl === undefined) {
      throw new ConfigError(
        'REDIS_URL needs DATABASE_URL too (Postgres keeps definitions and the search index)',
      );
    }
    throw new ConfigError(
      'REDIS_URL is not supported by this build yet; unset it to use Postgres only',
    );
  }
  if (config.databaseUrl !== undefined) {
    const stores = await createPostgresStores({ connectionString: config.databaseUrl });
    return { ...stores, description: 'Postgres', close: () => stores.close() };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const stores = await createPgliteStores({ dataDir: config.dataDir });
  return { ...stores, description: `PGlite (${config.dataDir})`, close: () => stores.close() };
}
