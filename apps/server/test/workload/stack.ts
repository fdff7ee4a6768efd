/**
 * A production-shaped stack for one test file: its own Postgres, its own Redis (plain, AOF with
 * `appendfsync everysec`, or a three-master Cluster) and N server processes on them, all on free
 * ports in temp folders; `close()` stops every process and deletes every folder.
 * @module
 */
import type { ServerPool } from './balancer.js';
import { startServer, type ServerProcess } from './server-process.js';
import {
  clusterUrl,
  startDurableRedis,
  startPostgres,
  startRedisCluster,
  type PostgresService,
  type RedisClusterService,
  type RedisService,
} from './services.js';

/** Which Redis the stack runs on. */
export type RedisKind = 'durable' | 'cluster';

/** A running stack. */
export interface Stack {
  postgres: PostgresService;
  /** The standalone Redis (kind `durable`); a test that restarts it puts the new one here. */
  redis: RedisService | undefined;
  cluster: RedisClusterService | undefined;
  /** Every server started, also the stopped ones. */
  servers: ServerProcess[];
  /** The base URLs the balancer spreads requests over. */
  pool: ServerPool;
  /** Starts one more server on the same stores and adds it to the pool. */
  addServer(name: string): Promise<ServerProcess>;
  /** Stops every server, Redis and Postgres, and deletes their folders. */
  close(): Promise<void>;
}

/** Starts Postgres, Redis and `servers` server processes. */
export async function startStack(options: { servers: number; redis: RedisKind }): Promise<Stack> {
  const stack: Stack = {
    postgres: undefined as unknown as PostgresService,
    redis: undefined,
    cluster: undefined,
    servers: [],
    pool: { urls: [] },
    async addServer(name) {
      const redisUrl = stack.cluster ? clusterUrl(stack.cluster) : stack.redis!.url;
      const server = await startServer(name, {
        REDIS_URL: redisUrl,
        DATABASE_URL: stack.postgres.url,
      });
      stack.servers.push(server);
      stack.pool.urls.push(server.url);
      return server;
    },
    async close() {
      await Promise.allSettled(stack.servers.map((s) => s.stop('SIGKILL')));
      await Promise.allSettled([
        stack.redis?.stop(),
        stack.cluster?.stop(),
        stack.postgres?.stop(),
      ]);
    },
  };
  try {
    await Promise.all([
      startPostgres().then((p) => (stack.postgres = p)),
      options.redis === 'cluster'
        ? startRedisCluster().then((c) => (stack.cluster = c))
        : startDurableRedis().then((r) => (stack.redis = r)),
    ]);
    // The first server migrates Postgres; the others start once it has.
    await stack.addServer('server-0');
    await Promise.all(
      Array.from({ length: options.servers - 1 }, (_, k) => stack.addServer(`server-${k + 1}`)),
    );
  } catch (e) {
    await stack.close();
    throw e;
  }
  return stack;
}

/** Server output of every server, for failure messages. */
export function serverOutput(stack: Stack): string {
  return stack.servers
    .map((s) => `--- ${s.name}${s.exited() ? ' (exited)' : ''}\n${s.output().slice(-4000)}`)
    .join('\n');
}

/** Runs `body`; a failure carries the servers' output, which usually names the cause. */
export async function explainFailure<T>(stack: Stack, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n${serverOutput(stack)}`, { cause: error });
  }
}
