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
