/**
 * The role matrix, generated from the app's own route table: every route × no key, an unknown
 * key and each role. What each role may do is written out here independently of
 * `plugins/auth.ts`; the test also pins that no state-changing route is readable by a viewer or
 * open to anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/app.js';
import { createTestApp, type TestApp } from '../helpers.js';

type Credential = 'none' | 'unknown' | 'admin' | 'worker' | 'viewer';
const CREDENTIALS: Credential[] = ['none', 'unknown', 'admin', 'worker', 'viewer'];
const HEADERS: Record<Credential, Record<string, string>> = {
  none: {},
  unknown: { authorization: 'Bearer not-a-key' },
  admin: { authorization: 'Bearer admin-key' },
  worker: { 'x-authorization': 'worker-key' },
  viewer: { authorization: 'Bearer viewer-key' },
};

/** Who may call a route of each permission (docs: README "Configuration", BATON_API_KEYS). */
const MAY_CALL: Record<string, readonly Credential[]> = {
  public: CREDENTIALS,
  read: ['admin', 'viewer'],
  write: ['admin'],
  worker: ['admin', 'worker'],
};

/** POST routes that only read (a query or a check sent as a body), as Conductor declares them. */
const READ_ONLY_POSTS = new Set([
  'POST /api/metadata/workflow/validate',
  'POST /api/workflow/:name/correlated',
  'POST /api/workflow/bulk/search',
  // Trades an access key's id and secret for a token: the secret is the credential.
  'POST /api/token',
]);

/** The long-lived event stream never ends by itself: only its refusals are checked. */
const STREAMING = new Set(['GET /api/events']);

let t: TestApp;
let routes: RouteEntry[] = [];

beforeAll(async () => {
  t = await createTestApp({
    apiKeys: [
      { key: 'admin-key', role: 'admin' },
      { key: 'worker-key', role: 'worker' },
      { key: 'viewer-key', role: 'viewer' },
    ],
  });
  // Fastify's automatic HEAD routes run the GET handler: their checks are the GET's.
  routes = t.app.routeTable.filter(
    (r) =>
      r.method !== 'HEAD' || t.app.routeTable.every((g) => g.method !== 'GET' || g.url !== r.url),
  );
});
afterAll(() => t?.close());

/** A concrete URL for a route pattern (`:id` → `x`, `*` → `x`). */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x').replace(/\*$/, 'x');
const permissionOf = (r: RouteEntry) =>
  r.permission ??
  (r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') ? 'write' : 'public');

describe('the route table', () => {
  it('declares a permission on every API route, and none lets a viewer or anyone change state', () => {
    const api = routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(50);
    expect(api.filter((r) => r.permission === undefined)).toEqual([]);
    const changing = routes.filter(
      (r) => !['GET', 'HEAD'].includes(r.method) && !READ_ONLY_POSTS.has(`${r.method} ${r.url}`),
    );
    expect(changing.filter((r) => r.permission === 'read' || r.permission === 'public')).toEqual(
      [],
    );
    // The poll claims tasks: it is a worker route although it is a GET.
    expect(
      routes.find((r) => r.url === '/api/tasks/poll/:taskType' && r.method === 'GET'),
    ).toMatchObject({ permission: 'worker' });
    expect(routes.find((r) => r.url === '/metrics')).toMatchObject({ permission: 'read' });
  });
});

describe('every route × every credential', () => {
  it('answers 401 without a valid key, 403 to a role without the permission, and serves the rest', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const permission = permissionOf(route);
      for (const credential of CREDENTIALS) {
        const allowed = MAY_CALL[permission]!.includes(credential);
        if (allowed && STREAMING.has(key)) continue;
        const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers: {
            ...HEADERS[credential],
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { payload: '{}' } : {}),
        });
        checked++;
        const expected = allowed
          ? 'served'
          : credential === 'none' || credential === 'unknown' || permission === 'public'
            ? 401
            : 403;
        const got =
          res.statusCode === 401 || res.statusCode === 403
            ? res.statusCode
            : res.statusCode >= 500
              ? res.statusCode
              : 'served';
        if (got !== expected)
          wrong.push(`${key} as ${credential}: ${res.statusCode}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(250);
  });
});
