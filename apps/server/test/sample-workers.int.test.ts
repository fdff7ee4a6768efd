import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workflow } from '@baton/engine';
import {
  createSampleWorkers,
  SAMPLE_DOMAIN,
  SAMPLE_WORKER_ID,
} from '../src/sample-workers/controller.js';
import { createTestApp, type TestApp } from './helpers.js';
import { ensureServerBuilt, startServer } from './workload/server-process.js';

const example = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8'));

const KEYS = [
  { key: 'admin-key', role: 'admin' as const },
  { key: 'worker-key', role: 'worker' as const },
  { key: 'viewer-key', role: 'viewer' as const },
];
const admin = { authorization: 'Bearer admin-key' };

let t: TestApp;
let url = '';

beforeAll(async () => {
  const sampleWorkers = createSampleWorkers({
    baseUrl: () => url,
    apiKeys: KEYS,
    delayMs: { min: 5, spread: 20 },
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  t = await createTestApp({ apiKeys: KEYS, sampleWorkers, background: {} });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const put = (path: string, body: unknown) =>
    t.app.inject({ method: 'POST', url: path, payload: body as object, headers: admin });
  expect((await put('/api/metadata/taskdefs', example('task-defs.json'))).statusCode).toBe(200);
  for (const f of ['pbj-v2.json', 'frozen-burrito.json']) {
    expect((await put('/api/metadata/workflow', example(f))).statusCode).toBe(200);
  }
});
afterAll(async () => t.close());

/** Starts `name`, in the sample workers' domain unless `domain` is null. */
async function start(
  name: string,
  input: Record<string, unknown>,
  domain: string | null = SAMPLE_DOMAIN,
): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/workflow',
    headers: admin,
    payload: { name, input, ...(domain !== null ? { taskToDomain: { '*': domain } } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
}

async function finished(id: string): Promise<Workflow> {
  for (const until = Date.now() + 30_000; Date.now() < until;) {
    const res = await t.app.inject({ url: `/api/workflow/${id}`, headers: admin });
    const wf = res.json<Workflow>();
    if (wf.status !== 'RUNNING') return wf;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`workflow ${id} still running`);
}

describe('built-in sample workers (PUT /api/sample-workers)', () => {
  it('are off until an admin turns them on', async () => {
    const res = await t.app.inject({ url: '/api/sample-workers', headers: admin });
    expect(res.json()).toMatchObject({ enabled: false, workerId: SAMPLE_WORKER_ID });
  });

  it('refuse to be switched by a viewer or with a body that is not { enabled: boolean }', async () => {
    const viewer = await t.app.inject({
      method: 'PUT',
      url: '/api/sample-workers',
      payload: { enabled: true },
      headers: { authorization: 'Bearer viewer-key' },
    });
    expect(viewer.statusCode).toBe(403);
    for (const payload of [{ enabled: 'sure' }, {}, { enabled: true, extra: 1 }]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/sample-workers',
        payload,
        headers: admin,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.body).toMatch(/enabled|extra|additional/);
    }
    const state = await t.app.inject({ url: '/api/sample-workers', headers: admin });
    expect(state.json()).toMatchObject({ enabled: false });
  });

  it('run the PB&J fork and both burrito branches to COMPLETED once on', async () => {
    const on = await t.app.inject({
      method: 'PUT',
      url: '/api/sample-workers',
      payload: { enabled: true },
      headers: admin,
    });
    expect(on.json()).toMatchObject({ enabled: true });
    const ids = await Promise.all([
      start('pbj_workflow', { breadType: 'rye', crunchy: true, jellyFlavor: 'plum' }),
      start('frozen_burrito', { ovenType: 'oven' }),
      start('frozen_burrito', {}),
    ]);
    const [pbj, oven, microwave] = await Promise.all(ids.map(finished));
    expect(pbj!.status).toBe('COMPLETED');
    expect(pbj!.output['sandwich']).toBe(
      'rye slice 1 spread with crunchy peanut butter on rye slice 2 spread with plum jelly, cut diagonal',
    );
    expect(pbj!.tasks.filter((x) => x.taskType === 'get_bread')[0]!.workerId).toBe(
      SAMPLE_WORKER_ID,
    );
    expect(oven!).toMatchObject({ status: 'COMPLETED', output: { heatedWith: 'oven' } });
    expect(microwave!.status).toBe('COMPLETED');
    expect(microwave!.tasks.map((x) => x.referenceTaskName)).toContain('zap_second_side');
  });

  it('leave tasks outside their domain to real workers, even when on', async () => {
    const id = await start('frozen_burrito', {}, null);
    await new Promise((r) => setTimeout(r, 1_500));
    const wf = await t.app.inject({ url: `/api/workflow/${id}`, headers: admin });
    expect(wf.json<Workflow>().tasks[0]).toMatchObject({ status: 'SCHEDULED', pollCount: 0 });
  });

  it('stop when turned off: a new task waits in its queue', async () => {
    const off = await t.app.inject({
      method: 'PUT',
      url: '/api/sample-workers',
      payload: { enabled: false },
      headers: admin,
    });
    expect(off.json()).toMatchObject({ enabled: false });
    const id = await start('frozen_burrito', {});
    await new Promise((r) => setTimeout(r, 1_500));
    const wf = await t.app.inject({ url: `/api/workflow/${id}`, headers: admin });
    expect(wf.json<Workflow>().tasks[0]).toMatchObject({ status: 'SCHEDULED', pollCount: 0 });
  });
});

describe('BATON_DEMO_WORKERS=1 (a real server process)', () => {
  it('starts the server with the sample workers on, and they run the burrito in their domain', async () => {
    await ensureServerBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-demo-workers-'));
    const server = await startServer('demo-workers', {
      BATON_DEMO_WORKERS: '1',
      BATON_DATA_DIR: dataDir,
    });
    try {
      const call = (method: string, path: string, body?: unknown) =>
        fetch(`${server.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      expect(await (await call('GET', '/api/sample-workers')).json()).toMatchObject({
        enabled: true,
        domain: SAMPLE_DOMAIN,
      });
      expect((await call('POST', '/api/metadata/taskdefs', example('task-defs.json'))).status).toBe(
        200,
      );
      expect(
        (await call('POST', '/api/metadata/workflow', example('frozen-burrito.json'))).status,
      ).toBe(200);
      const id = await (
        await call('POST', '/api/workflow', {
          name: 'frozen_burrito',
          input: { ovenType: 'oven' },
          taskToDomain: { '*': SAMPLE_DOMAIN },
        })
      ).text();
      let wf: Workflow | undefined;
      for (const until = Date.now() + 30_000; Date.now() < until;) {
        wf = (await (await call('GET', `/api/workflow/${id}`)).json()) as Workflow;
        if (wf.status !== 'RUNNING') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(wf).toMatchObject({ status: 'COMPLETED', output: { heatedWith: 'oven' } });
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
