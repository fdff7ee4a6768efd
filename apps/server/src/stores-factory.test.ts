import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { toRedisConnection } from './stores-factory.js';

describe('toRedisConnection', () => {
  it('treats a URL with one host as a standalone Redis', () => {
    expect(toRedisConnection('redis://:secret@cache:6380/2')).toEqual({
      type: 'standalone',
      url: 'redis://:secret@cache:6380/2',
    });
  });

  it('treats comma-separated hosts as the startup nodes of a Redis Cluster', () => {
    expect(toRedisConnection('redis://10.0.0.1:7000,10.0.0.2:7001,node3')).toEqual({
      type: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: 'node3', port: 6379 },
      ],
      options: { redisOptions: {} },
    });
  });

  it('passes the credentials and TLS of a rediss:// cluster URL to every node', () => {
    const connection = toRedisConnection('rediss://app:p%40ss@a:7000,b:7000');
    expect(connection).toMatchObject({
      type: 'cluster',
      options: { redisOptions: { username: 'app', password: 'p@ss', tls: {} } },
    });
  });

  it('rejects a cluster node with a bad port, naming REDIS_URL', () => {
    expect(() => toRedisConnection('redis://a:7000,b:notaport')).toThrow(ConfigError);
    expect(() => toRedisConnection('redis://a:7000,b:notaport')).toThrow(/REDIS_URL/);
  });
});
