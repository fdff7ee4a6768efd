/**
 * The test services the workload tests start: a private Postgres, a private Redis (optionally with
 * AOF) or a three-master Redis Cluster, each on free ports in temp folders. The helpers live in
 * scripts/services (outside this TypeScript project), so they are imported dynamically and typed
 * here by the parts these tests use.
 * @module
 */

/** A running test Redis (scripts/services/redis.ts). */
export interface RedisService {
  url: string;
  port: number;
  dir: string;
  stop(options?: { keepDir?: boolean; signal?: NodeJS.Signals }): Promise<void>;
}

/** Options of `startRedis` (scripts/services/redis.ts). */
export interface RedisServiceOptions {
  appendOnly?: boolean;
  dir?: string;
  port?: number;
  args?: string[];
}

/** A running test Redis Cluster (scripts/services/redis-cluster.ts). */
export interface RedisClusterService {
  nodes: Array<{ host: string; port: number }>;
  stop(): Promise<void>;
}

/** A running test Postgres (scripts/services/postgres.ts). */
export interface PostgresService {
  url: string;
  stop(): Promise<void>;
}

const SERVICES = '../../../../scripts/services/';

async function load<T>(file: string): Promise<T> {
  return (await import(/* @vite-ignore */ `${SERVICES}${file}`)) as T;
}

/** Starts redis-server on a free port in a temp folder. */
export async function startRedis(options: RedisServiceOptions = {}): Promise<RedisService> {
  const m = await load<{ startRedis(o: RedisServiceOptions): Promise<RedisService> }>('redis.ts');
  return m.startRedis(options);
}

/** Starts a Redis with AOF and `appendfsync everysec` (the production setting we document). */
export function startDurableRedis(options: RedisServiceOptions = {}): Promise<RedisService> {
  return startRedis({
    ...options,
    appendOnly: true,
    args: ['--appendfsync', 'everysec', ...(options.args ?? [])],
  });
}

/** Starts a three-master Redis Cluster. */
export async function startRedisCluster(): Promise<RedisClusterService> {
  const m = await load<{ startRedisCluster(): Promise<RedisClusterService> }>('redis-cluster.ts');
  return m.startRedisCluster();
}

/** Starts a private Postgres. */
export async function startPostgres(): Promise<PostgresService> {
  const m = await load<{ startPostgres(): Promise<PostgresService> }>('postgres.ts');
  return m.startPostgres();
}

/** The REDIS_URL of a cluster: its startup nodes, comma-separated. */
export function clusterUrl(cluster: RedisClusterService): string {
  return `redis://${cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
}

/** A running test NATS server (scripts/services/nats.ts). */
export interface NatsService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a private nats-server on a free port. */
export async function startNats(): Promise<NatsService> {
  const m = await load<{ startNats(): Promise<NatsService> }>('nats.ts');
  return m.startNats();
}
