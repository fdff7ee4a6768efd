/**
 * `/api/event` (Conductor's EventResource) on a real server, on PGlite and on Redis + Postgres
 * (handlers live in Postgres there): the happy path and hostile input.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisPostgresStores } from '@baton/stores';
import { createTestApp } from './helpers.js';
import type { TestApp } from './helpers.js';

const handler = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  event: 'conductor:order_wf:publish_ref',
  condition: '$.status === "ok"',
  actions: [
    {
      action: 'start_workflow',
      start_workflow: { name: 'follow_up', input: { orderId: '${orderId}' } },
    },
  ],
  active: true,
  ...extra,
});

const backends: Array<[string, () => Promise<TestApp>]> = [
  ['PGlite', () => createTestApp()],
  [
    'Redis + Postgres',
    async () => {
      const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
      const stores = await createRedisPostgresStores({
        redis: inject('redisUrl'),
        databaseUrl: inject('databaseUrl'),
        schema: `evh_${suffix}`,
        keyPrefix: `evh-${suffix}:`,
      });
      return createTestApp({}, stores);
    },
  ],
];

describe.each(backends)('event handlers on %s', (_label, open) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await open();
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const post = (payload: unknown, method: 'POST' | 'PUT' = 'POST') =>
    t.app.inject({ method, url: '/api/event', payload: payload as object });

  it('adds, lists, filters by event and activeOnly, updates and removes', async () => {
    expect((await post(handler('h_a'))).statusCode).toBe(200);
    expect((await post(handler('h_b', { active: false }))).statusCode).toBe(200);
    expect(
      (await post(handler('h_c', { event: 'nats:orders.created', evaluatorType: 'javascript' })))
        .statusCode,
    ).toBe(200);

    const all = (await t.app.inject({ url: '/api/event' })).json() as Array<{ name: string }>;
    expect(all.map((h) => h.name)).toEqual(['h_a', 'h_b', 'h_c']);
    expect(all[0]).toEqual(handler('h_a'));

    const forEvent = (q: string) =>
      t.app
        .inject({ url: `/api/event/${encodeURIComponent('conductor:order_wf:publish_ref')}${q}` })
        .then((r) => (r.json() as Array<{ name: string }>).map((h) => h.name));
    expect(await forEvent('')).toEqual(['h_a']);
    expect(await forEvent('?activeOnly=false')).toEqual(['h_a', 'h_b']);

    expect((await post(handler('h_b', { active: true }), 'PUT')).statusCode).toBe(200);
    expect(await forEvent('')).toEqual(['h_a', 'h_b']);

    expect((await t.app.inject({ method: 'DELETE', url: '/api/event/h_a' })).statusCode).toBe(200);
    expect(await forEvent('')).toEqual(['h_b']);
  });

  it('answers 409 for an existing name and 404 to update or remove an absent one', async () => {
    expect((await post(handler('dup'))).statusCode).toBe(200);
    const again = await post(handler('dup', { event: 'nats:other' }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'EVENT_HANDLER_EXISTS' });
    const stored = (await t.app.inject({ url: '/api/event' })).json() as Array<{
      name: string;
      event: string;
    }>;
    expect(stored.find((h) => h.name === 'dup')?.event).toBe('conductor:order_wf:publish_ref');

    const upd = await post(handler('absent'), 'PUT');
    expect(upd.statusCode).toBe(404);
    expect(upd.json()).toMatchObject({ code: 'EVENT_HANDLER_NOT_FOUND' });
    const del = await t.app.inject({ method: 'DELETE', url: '/api/event/absent' });
    expect(del.statusCode).toBe(404);
    expect(del.json()).toMatchObject({ code: 'EVENT_HANDLER_NOT_FOUND' });
  });

  it('refuses hostile handlers with a 400 naming the field, storing nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...handler('x'), name: '' }, 'eventHandler.name'],
      [{ ...handler('x'), event: undefined }, 'eventHandler.event'],
      [{ ...handler('x'), event: 'no-colon' }, 'eventHandler.event'],
      [{ ...handler('x'), actions: [] }, 'eventHandler.actions'],
      [{ ...handler('x'), actions: [{ action: 'start_agent' }] }, 'eventHandler.actions[0].action'],
      [
        { ...handler('x'), actions: [{ action: 'start_workflow' }] },
        'eventHandler.actions[0].start_workflow',
      ],
      [
        { ...handler('x'), actions: [{ action: 'terminate_workflow', terminate_workflow: {} }] },
        'eventHandler.actions[0].terminate_workflow.workflowId',
      ],
      [
        {
          ...handler('x'),
          actions: [
            { action: 'update_workflow_variables', update_workflow_variables: { workflowId: 'w' } },
          ],
        },
        'eventHandler.actions[0].update_workflow_variables.variables',
      ],
      [{ ...handler('x'), evaluatorType: 'python' }, 'eventHandler.evaluatorType'],
      [{ ...handler('x'), name: 'n'.repeat(10_000) }, 'eventHandler.name'],
    ];
    for (const [body, path] of cases) {
      const res = await post(body);
      expect(res.statusCode, path).toBe(400);
      const paths = (res.json() as { validationErrors: Array<{ path: string }> }).validationErrors;
      expect(paths.map((p) => p.path)).toContain(path);
    }
    for (const body of ['[]', '"x"', '{"name":1,"event":2,"actions":"a"}']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/event',
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
      expect(res.statusCode, body).toBe(400);
    }
    const names = ((await t.app.inject({ url: '/api/event' })).json() as Array<{ name: string }>)
      .map((h) => h.name)
      .filter((n) => n === 'x' || n.startsWith('nnn'));
    expect(names).toEqual([]);
  });

  it('keeps odd names and events intact', async () => {
    const name = 'h é/😀 %2F';
    const event = 'nats:a.b.*';
    expect((await post(handler(name, { event }))).statusCode).toBe(200);
    const got = await t.app.inject({ url: `/api/event/${encodeURIComponent(event)}` });
    expect((got.json() as Array<{ name: string }>).map((h) => h.name)).toEqual([name]);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/event/${encodeURIComponent(name)}`,
    });
    expect(del.statusCode).toBe(200);
  });
});
