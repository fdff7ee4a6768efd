import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, register, simpleDef, start } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ bodyLimit: 64 * 1024 });
  await register(t.app, simpleDef('conv_wf'));
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('HTTP conventions', () => {
  it('answers malformed JSON with 400 REQUEST_INVALID, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow',
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      status: 400,
      code: 'REQUEST_INVALID',
      instance: 'test',
      retryable: false,
    });
  });

  it('answers an oversized body with 413 and stores nothing', async () => {
    const def = { ...simpleDef('conv_big'), description: 'x'.repeat(100 * 1024) };
    const res = await t.app.inject({ method: 'POST', url: '/api/metadata/workflow', payload: def });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('REQUEST_TOO_LARGE');
    expect((await t.app.inject({ url: '/api/metadata/workflow/conv_big' })).statusCode).toBe(404);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('accepts body-less PUT/POST/DELETE with no content type or an empty JSON body', async () => {
    const id = await start(t.app, 'conv_wf');
    const pause = await t.app.inject({ method: 'PUT', url: `/api/workflow/${id}/pause` });
    expect(pause.statusCode).toBe(200);
    const resume = await t.app.inject({
      method: 'PUT',
      url: `/api/workflow/${id}/resume`,
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(resume.statusCode).toBe(200);
    const decide = await t.app.inject({
      method: 'PUT',
      url: `/api/workflow/decide/${id}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(decide.statusCode).toBe(200);
    const term = await t.app.inject({
      method: 'DELETE',
      url: `/api/workflow/${id}?reason=done`,
      headers: { 'content-type': 'application/json' },
    });
    expect(term.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/workflow/${id}` })).json().status).toBe('TERMINATED');
  });

  it('returns the workflow id as a text/plain body on start', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow',
      payload: { name: 'conv_wf', input: { x: 1 } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/^[\w-]+$/);
    expect((await t.app.inject({ url: `/api/workflow/${res.body}` })).json().input).toEqual({
      x: 1,
    });
  });

  it('names each invalid query parameter in validationErrors', async () => {
    const res = await t.app.inject({ url: '/api/tasks/poll/batch/x?count=abc&timeout=-5' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().validationErrors.map((v: { path: string }) => v.path);
    expect(paths).toContain('querystring.count');
    expect(paths).toContain('querystring.timeout');
  });

  it('serves health in Conductor shape at /health and /api/health, and the version as text', async () => {
    for (const url of ['/health', '/api/health']) {
      const res = await t.app.inject({ url });
      expect(res.json()).toEqual({ healthResults: [], suppressedHealthResults: [], healthy: true });
    }
    const v = await t.app.inject({ url: '/api/version' });
    expect(v.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('generates OpenAPI from the route schemas and serves the docs UI', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/workflow/{workflowId}']).toBeDefined();
    expect(
      doc.paths['/api/tasks/poll/batch/{taskType}'].get.parameters.map(
        (p: { name: string }) => p.name,
      ),
    ).toContain('timeout');
    expect(doc.components.schemas.WorkflowDef).toBeDefined();
    const ui = await t.app.inject({ url: '/api/docs/' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('exposes Prometheus metrics including starts, queue depth and HTTP durations', async () => {
    await start(t.app, 'conv_wf');
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/baton_workflow_starts_total\{name="conv_wf"\} [1-9]/);
    expect(res.body).toMatch(/baton_queue_depth\{queue="conv_wf_task"\} [1-9]/);
    expect(res.body).toMatch(/baton_http_request_duration_seconds_bucket/);
  });
});

describe('store outages', () => {
  it('maps a refused store connection to 503 STORE_UNAVAILABLE (retryable)', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    const failing = await createTestApp(
      {},
      {
        ...t.stores,
        definitions: new Proxy(t.stores.definitions, {
          get: (target, prop) =>
            prop === 'listWorkflowDefs' ? () => Promise.reject(refused) : Reflect.get(target, prop),
        }),
        close: async () => {},
      },
    );
    const res = await failing.app.inject({ url: '/api/metadata/workflow' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
    await failing.app.close();
  });
});

describe('serving the web app', () => {
  it('serves files, falls back to index.html for app routes and keeps API 404s as JSON', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'baton-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Baton</title>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)');
    const web = await createTestApp({ webDir }, { ...t.stores, close: async () => {} });
    const index = await web.app.inject({ url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>Baton</title>');
    expect((await web.app.inject({ url: '/assets/app.js' })).body).toBe('console.log(1)');
    const deep = await web.app.inject({ url: '/executions/abc-123' });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toMatch(/text\/html/);
    const api = await web.app.inject({ url: '/api/not-a-route' });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('ROUTE_NOT_FOUND');
    await web.app.close();
  });
});
