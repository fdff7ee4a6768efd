/**
 * The Redis connection types the Redis stores accept, and a factory with Baton's defaults.
 * @module
 */
import { Cluster, Redis } from 'ioredis';
import type { ClusterNode, ClusterOptions, RedisOptions } from 'ioredis';

/** A standalone ioredis client or an ioredis Cluster client; every store works with either. */
export type RedisClient = Redis | Cluster;

/** Where to connect: a `redis://` URL, or the startup nodes of a Redis Cluster. */
export type RedisConnection =
  | { type: 'standalone'; url: string; options?: RedisOptions }
  | { type: 'cluster'; nodes: ClusterNode[]; options?: ClusterOptions };

/**
 * Creates a client with auto-pipelining on (commands issued in one tick share one write), which
 * keeps the stores' hot paths to one network round trip under concurrency.
 */
export function createRedisClient(connection: RedisConnection): RedisClient {
  if (connection.type === 'cluster') {
    return new Cluster(connection.nodes, {
      enableAutoPipelining: true,
      ...connection.options,
      redisOptions: { maxRetriesPerRequest: 3, ...connection.options?.redisOptions },
    });
  }
  return new Redis(connection.url, {
    enableAutoPipelining: true,
    maxRetriesPerRequest: 3,
    ...connection.options,
  });
}

/** True for an ioredis Cluster client. */
export function isClusterClient(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** True for an ioredis client (standalone or cluster), as opposed to connection settings. */
export function isRedisClient(value: unknown): value is RedisClient {
  return value instanceof Redis || value instanceof Cluster;
}
