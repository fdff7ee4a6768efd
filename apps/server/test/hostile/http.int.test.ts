/**
 * Hostile HTTP input, one regression test per finding of issue 15 that the HTTP side owns (the
 * finding's number is in each describe). Everything goes through the real app on PGlite.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECIDER_QUEUE } from '@baton/engine';
import type { Task } from '@baton/engine';
import { ConfigError, isLoopbackHost, loadConfig } from '../../src/config.js';
import { createTestApp, register, simpleDef, start, type TestApp } from '../helpers.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('finding 4: internal queues are never served to workers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      apiKeys: [
        { key: 'w', role: 'worker' },
        { key: 'a', role: 'admin' },
      ],
    });
  });
  afterAll(() => t.close());

  it('a worker polling _deciderQueue gets nothing and the workflow stays armed for its timeout', async () => {
    const auth = { authorization: 'Bearer a' };
    await register(t.app, { ...simpleDef('f4'), timeoutSeconds: 60 }, auth);
    const id = await start(t.app, 'f4', {}, auth);
    // The workflow's deadline has come: its decider message is due now.
    await t.stores.queue.push(DECIDER_QUEUE, [{ id, priority: 0, delayMs: 0 }]);
    const worker = { authorization: 'Bearer w' };
    const batch = await t.app.inject({
      url: `/api/tasks/poll/batch/${DECIDER_QUEUE}?count=100&timeout=0`,
      headers: worker,
    });
    expect(batch.statusCode).toBe(200);
    expect(batch.json()).toEqual([]);
    const single = await t.app.inject({ url: `/api/tasks/poll/${DECIDER_QUEUE}`, headers: worker });
    expect(single.statusCode).toBe(204);
    // The message was neither taken nor hidden: the sweeper still gets it.
    expect(await t.stores.queue.pop(DECIDER_QUEUE, 10, 1)).toContain(id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await t.stores.queue.contains(DECIDER_QUEUE, id)).toBe(true);
    // Nor can an admin remove the workflow from the sweeper's queue through the legacy route.
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/tasks/queue/${DECIDER_QUEUE}/${id}`,
      headers: auth,
    });
    expect(removed.statusCode).toBe(400);
    expect(removed.json().validationErrors[0].path).toBe('params.taskType');
    expect(await t.stores.queue.contains(DECIDER_QUEUE, id)).toBe(true);
  });
});

describe('finding 8: nesting depth is checked before validation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await register(t.app, simpleDef('f8'));
  });
  afterAll(() => t.close());

  const nestedSwitch = (levels: number): unknown =>
    levels === 0
      ? { name: 'f8_task', taskReferenceName: 'leaf', type: 'SIMPLE' }
      : {
          name: 'sw',
          taskReferenceName: `sw${levels}`,
          type: 'SWITCH',
          evaluatorType: 'value-param',
          expression: 'x',
          inputParameters: { x: 'a' },
          decisionCases: { a: [nestedSwitch(levels - 1)] },
        };

  it.each([
    ['a 10,000-deep array', '/api/workflow/f8', '['.repeat(10_000) + ']'.repeat(10_000)],
    [
      'a 6,000-deep array as input',
      '/api/workflow/f8',
      `{"x":${'['.repeat(6000)}${']'.repeat(6000)}}`,
    ],
    [
      'a 10,000-deep object',
      '/api/metadata/workflow',
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    ],
    [
      'a 500-level nested SWITCH',
      '/api/metadata/workflow?overwrite=true',
      JSON.stringify({ name: 'f8_deep', version: 1, tasks: [nestedSwitch(500)] }),
    ],
  ])('answers 400 REQUEST_INVALID naming the body for %s', async (_label, url, payload) => {
    const res = await t.app.inject({ method: 'POST', url, payload, headers: JSON_HEADERS });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'REQUEST_INVALID',
      message: 'body nests deeper than 1000 levels',
      validationErrors: [{ path: 'body' }],
    });
  });

  it('stores nothing and keeps answering', async () => {
    expect((await t.app.inject({ url: '/api/metadata/workflow/f8_deep' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/workflow/running/f8' })).json()).toEqual([]);
    expect((await t.app.inject({ url: '/api/metadata/workflow/f8' })).statusCode).toBe(200);
  });

  it('keeps brackets inside strings out of the count', async () => {
    const input = { text: '['.repeat(5000) };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/f8',
      payload: input,
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('finding 9: cross-site requests cannot drive a keyless server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ trustedHosts: ['baton.internal'] });
  });
  afterAll(() => t.close());

  const def = JSON.stringify(simpleDef('f9'));

  it('refuses a cross-site form post carrying JSON, and stores nothing', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow',
      payload: def,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
    });
    expect(form.statusCode).toBe(403);
    expect(form.json()).toMatchObject({
      code: 'ORIGIN_REFUSED',
      validationErrors: [{ path: 'headers.origin', invalidValue: 'https://evil.example' }],
    });
    // The same origin check refuses a JSON post from another origin.
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow',
      payload: def,
      headers: { ...JSON_HEADERS, origin: 'https://evil.example' },
    });
    expect(json.statusCode).toBe(403);
    const sandboxed = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/f9',
      payload: '{}',
      headers: { ...JSON_HEADERS, origin: 'null' },
    });
    expect(sandboxed.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/metadata/workflow/f9' })).statusCode).toBe(404);
  });

  it.each([
    ['application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x'],
    ['text/html'],
    [undefined],
  ])('accepts JSON only as application/json: %s is 415', async (contentType) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow',
      payload: def,
      headers: contentType === undefined ? {} : { 'content-type': contentType },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'CONTENT_TYPE_UNSUPPORTED',
      validationErrors: [{ path: 'headers.content-type' }],
    });
    expect((await t.app.inject({ url: '/api/metadata/workflow/f9' })).statusCode).toBe(404);
  });

  it('lets the same origin, loopback origins and trusted hosts change state', async () => {
    for (const [host, origin] of [
      ['127.0.0.1:8080', 'http://127.0.0.1:8080'],
      ['localhost:8080', 'http://localhost:5173'],
      ['baton.internal', 'https://baton.internal'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/metadata/workflow?overwrite=true',
        payload: def,
        headers: { ...JSON_HEADERS, host, origin },
      });
      expect(res.statusCode, `${host} ${origin}`).toBe(200);
    }
  });

  it('answers no Host name an attacker could point at the server (DNS rebinding)', async () => {
    const rebound = await t.app.inject({
      url: '/api/metadata/workflow',
      headers: { host: 'evil.example:8080' },
    });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json()).toMatchObject({
      code: 'ORIGIN_REFUSED',
      validationErrors: [{ path: 'headers.host' }],
    });
    for (const host of [
      '127.0.0.1:8080',
      '[::1]:8080',
      '10.1.2.3',
      'localhost',
      'baton.internal',
    ]) {
      const res = await t.app.inject({ url: '/api/metadata/workflow', headers: { host } });
      expect(res.statusCode, host).toBe(200);
    }
  });

  it('leaves the Host alone when API keys guard the server', async () => {
    const keyed = await createTestApp({ apiKeys: [{ key: 'k', role: 'admin' }] });
    try {
      const res = await keyed.app.inject({
        url: '/api/metadata/workflow',
        headers: { host: 'baton.example.com', authorization: 'Bearer k' },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await keyed.close();
    }
  });
});

describe('finding 9 in a real browser', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('a page on another site cannot define a workflow through the keyless API', async () => {
    const api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const seen: string[] = [];
    t.app.server.on('request', (req, res) => {
      if (req.url?.startsWith('/api/metadata/workflow') && req.method === 'POST') {
        res.on('finish', () => seen.push(`${req.headers['content-type']} ${res.statusCode}`));
      }
    });
    const def = (name: string) => JSON.stringify(simpleDef(name));
    // The classic JSON-in-a-form forgeries: a text/plain form, and a no-cors fetch.
    const page = `<!doctype html><body>
      <form method="POST" action="${api}/api/metadata/workflow" enctype="text/plain" target="f">
        <input name='${def('csrf_form').slice(0, -1)},"pad":"' value='"}'></form>
      <iframe name="f"></iframe>
      <script>
        fetch('${api}/api/metadata/workflow', { method: 'POST', mode: 'no-cors',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: ${JSON.stringify(def('csrf_fetch'))} }).finally(() => document.forms[0].submit());
      </script></body>`;
    const site = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(page),
    );
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--host-resolver-rules=MAP evil.example 127.0.0.1',
      ],
    });
    try {
      const tab = await browser.newPage();
      await tab.goto(`http://evil.example:${(site.address() as AddressInfo).port}/`);
      await expect.poll(() => seen.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      await browser.close();
      site.close();
    }
    // Both reached the server and were refused.
    expect(
      seen.every((line) => line.endsWith(' 403')),
      seen.join(),
    ).toBe(true);
    for (const name of ['csrf_form', 'csrf_fetch']) {
      expect((await t.app.inject({ url: `/api/metadata/workflow/${name}` })).statusCode).toBe(404);
    }
  });
});

describe('finding 12: pollers cannot grow /metrics or poll data without bound', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await register(t.app, simpleDef('f12'));
  });
  afterAll(() => t.close());

  it('labels and records only known task types', async () => {
    const poll = (type: string) =>
      t.app.inject({ url: `/api/tasks/poll/batch/${type}?timeout=0&workerid=w` });
    await poll('f12_task');
    const before = (await t.app.inject({ url: '/metrics' })).body.length;
    const invented = Array.from({ length: 400 }, (_, i) => `invented_${i}`);
    for (let i = 0; i < invented.length; i += 50) {
      await Promise.all(invented.slice(i, i + 50).map(poll));
    }
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).not.toContain('invented_');
    expect(metrics).toContain('taskType="f12_task"');
    expect(metrics).toContain('taskType="_other"');
    // One more series (the shared label), not 400.
    expect(metrics.length - before).toBeLessThan(4000);
    const pollData = (
      await t.app.inject({ url: '/api/tasks/queue/polldata/all' })
    ).json() as Array<{
      queueName: string;
    }>;
    expect(pollData.map((p) => p.queueName)).toEqual(['f12_task']);
  });
});

describe('finding 13: HEAD changes nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await register(t.app, simpleDef('f13'));
  });
  afterAll(() => t.close());

  it('refuses HEAD on both polls with 405 and leaves the task to GET', async () => {
    const id = await start(t.app, 'f13');
    for (const url of ['/api/tasks/poll/f13_task', '/api/tasks/poll/batch/f13_task?timeout=0']) {
      const res = await t.app.inject({ method: 'HEAD', url });
      expect(res.statusCode, url).toBe(405);
      expect(res.headers['allow']).toBe('GET');
    }
    const wf = (await t.app.inject({ url: `/api/workflow/${id}` })).json();
    expect(wf.tasks[0]).toMatchObject({ status: 'SCHEDULED', pollCount: 0 });
    const [task] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/f13_task?timeout=0' })
    ).json() as Task[];
    expect(task?.workflowInstanceId).toBe(id);
    // Read-only routes still answer HEAD.
    expect((await t.app.inject({ method: 'HEAD', url: '/api/health' })).statusCode).toBe(200);
  });
});

describe('finding 14: no secrets in replies or logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    t = await createTestApp({
      apiKeys: [
        { key: 'viewer-key', role: 'viewer' },
        { key: 'SECRET-ADMIN-KEY', role: 'admin' },
      ],
      logger: { level: 'info', stream },
      logRequests: true,
    });
  });
  afterAll(() => t.close());

  it('takes ?apiKey only on the event stream and never echoes or logs it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/taskdefs?apiKey=SECRET-ADMIN-KEY',
      payload: [{ name: 'f14' }],
      headers: { authorization: 'Bearer viewer-key' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('SECRET-ADMIN-KEY');
    const alone = await t.app.inject({ url: '/api/metadata/taskdefs?apiKey=SECRET-ADMIN-KEY' });
    expect(alone.statusCode).toBe(401);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain('SECRET-ADMIN-KEY');
  });

  it("logs a store error without the data it carries (a Postgres error's where)", async () => {
    const storeError = Object.assign(new Error('deadlock detected'), {
      code: '40P01',
      severity: 'ERROR',
      where: 'SQL statement with input {"password":"SECRET-INPUT"}',
      detail: 'Key (input)=(SECRET-INPUT)',
    });
    const original = t.executor.getWorkflow;
    t.executor.getWorkflow = async () => {
      throw storeError;
    };
    try {
      const res = await t.app.inject({
        url: '/api/workflow/some-id',
        headers: { authorization: 'Bearer viewer-key' },
      });
      expect(res.statusCode).toBe(500);
    } finally {
      t.executor.getWorkflow = original;
    }
    const logged = lines.join('');
    expect(logged).toContain('deadlock detected');
    expect(logged).not.toContain('SECRET-INPUT');
  });
});

describe("finding 17: Fastify's own URL errors and an open HOST", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['a malformed percent-encoding', `/api/workflow/%zzSECRET`, 400, 'REQUEST_INVALID'],
    ['a 200-character path segment', `/api/workflow/SECRET${'a'.repeat(200)}`, 414, 'URL_TOO_LONG'],
  ])(
    'answers %s in the ErrorResponse shape without echoing the URL',
    async (_l, url, status, code) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ status, code, instance: 'test', retryable: false });
      expect(res.body).not.toContain('SECRET');
    },
  );

  it('refuses to start on a non-loopback HOST without keys unless BATON_ALLOW_OPEN=1', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/BATON_ALLOW_OPEN/);
    expect(() => loadConfig({ HOST: '::' })).toThrow(ConfigError);
    expect(loadConfig({ HOST: '0.0.0.0', BATON_ALLOW_OPEN: '1' }).allowOpen).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0', BATON_API_KEYS: 'k:admin' }).host).toBe('0.0.0.0');
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(loadConfig({ HOST: host }).host).toBe(host);
    }
  });
});

describe('what the fuzzer found (fuzz.int.test.ts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    [{ name: 'x', workflowDef: {} }, 'workflowDef.name'],
    [{ name: 'x', workflowDef: { name: 'n', tasks: [{}] } }, 'workflowDef.tasks[0]'],
    [{ name: 'x', workflowDef: { name: 0.5, tasks: [] } }, 'workflowDef'],
    [{ name: ' ', workflowDef: {}, idempotencyKey: 'k', idempotencyStrategy: null }, 'workflowDef'],
  ])(
    'an inline definition registration would refuse is 400, not 500: %j',
    async (payload, path) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/workflow', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('WORKFLOW_DEF_INVALID');
      const paths = res.json().validationErrors.map((e: { path: string }) => e.path) as string[];
      expect(
        paths.some((p) => p.startsWith(path)),
        paths.join(),
      ).toBe(true);
      expect(
        (await t.app.inject({ url: '/api/workflow/search?query=workflowType%3Dn' })).json()
          .totalHits,
      ).toBe(0);
    },
  );

  it.each(['constructor', '__proto__', 'toString:ASC', 'hasOwnProperty:DESC'])(
    'a sort on an Object.prototype member (%s) is an unknown field, 400',
    async (sort) => {
      for (const path of ['/api/workflow/search', '/api/workflow/search-by-tasks']) {
        const res = await t.app.inject({ url: `${path}?sort=${encodeURIComponent(sort)}` });
        expect(res.statusCode, path).toBe(400);
        expect(res.json().code).toBe('REQUEST_INVALID');
      }
    },
  );
});

describe('what the fuzzer found: requeue of a wildcard type', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await register(t.app, simpleDef('rq'));
  });
  afterAll(() => t.close());

  it('puts no task of another type in the queue named *, so polling * claims nothing', async () => {
    const id = await start(t.app, 'rq');
    const requeue = await t.app.inject({ method: 'POST', url: '/api/tasks/queue/requeue/*' });
    expect(requeue.statusCode).toBe(200);
    expect(requeue.body).toBe('0');
    expect((await t.app.inject({ url: '/api/tasks/poll/*' })).statusCode).toBe(204);
    const wf = (await t.app.inject({ url: `/api/workflow/${id}` })).json();
    expect(wf.tasks[0]).toMatchObject({ status: 'SCHEDULED', pollCount: 0 });
  });
});
