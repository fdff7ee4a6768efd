import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, simpleDef } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.inject({ method: 'POST', url: '/api/metadata/workflow', payload: simpleDef('wt_a') });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const url = (name: string) => `/api/metadata/workflow/${encodeURIComponent(name)}/tests`;
const oneCase = {
  name: 'happy path',
  input: { ovenType: 'oven' },
  taskRefToMockOutput: {
    wt_a_task_ref: [{ status: 'FAILED' }, { status: 'COMPLETED', output: { ok: true } }],
  },
  expect: { status: 'COMPLETED', output: { ok: true }, tasksRan: ['wt_a_task_ref'] },
};

describe('saved test cases of a workflow', () => {
  it('answers an empty list before any save, then what was saved', async () => {
    const empty = await t.app.inject({ url: url('wt_a') });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ name: 'wt_a', testCases: [] });
    const put = await t.app.inject({
      method: 'PUT',
      url: url('wt_a'),
      payload: { testCases: [oneCase] },
    });
    expect(put.statusCode).toBe(200);
    const got = await t.app.inject({ url: url('wt_a') });
    expect(got.json()).toEqual({ name: 'wt_a', testCases: [oneCase] });
  });

  it('answers 404 WORKFLOW_DEF_NOT_FOUND for a workflow that is not registered', async () => {
    const get = await t.app.inject({ url: url('wt_missing') });
    expect(get.statusCode).toBe(404);
    expect(get.json().code).toBe('WORKFLOW_DEF_NOT_FOUND');
    const put = await t.app.inject({
      method: 'PUT',
      url: url('wt_missing'),
      payload: { testCases: [] },
    });
    expect(put.statusCode).toBe(404);
  });
});

describe('hostile test case bodies', () => {
  const rejects = async (payload: unknown) => {
    const res = await t.app.inject({ method: 'PUT', url: url('wt_a'), payload: payload as object });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; validationErrors?: { path: string }[] };
    return { ...body, text: JSON.stringify(body.validationErrors) };
  };

  it('refuses repeated case names with WORKFLOW_TESTS_INVALID naming the field', async () => {
    const body = await rejects({ testCases: [oneCase, { ...oneCase }] });
    expect(body.code).toBe('WORKFLOW_TESTS_INVALID');
    expect(body.validationErrors?.map((e) => e.path)).toEqual(['testCases[1].name']);
  });

  it('refuses a body naming another workflow', async () => {
    const body = await rejects({ name: 'other', testCases: [] });
    expect(body.validationErrors?.[0]?.path).toBe('name');
  });

  it('refuses unknown fields, bad statuses and wrong types, naming the field', async () => {
    expect((await rejects({ testCases: [{ ...oneCase, evil: 1 }] })).text).toMatch(
      /evil|additional/i,
    );
    expect(
      (await rejects({ testCases: [{ name: 'x', expect: { status: 'DONE' } }] })).text,
    ).toMatch(/status/);
    expect(
      (
        await rejects({
          testCases: [{ name: 'x', taskRefToMockOutput: { a: [{ status: 'OK' }] } }],
        })
      ).text,
    ).toMatch(/status/);
    expect((await rejects({ testCases: 'all' })).text).toMatch(/testCases/);
    expect((await rejects({ testCases: [{ name: '' }] })).text).toMatch(/name/);
  });

  it('refuses too many cases and a suite over the size cap, storing nothing', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ name: `case ${i}` }));
    expect((await rejects({ testCases: many })).text).toMatch(/testCases/);
    const big = { name: 'big', input: { blob: 'x'.repeat(600 * 1024) } };
    const body = await rejects({ testCases: [big] });
    expect(body.code).toBe('WORKFLOW_TESTS_INVALID');
    expect(body.validationErrors?.[0]?.path).toBe('testCases');
    const got = await t.app.inject({ url: url('wt_a') });
    expect(got.json().testCases.map((c: { name: string }) => c.name)).toEqual(['happy path']);
  });

  it('keeps control characters and odd names intact', async () => {
    const odd = { name: 'zero \u0000 width \u200b \ud83c\udf2f', input: { s: '\u0000\u001f' } };
    const put = await t.app.inject({
      method: 'PUT',
      url: url('wt_a'),
      payload: { testCases: [odd] },
    });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ url: url('wt_a') })).json().testCases).toEqual([odd]);
  });
});
