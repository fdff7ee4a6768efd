/**
 * `/health/live` and `/health/ready` on Redis + Postgres that this file starts and stops itself:
 * readiness names the store that stopped answering, liveness never touches a store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPostgresStores } from '@baton/stores';
import { createTestApp } from './helpers.js';
import type { TestApp } from './helpers.js';
import { startPostgres, startRedis } from './workload/services.js';
import type { PostgresService, RedisService } from './workload/services.js';

let redis: RedisService | undefined;
let postgres: PostgresService | undefined;
let t: TestApp | undefined;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const stores = await createRedisPostgresStores({
    redis: redis.url,
    databaseUrl: postgres.url,
    onBackgroundError: () => {},
  });
  t = await createTestApp({}, stores);
}, 300_000);
afterAll(async () => {
  await t?.app.close();
  await redis?.stop();
  await postgres?.stop();
}, 60_000);

interface Ready {
  ready: boolean;
  checks: Array<{ name: string; healthy: boolean; error?: string }>;
}

async function ready(): Promise<{ status: number; body: Ready }> {
  const res = await t!.app.inject({ url: '/health/ready' });
  return { status: res.statusCode, body: res.json() as Ready };
}

describe('/health/live and /health/ready on Redis + Postgres', () => {
  it('are ready while both stores answer', async () => {
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.body.ready).toBe(true);
    expect(r.body.checks.map((c) => [c.name, c.healthy])).toEqual([
      ['queue', true],
      ['executions', true],
    ]);
    const live = await t!.app.inject({ url: '/health/live' });
    expect([live.statusCode, live.json()]).toEqual([200, { live: true }]);
  });

  it('answers 503 naming the executions store when Postgres stops, and stays live', async () => {
    await postgres!.stop();
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.ready).toBe(false);
    const byName = Object.fromEntries(r.body.checks.map((c) => [c.name, c]));
    // The queue lives on Redis; a missing execution is looked up in the Postgres archive too.
    expect(byName['queue']!.healthy).toBe(true);
    expect(byName['executions']!.healthy).toBe(false);
    // A code only: the endpoint is public, so no address or driver message leaks.
    expect(byName['executions']!.error).toMatch(/^[A-Z0-9_]+$/);
    expect(JSON.stringify(r.body)).not.toContain('127.0.0.1');
    expect((await t!.app.inject({ url: '/health/live' })).statusCode).toBe(200);
  });

  it('answers 503 within the probe timeout when Redis stops too, and stays live', async () => {
    await redis!.stop();
    const began = Date.now();
    const r = await ready();
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(r.status).toBe(503);
    expect(r.body.checks.every((c) => !c.healthy)).toBe(true);
    expect(JSON.stringify(r.body)).not.toMatch(/127\.0\.0\.1|redis:\/\//);
    expect((await t!.app.inject({ url: '/health/live' })).statusCode).toBe(200);
  });
});
