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
 * keeps the stores' hot paths to one network round trip under concurrency. Connection errors go
 * to `onError` (default: ignored); commands that fail because of them reject with
 * STORE_UNAVAILABLE, and ioredis reconnects by itself.
 */
export function createRedisClient(
  connection: RedisConnection,
  onError: (error: Error) => void = () => undefined,
): RedisClient {
  const client =
    connection.type === 'cluster'
      ? new Cluster(connection.nodes, {
          enableAutoPipelining: true,
          ...connection.options,
          redisOptions: { maxRetriesPerRequest: 3, ...connection.options?.redisOptions },
        })
      : new Redis(connection.url, {
          enableAutoPipelining: true,
          maxRetriesPerRequest: 3,
          ...connection.options,
        });
  client.on('error', onError);
  return client;
}

/** True for an ioredis Cluster client. */
export function isClusterClient(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** True for an ioredis client (standalone or cluster), as opposed to connection settings. */
export function isRedisClient(value: unknown): value is RedisClient {
  return value instanceof Redis || value instanceof Cluster;
}
