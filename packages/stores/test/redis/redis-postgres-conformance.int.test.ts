import { afterAll, beforeAll, inject } from 'vitest';
import { createManualClock, runStoreConformance } from '@baton/engine/testing';
import { createRedisPostgresStores, type RedisPostgresStores } from '../../src/index.js';
import './provided-context.js';
import { connect, dropKeys, randomKeys } from './support.js';

// One set of stores per file: the suite scopes its assertions to names it generates. A random
// key prefix and a schema of its own keep this file apart from the others running in parallel.
const clock = createManualClock(Date.now());
const keys = randomKeys();
const schema = `redis_conformance_${process.pid}_${Date.now()}`;
let stores: RedisPostgresStores | undefined;

beforeAll(async () => {
  stores = await createRedisPostgresStores({
    redis: inject('redisUrl'),
    databaseUrl: inject('databaseUrl'),
    schema,
    keyPrefix: keys.prefix,
    clock,
  });
});

afterAll(async () => {
  await stores?.close();
  const client = connect(inject('redisUrl'));
  await dropKeys(client, keys);
  await client.quit();
  const { PgSqlClient } = await import('../../src/index.js');
  const db = new PgSqlClient({ connectionString: inject('databaseUrl') });
  await db.exec(`DROP SCHEMA "${schema}" CASCADE`);
  await db.close();
});

runStoreConformance('redis+postgres', async () => {
  if (!stores) throw new Error('Redis+Postgres stores did not start');
  return { ...stores, clock, cleanup: async () => {} };
});
