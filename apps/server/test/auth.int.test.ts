import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, simpleDef } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
const ADMIN = { authorization: 'Bearer admin-key' };
const WORKER = { 'x-authorization': 'worker-key' };
const VIEWER = { authorization: 'Bearer viewer-key' };

beforeAll(async () => {
  t = await createTestApp({
    apiKeys: [
      { key: 'admin-key', role: 'admin' },
      { key: 'worker-key', role: 'worker' },
      { key: 'viewer-key', role: 'viewer' },
      { key: 'sdk-app', keySecret: 'sdk-secret-value', role: 'worker' },
    ],
  });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('API key authentication', () => {
  it('answers 401 without a key and with an unknown key', async () => {
    const none = await t.app.inject({ url: '/api/metadata/workflow' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(none.json().message).toMatch(/Missing API key/);
    const unknown = await t.app.inject({
      url: '/api/metadata/workflow',
      headers: { authorization: 'Bearer nope' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe('Unknown API key');
  });

  it('lets an admin do everything', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow',
      payload: simpleDef('auth_wf'),
      headers: ADMIN,
    });
    expect(res.statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: '/api/metadata/workflow/auth_wf', headers: ADMIN })).statusCode,
    ).toBe(200);
  });

  it('lets a viewer read but not write, with 403 naming the role', async () => {
    expect(
      (await t.app.inject({ url: '/api/metadata/workflow', headers: VIEWER })).statusCode,
    ).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow',
      payload: simpleDef('auth_v'),
      headers: VIEWER,
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('FORBIDDEN');
    expect(write.json().message).toMatch(/viewer/);
    expect(
      (await t.app.inject({ url: '/api/metadata/workflow/auth_v', headers: ADMIN })).statusCode,
    ).toBe(404);
    const poll = await t.app.inject({ url: '/api/tasks/poll/batch/x?timeout=0', headers: VIEWER });
    expect(poll.statusCode).toBe(403);
  });

  it('lets a worker poll and update (X-Authorization) but not read or write definitions', async () => {
    const poll = await t.app.inject({ url: '/api/tasks/poll/batch/x?timeout=0', headers: WORKER });
    expect(poll.statusCode).toBe(200);
    expect(poll.json()).toEqual([]);
    const update = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: { workflowInstanceId: 'w', taskId: 't', status: 'COMPLETED' },
      headers: WORKER,
    });
    expect(update.statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: '/api/metadata/workflow', headers: WORKER })).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/workflow',
          payload: { name: 'auth_wf' },
          headers: WORKER,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('takes ?apiKey= only on the event stream (see events.int.test.ts) and keeps health public', async () => {
    // Elsewhere a key in the URL is ignored: it would end up in logs and browser history.
    expect(
      (await t.app.inject({ url: '/api/metadata/workflow?apiKey=viewer-key' })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });
});

describe('POST /api/token (access key id and secret)', () => {
  const token = async (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/token', payload });

  it('trades the pair for a token that authenticates with the pair role', async () => {
    const res = await token({ keyId: 'sdk-app', keySecret: 'sdk-secret-value' });
    expect(res.statusCode).toBe(200);
    const { token: jwt } = res.json() as { token: string };
    expect(jwt.split('.')).toHaveLength(3);
    const headers = { 'x-authorization': jwt };
    // worker role: may poll, may not read metadata.
    expect(
      (await t.app.inject({ url: '/api/tasks/poll/batch/any?timeout=1', headers })).statusCode,
    ).toBe(200);
    const read = await t.app.inject({ url: '/api/metadata/workflow', headers });
    expect(read.statusCode).toBe(403);
    expect(read.json().message).toMatch(/worker role/);
  });

  it('refuses a wrong secret, an unknown id and the pair used as a plain key', async () => {
    for (const payload of [
      { keyId: 'sdk-app', keySecret: 'wrong-secret-x' },
      { keyId: 'nobody', keySecret: 'sdk-secret-value' },
    ]) {
      const res = await token(payload);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const asKey = await t.app.inject({
      url: '/api/tasks/poll/batch/any?timeout=1',
      headers: { 'x-authorization': 'sdk-secret-value' },
    });
    expect(asKey.statusCode).toBe(401);
  });

  it('answers 400 naming the field for a malformed request', async () => {
    const missing = await token({ keyId: 'sdk-app' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().validationErrors)).toContain('keySecret');
    const negative = await token({
      keyId: 'sdk-app',
      keySecret: 'sdk-secret-value',
      expiration: -1,
    });
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json().validationErrors)).toContain('expiration');
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/token',
      payload: 'keyId=x',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
  });

  it('marks forged and expired tokens so SDKs fetch a new one', async () => {
    const forged = await t.app.inject({
      url: '/api/tasks/poll/batch/any?timeout=1',
      headers: { 'x-authorization': 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'UNAUTHORIZED', error: 'INVALID_TOKEN' });
    const res = await token({ keyId: 'sdk-app', keySecret: 'sdk-secret-value', expiration: 1000 });
    const { token: jwt } = res.json() as { token: string };
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await t.app.inject({
      url: '/api/tasks/poll/batch/any?timeout=1',
      headers: { 'x-authorization': jwt },
    });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'UNAUTHORIZED', error: 'EXPIRED_TOKEN' });
  });

  it('answers 404 on a server without access keys (SDKs then go on without a token)', async () => {
    const open = await createTestApp({ apiKeys: [{ key: 'only-plain', role: 'admin' }] });
    try {
      const res = await open.app.inject({
        method: 'POST',
        url: '/api/token',
        payload: { keyId: 'a', keySecret: 'b' },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await open.close();
    }
  });
});

describe('POST /api/token failure limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({
      apiKeys: [{ key: 'sdk-app', keySecret: 'sdk-secret-value', role: 'worker' }],
      tokenLimit: { maxFailures: 3, windowMs: 60_000 },
    });
  }, 300_000);
  afterAll(async () => {
    await limited?.close();
  });
  const token = (remoteAddress: string, keySecret: string) =>
    limited.app.inject({
      method: 'POST',
      url: '/api/token',
      payload: { keyId: 'sdk-app', keySecret },
      remoteAddress,
    });

  it('answers 429 with Retry-After once one client sent too many wrong secrets', async () => {
    for (let i = 0; i < 3; i++)
      expect((await token('10.0.0.1', `wrong-${i}`)).statusCode).toBe(401);
    const refused = await token('10.0.0.1', 'wrong-again');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'TOO_MANY_FAILED_LOGINS', retryable: true });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Locked out: even the right secret waits, so guessing cannot go on.
    expect((await token('10.0.0.1', 'sdk-secret-value')).statusCode).toBe(429);
    // Other clients are not affected.
    expect((await token('10.0.0.2', 'sdk-secret-value')).statusCode).toBe(200);
  });

  it('never counts successful exchanges', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await token('10.0.0.3', 'sdk-secret-value')).statusCode).toBe(200);
    }
    expect((await token('10.0.0.3', 'wrong')).statusCode).toBe(401);
    expect((await token('10.0.0.3', 'sdk-secret-value')).statusCode).toBe(200);
  });
});

