/**
 * Starts a real local Redis Cluster for tests: three masters (no replicas), each a private
 * redis-server on a free port in its own temp folder, joined with `redis-cli --cluster create`.
 * @module
 */
import { createServer } from 'node:net';
import { freePort, runAs } from './process.js';
import { startRedis, type RedisService } from './redis.js';

/** A running test cluster. */
export interface RedisClusterService {
  /** Startup nodes for an ioredis `Cluster`. */
  nodes: Array<{ host: string; port: number }>;
  /** The masters, for tests that stop or inspect one. */
  servers: RedisService[];
  stop(): Promise<void>;
}

/** Starts `masters` (default 3) cluster nodes and resolves once the cluster state is ok. */
export async function startRedisCluster(
  options: { masters?: number } = {},
): Promise<RedisClusterService> {
  const count = options.masters ?? 3;
  const servers: RedisService[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    for (let i = 0; i < count; i++) {
      servers.push(
        await startRedis({
          port: await clusterPort(),
          args: [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            'nodes.conf',
            '--cluster-node-timeout',
            '5000',
          ],
        }),
      );
    }
    const addresses = servers.map((server) => `127.0.0.1:${server.port}`);
    await runAs(undefined, 'redis-cli', [
      '--cluster',
      'create',
      ...addresses,
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await Promise.all(servers.map((server) => waitForClusterOk(server.port)));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    nodes: servers.map((server) => ({ host: '127.0.0.1', port: server.port })),
    servers,
    stop,
  };
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function clusterPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort();
    if (port + 10_000 <= 65_535 && (await isFree(port + 10_000))) return port;
  }
  throw new Error('no free port pair (port, port + 10000) for a cluster node');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitForClusterOk(port: number, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const info = await runAs(undefined, 'redis-cli', ['-p', String(port), 'cluster', 'info']);
    if (info.includes('cluster_state:ok')) return;
    if (Date.now() > until) throw new Error(`cluster node ${port} not ok: ${info}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
