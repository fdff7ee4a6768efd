import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, simpleDef } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  // Background work on: a test run's sub-workflow starts there.
  t = await createTestApp({ background: { sweepIntervalMs: 100, systemTaskIntervalMs: 50 } });
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

describe('test cases and deleted versions', () => {
  const register = (name: string, version: number) =>
    t.app.inject({
      method: 'POST',
      url: '/api/metadata/workflow',
      payload: simpleDef(name, `${name}_task`, version),
    });
  const remove = (name: string, version: number) =>
    t.app.inject({ method: 'DELETE', url: `/api/metadata/workflow/${name}/${version}` });

  it('keeps them while a version is left and deletes them with the last one', async () => {
    for (const v of [1, 2]) expect((await register('wt_versions', v)).statusCode).toBe(200);
    const put = await t.app.inject({
      method: 'PUT',
      url: url('wt_versions'),
      payload: { testCases: [oneCase] },
    });
    expect(put.statusCode).toBe(200);

    expect((await remove('wt_versions', 1)).statusCode).toBe(200);
    expect((await t.app.inject({ url: url('wt_versions') })).json().testCases).toEqual([oneCase]);

    expect((await remove('wt_versions', 2)).statusCode).toBe(200);
    expect((await t.app.inject({ url: url('wt_versions') })).statusCode).toBe(404);
    // Registered again under the same name, the workflow starts with no test cases.
    expect((await register('wt_versions', 1)).statusCode).toBe(200);
    expect((await t.app.inject({ url: url('wt_versions') })).json()).toEqual({
      name: 'wt_versions',
      testCases: [],
    });
    // Other workflows keep theirs.
    expect((await t.app.inject({ url: url('wt_a') })).statusCode).toBe(200);
  });

  it('keeps them when deleting a version that does not exist fails', async () => {
    expect((await register('wt_missing_version', 1)).statusCode).toBe(200);
    await t.app.inject({
      method: 'PUT',
      url: url('wt_missing_version'),
      payload: { testCases: [oneCase] },
    });
    expect((await remove('wt_missing_version', 7)).statusCode).toBe(404);
    expect((await t.app.inject({ url: url('wt_missing_version') })).json().testCases).toEqual([
      oneCase,
    ]);
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

describe('test runs the designer has read', () => {
  const search = async (query: string) => {
    const r = await t.app.inject({
      url: `/api/workflow/search?query=${encodeURIComponent(query)}`,
    });
    return (r.json() as { results: Array<{ workflowId: string }> }).results.map(
      (x) => x.workflowId,
    );
  };

  it('are gone, sub-workflows included, after terminate-remove of the run and its sub-workflows', async () => {
    // No mocks: the run stops at the sub-workflow's worker task, both still RUNNING.
    const inner = simpleDef('wt_inner');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/test',
      payload: {
        name: 'wt_outer',
        correlationId: 'wt-cleanup',
        workflowDef: {
          ...simpleDef('wt_outer'),
          tasks: [
            {
              name: 'wt_sub',
              taskReferenceName: 'wt_sub',
              type: 'SUB_WORKFLOW',
              subWorkflowParam: { name: 'wt_inner', workflowDefinition: inner },
            },
          ],
        },
        taskRefToMockOutput: {},
      },
    });
    expect(res.statusCode).toBe(200);
    const run = res.json() as {
      workflowId: string;
      status: string;
      tasks: Array<{ subWorkflowId?: string }>;
    };
    expect(run.status).toBe('RUNNING');
    // The sub-workflow starts in the background: wait for its id as the designer reads it.
    let subId = run.tasks.find((x) => x.subWorkflowId)?.subWorkflowId;
    for (let i = 0; !subId && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const again = await t.app.inject({ url: `/api/workflow/${run.workflowId}` });
      subId = (again.json() as typeof run).tasks.find((x) => x.subWorkflowId)?.subWorkflowId;
    }
    expect(subId).toBeTruthy();
    expect(await search("correlationId = 'wt-cleanup' AND test = true")).toEqual([run.workflowId]);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/workflow/bulk/terminate-remove?reason=read',
      payload: [run.workflowId, subId],
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().bulkErrorResults).toEqual({});
    for (const id of [run.workflowId, subId])
      expect((await t.app.inject({ url: `/api/workflow/${id}` })).statusCode).toBe(404);
    expect(await search("correlationId = 'wt-cleanup' AND test = true")).toEqual([]);
  });
});
