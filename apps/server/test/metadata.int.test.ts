import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, simpleDef } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('workflow definition routes', () => {
  it('registers a definition with an empty 200 and reads it back with its unknown fields', async () => {
    const def = { ...simpleDef('meta_a'), customField: { kept: true } };
    const res = await t.app.inject({ method: 'POST', url: '/api/metadata/workflow', payload: def });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    const got = await t.app.inject({ url: '/api/metadata/workflow/meta_a' });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ name: 'meta_a', version: 1, customField: { kept: true } });
    expect(got.json().tasks[0].taskReferenceName).toBe('meta_a_task_ref');
  });

  it('answers 409 for an existing version unless overwrite=true', async () => {
    const def = simpleDef('meta_b');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/metadata/workflow', payload: def }))
        .statusCode,
    ).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow',
      payload: def,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      status: 409,
      code: 'WORKFLOW_DEF_VERSION_EXISTS',
      retryable: false,
    });
    const overwritten = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow?overwrite=true',
      payload: { ...def, description: 'second' },
    });
    expect(overwritten.statusCode).toBe(200);
    const got = await t.app.inject({ url: '/api/metadata/workflow/meta_b?version=1' });
    expect(got.json().description).toBe('second');
  });

  it('rejects an invalid definition naming the field, and stores nothing', async () => {
    const bad = { name: 'meta_bad', version: 1, tasks: [] };
    const res = await t.app.inject({ method: 'POST', url: '/api/metadata/workflow', payload: bad });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('WORKFLOW_DEF_INVALID');
    expect(body.validationErrors.length).toBeGreaterThan(0);
    expect(body.validationErrors[0]).toHaveProperty('path');
    expect(body.validationErrors.map((v: { message: string }) => v.message).join(' ')).toMatch(
      /task/i,
    );
    expect((await t.app.inject({ url: '/api/metadata/workflow/meta_bad' })).statusCode).toBe(404);
  });

  it('rejects a wrongly typed field through the schema with REQUEST_INVALID naming it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow',
      payload: { ...simpleDef('meta_typed'), timeoutSeconds: 'soon' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('REQUEST_INVALID');
    expect(res.json().validationErrors[0]).toMatchObject({
      path: 'body.timeoutSeconds',
      invalidValue: 'soon',
    });
  });

  it('updates several definitions with PUT and lists versions, names and latest versions', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/metadata/workflow',
      payload: [simpleDef('meta_c', 'meta_c_task', 1), simpleDef('meta_c', 'meta_c_task', 2)],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      bulkSuccessfulResults: ['meta_c', 'meta_c'],
      bulkErrorResults: {},
    });
    const latest = await t.app.inject({ url: '/api/metadata/workflow/meta_c' });
    expect(latest.json().version).toBe(2);
    const versions = await t.app.inject({ url: '/api/metadata/workflow/meta_c/versions' });
    expect(versions.json().map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const nv = await t.app.inject({ url: '/api/metadata/workflow/names-and-versions' });
    expect(nv.json().meta_c.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const names = await t.app.inject({ url: '/api/metadata/workflow/names' });
    expect(names.json()).toContain('meta_c');
    const all = await t.app.inject({ url: '/api/metadata/workflow' });
    expect(all.json().filter((d: { name: string }) => d.name === 'meta_c')).toHaveLength(2);
    const latestAll = await t.app.inject({ url: '/api/metadata/workflow/latest-versions' });
    expect(latestAll.json().filter((d: { name: string }) => d.name === 'meta_c')).toHaveLength(1);
  });

  it('rejects the whole PUT when one definition is invalid', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/metadata/workflow',
      payload: [simpleDef('meta_d'), { name: 'meta_d2', tasks: [] }],
    });
    expect(res.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/metadata/workflow/meta_d' })).statusCode).toBe(404);
  });

  it('validates without storing', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow/validate',
      payload: simpleDef('meta_v'),
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/metadata/workflow/meta_v' })).statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow/validate',
      payload: { tasks: [] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('deletes a version and answers 404 for a missing one', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow',
      payload: simpleDef('meta_e'),
    });
    const del = await t.app.inject({ method: 'DELETE', url: '/api/metadata/workflow/meta_e/1' });
    expect(del.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'DELETE', url: '/api/metadata/workflow/meta_e/1' });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('WORKFLOW_DEF_NOT_FOUND');
    const missing = await t.app.inject({ url: '/api/metadata/workflow/nope' });
    expect(missing.json().message).toBe('No such workflow found by name: nope, version: null');
  });
});

describe('task definition routes', () => {
  it('upserts with POST, updates with PUT, reads, lists and deletes', async () => {
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/taskdefs',
      payload: [{ name: 'td_a', retryCount: 1, responseTimeoutSeconds: 10, ownerEmail: 'a@b.c' }],
    });
    expect(post.statusCode).toBe(200);
    const upsert = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/taskdefs',
      payload: [{ name: 'td_a', retryCount: 2, responseTimeoutSeconds: 10, ownerEmail: 'a@b.c' }],
    });
    expect(upsert.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/metadata/taskdefs/td_a' })).json().retryCount).toBe(2);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/metadata/taskdefs',
      payload: { name: 'td_a', retryCount: 5, responseTimeoutSeconds: 10, ownerEmail: 'a@b.c' },
    });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/metadata/taskdefs/td_a' })).json().retryCount).toBe(5);
    const list = await t.app.inject({ url: '/api/metadata/taskdefs' });
    expect(list.json().map((d: { name: string }) => d.name)).toContain('td_a');
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/metadata/taskdefs/td_a' })).statusCode,
    ).toBe(200);
    const gone = await t.app.inject({ url: '/api/metadata/taskdefs/td_a' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().message).toBe('No such taskType found by name: td_a');
  });

  it('answers 404 when updating an unregistered task definition', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/metadata/taskdefs',
      payload: { name: 'td_missing', responseTimeoutSeconds: 10, ownerEmail: 'a@b.c' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('TASK_DEF_NOT_FOUND');
  });

  it('rejects an invalid task definition and stores nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/metadata/taskdefs',
      payload: [{ name: 'td_bad', retryCount: -1, ownerEmail: 'a@b.c' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().validationErrors[0].path).toMatch(/retryCount/);
    expect((await t.app.inject({ url: '/api/metadata/taskdefs/td_bad' })).statusCode).toBe(404);
  });
});
