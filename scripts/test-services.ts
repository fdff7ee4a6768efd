/**
 * Vitest globalSetup for the `int` project: starts a private Postgres and a private Redis on free
 * ports in temp folders, provides their URLs (`inject('databaseUrl')`, `inject('redisUrl')`),
 * and stops both and deletes their folders at teardown.
 * @module
 */
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresService } from './services/postgres.js';
import { startRedis, type RedisService } from './services/redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://postgres@127.0.0.1:<port>/postgres` of the private test server. */
    databaseUrl: string;
    /** `redis://127.0.0.1:<port>` of the private test server. */
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started: Array<PostgresService | RedisService> = [];
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled(started.map((service) => service.stop()));
  };
  try {
    const [postgres, redis] = await Promise.all([
      startPostgres().then((s) => (started.push(s), s)),
      startRedis().then((s) => (started.push(s), s)),
    ]);
    project.provide('databaseUrl', postgres.url);
    project.provide('redisUrl', redis.url);
  } catch (e) {
    await stopAll();
    throw e;
  }
  return stopAll;
}