describe('role matrix of the Conductor surface endpoints', () => {
  const routes: Array<{
    method: 'GET' | 'POST' | 'DELETE';
    url: string;
    payload?: unknown;
    needs: 'public' | 'read' | 'write';
  }> = [
    { method: 'POST', url: '/api/workflow/execute/none/1', payload: {}, needs: 'write' },
    { method: 'POST', url: '/api/workflow/test', payload: { name: 'none' }, needs: 'write' },
    {
      method: 'DELETE',
      url: '/api/workflow/bulk/terminate-remove',
      payload: ['x'],
      needs: 'write',
    },
    { method: 'POST', url: '/api/workflow/bulk/search', payload: ['x'], needs: 'read' },
    { method: 'GET', url: '/api/tasks/search', needs: 'read' },
    { method: 'GET', url: '/api/tasks/search-v2', needs: 'read' },
    { method: 'GET', url: '/health/live', needs: 'public' },
    { method: 'GET', url: '/health/ready', needs: 'public' },
  ];
  const allowed = {
    public: ['none', 'viewer', 'worker', 'admin'],
    read: ['viewer', 'admin'],
    write: ['admin'],
  };
  const headers: Record<string, Record<string, string>> = {
    none: {},
    viewer: VIEWER,
    worker: WORKER,
    admin: ADMIN,
  };

  it('lets each role call exactly what its permission allows', async () => {
    for (const route of routes) {
      for (const who of ['none', 'viewer', 'worker', 'admin']) {
        const res = await t.app.inject({
          method: route.method,
          url: route.url,
          headers: headers[who],
          ...(route.payload === undefined ? {} : { payload: route.payload as object }),
        });
        const label = `${who} ${route.method} ${route.url}`;
        if (allowed[route.needs].includes(who)) {
          expect([401, 403], label).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode, label).toBe(who === 'none' ? 401 : 403);
        }
      }
    }
  });
});
