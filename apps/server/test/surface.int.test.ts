/**
 * Conductor surface on the embedded store: synchronous execute, test runs with mocked outputs,
 * task search and bulk terminate-remove (happy paths and hostile requests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task, WorkflowDef } from '@baton/engine';
import { createTestApp, register, simpleDef } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;

const twoStep: WorkflowDef = {
  name: 'sf_two',
  version: 1,
  schemaVersion: 2,
  ownerEmail: 'test@example.com',
  tasks: [
    { name: 'sf_a', taskReferenceName: 'a_ref', type: 'SIMPLE', inputParameters: {} },
    { name: 'sf_b', taskReferenceName: 'b_ref', type: 'SIMPLE', inputParameters: {} },
  ],
  outputParameters: { a: '${a_ref.output.v}', b: '${b_ref.output.v}' },
};
const waiting: WorkflowDef = {
  name: 'sf_wait',
  version: 1,
  schemaVersion: 2,
  ownerEmail: 'test@example.com',
  tasks: [{ name: 'hold', taskReferenceName: 'hold_ref', type: 'WAIT', inputParameters: {} }],
};

beforeAll(async () => {
  t = await createTestApp({ background: { sweepIntervalMs: 100, systemTaskIntervalMs: 50 } });
  await register(t.app, simpleDef('sf_one', 'sf_one_task'));
  await register(t.app, twoStep);
  await register(t.app, waiting);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

async function startOne(name: string, input: Record<string, unknown> = {}): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/workflow',
    payload: { name, input },
  });
  expect(res.statusCode).toBe(200);
  return res.body;
}

/** Polls one task of `type` and completes it with `output`. */
async function work(type: string, output: Record<string, unknown>): Promise<Task> {
  for (let i = 0; i < 50; i++) {
    const [task] = (
      await t.app.inject({ url: `/api/tasks/poll/batch/${type}?timeout=200` })
    ).json() as Task[];
    if (task) {
      await t.app.inject({
        method: 'POST',
        url: '/api/tasks',
        payload: {
          workflowInstanceId: task.workflowInstanceId,
          taskId: task.taskId,
          status: 'COMPLETED',
          outputData: output,
        },
      });
      return task;
    }
  }
  throw new Error(`no ${type} task`);
}

describe('POST /api/workflow/execute/{name}/{version}', () => {
  it('starts, waits for the end and returns the WorkflowRun', async () => {
    const pending = t.app.inject({
      method: 'POST',
      url: '/api/workflow/execute/sf_one/1?requestId=req-1',
      payload: { input: { x: 3 }, correlationId: 'c-1' },
    });
    const task = await work('sf_one_task', { result: 'done' });
    const res = await pending;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      responseType: 'TARGET_WORKFLOW',
      requestId: 'req-1',
      workflowId: task.workflowInstanceId,
      targetWorkflowId: task.workflowInstanceId,
      targetWorkflowStatus: 'COMPLETED',
      status: 'COMPLETED',
      correlationId: 'c-1',
      input: { x: 3 },
      output: { result: 'done' },
      signalTimeout: false,
    });
    expect(res.json().tasks).toHaveLength(1);
  });

  it('answers the running state with signalTimeout after waitForSeconds', async () => {
    const began = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/execute/sf_one/0?waitForSeconds=1',
      payload: {},
    });
    const took = Date.now() - began;
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(4000);
    expect(res.json()).toMatchObject({ status: 'RUNNING', signalTimeout: true });
    expect(res.json().requestId).toMatch(/^[0-9a-f-]{36}$/);
    await work('sf_one_task', {});
  });

  it('returns once a waitUntilTaskRef task has ended', async () => {
    const pending = t.app.inject({
      method: 'POST',
      url: '/api/workflow/execute/sf_two/1?waitUntilTaskRef=nothing,a_ref&waitForSeconds=20',
      payload: {},
    });
    await work('sf_a', { v: 1 });
    const res = await pending;
    expect(res.json()).toMatchObject({ status: 'RUNNING', signalTimeout: false });
    expect(res.json().tasks.map((x: Task) => [x.referenceTaskName, x.status])).toEqual([
      ['a_ref', 'COMPLETED'],
      ['b_ref', 'SCHEDULED'],
    ]);
    await work('sf_b', { v: 2 });
  });

  it('returns the blocking WAIT task as a TaskRun with BLOCKING_TASK', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/execute/sf_wait/1?returnStrategy=BLOCKING_TASK&waitForSeconds=10',
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      responseType: 'BLOCKING_TASK',
      taskType: 'WAIT',
      referenceTaskName: 'hold_ref',
      status: 'IN_PROGRESS',
      targetWorkflowStatus: 'RUNNING',
      signalTimeout: false,
    });
  });

  it('refuses bad requests with 400 naming the field and unknown names with 404', async () => {
    const bad = async (url: string, payload: unknown = {}) => {
      const res = await t.app.inject({ method: 'POST', url, payload: payload as object });
      return { status: res.statusCode, body: JSON.stringify(res.json()) };
    };
    for (const [url, field] of [
      ['/api/workflow/execute/sf_one/1?waitForSeconds=100000', 'waitForSeconds'],
      ['/api/workflow/execute/sf_one/1?waitForSeconds=-1', 'waitForSeconds'],
      ['/api/workflow/execute/sf_one/abc', 'version'],
      ['/api/workflow/execute/sf_one/1?returnStrategy=ALL', 'returnStrategy'],
      ['/api/workflow/execute/sf_one/1?consistency=EVENTUAL', 'consistency'],
    ] as const) {
      const r = await bad(url);
      expect(r.status, url).toBe(400);
      expect(r.body, url).toContain(field);
    }
    const input = await bad('/api/workflow/execute/sf_one/1', { input: [1, 2] });
    expect(input.status).toBe(400);
    expect(input.body).toContain('input');
    const unknown = await bad('/api/workflow/execute/sf_nope/2');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('No such workflow found by name: sf_nope, version: 2');
  });
});

describe('POST /api/workflow/test (mocked task results)', () => {
  const test = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/workflow/test', payload });

  it('completes tasks from their mocks in order, handing nothing to workers', async () => {
    const res = await test({
      name: 'sf_two',
      version: 1,
      input: { k: 1 },
      taskRefToMockOutput: {
        a_ref: [{ status: 'COMPLETED', output: { v: 'A' } }],
        b_ref: [{ output: { v: 'B' } }],
      },
    });
    expect(res.statusCode).toBe(200);
    const run = res.json() as { status: string; output: unknown; tasks: Task[]; input: unknown };
    expect(run.status).toBe('COMPLETED');
    expect(run.output).toEqual({ a: 'A', b: 'B' });
    expect(run.input).toEqual({ k: 1, _systemMetadata: { test: true } });
    expect(run.tasks.map((x) => [x.referenceTaskName, x.status, x.workerId])).toEqual([
      ['a_ref', 'COMPLETED', 'baton-test'],
      ['b_ref', 'COMPLETED', 'baton-test'],
    ]);
  });

  it('stops at a task without a mock, which no worker can poll', async () => {
    const res = await test({
      name: 'sf_two',
      // A mapping to a domain real workers poll is ignored.
      taskToDomain: { sf_b: 'shared' },
      taskRefToMockOutput: { a_ref: [{ status: 'COMPLETED', output: { v: 1 } }] },
    });
    const run = res.json() as { workflowId: string; status: string; tasks: Task[] };
    expect(run.status).toBe('RUNNING');
    expect(run.tasks.map((x) => [x.referenceTaskName, x.status])).toEqual([
      ['a_ref', 'COMPLETED'],
      ['b_ref', 'SCHEDULED'],
    ]);
    for (const domain of ['', '&domain=shared']) {
      const polled = await t.app.inject({ url: `/api/tasks/poll/batch/sf_b?timeout=100${domain}` });
      expect(polled.json(), domain).toEqual([]);
    }
    await t.app.inject({ method: 'DELETE', url: `/api/workflow/${run.workflowId}` });
  });

  it('fails the run with a FAILED mock', async () => {
    const res = await test({
      name: 'sf_two',
      taskRefToMockOutput: { a_ref: [{ status: 'FAILED', output: { why: 'mocked' } }] },
    });
    expect(res.json()).toMatchObject({ status: 'FAILED' });
  });

  it('keeps test runs out of workflow search unless the query asks for them', async () => {
    const res = await test({
      name: 'sf_one',
      correlationId: 'search-me',
      taskRefToMockOutput: { sf_one_task_ref: [{ output: { result: 1 } }] },
    });
    const id = (res.json() as { workflowId: string }).workflowId;
    const search = async (query: string) => {
      const r = await t.app.inject({
        url: `/api/workflow/search?query=${encodeURIComponent(query)}`,
      });
      return (r.json() as { results: Array<{ workflowId: string }> }).results.map(
        (x) => x.workflowId,
      );
    };
    expect(await search("correlationId = 'search-me'")).toEqual([]);
    expect(await search("correlationId = 'search-me' AND test = true")).toEqual([id]);
  });

  it('refuses malformed requests with 400 naming the field, unknown workflows with 404', async () => {
    for (const [payload, field] of [
      [{ taskRefToMockOutput: {} }, 'name'],
      [{ name: 'sf_two', taskRefToMockOutput: { a_ref: { status: 'COMPLETED' } } }, 'a_ref'],
      [{ name: 'sf_two', taskRefToMockOutput: { a_ref: [{ status: 'DONE' }] } }, 'status'],
      [{ name: 'sf_two', taskRefToMockOutput: { a_ref: [{ output: 'x' }] } }, 'output'],
      [{ name: 'sf_two', subWorkflowTestRequest: { s: { taskRefToMockOutput: {} } } }, 'name'],
    ] as const) {
      const res = await test(payload as unknown as Record<string, unknown>);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(res.json().validationErrors), JSON.stringify(payload)).toContain(field);
    }
    expect((await test({ name: 'sf_nope' })).statusCode).toBe(404);
  });
});

describe('GET /api/tasks/search and /search-v2', () => {
  it('finds tasks by query and returns TaskSummary rows', async () => {
    const id = await startOne('sf_one', { x: 'find-me' });
    const q = encodeURIComponent(`workflowId = '${id}' AND taskType = 'sf_one_task'`);
    const res = await t.app.inject({ url: `/api/tasks/search?query=${q}` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { totalHits: number; results: Array<Record<string, unknown>> };
    expect(body.totalHits).toBe(1);
    expect(body.results[0]).toMatchObject({
      workflowId: id,
      workflowType: 'sf_one',
      taskType: 'sf_one_task',
      taskDefName: 'sf_one_task',
      status: 'SCHEDULED',
      input: JSON.stringify({ x: 'find-me' }),
      executionTime: 0,
    });
    expect(body.results[0]!['scheduledTime']).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    const v2 = await t.app.inject({ url: `/api/tasks/search-v2?query=${q}` });
    const full = v2.json() as { results: Task[] };
    expect(full.results.map((x) => [x.referenceTaskName, x.inputData])).toEqual([
      ['sf_one_task_ref', { x: 'find-me' }],
    ]);
    await t.app.inject({ method: 'DELETE', url: `/api/workflow/${id}` });
  });

  it('refuses unknown fields, oversized pages and bad sorts with 400', async () => {
    for (const [qs, field] of [
      [`query=${encodeURIComponent("nosuch = 'x'")}`, 'query'],
      ['size=6000', 'size'],
      ['sort=taskId:SIDEWAYS', 'sort'],
      ['start=-1', 'start'],
    ] as const) {
      const res = await t.app.inject({ url: `/api/tasks/search?${qs}` });
      expect(res.statusCode, qs).toBe(400);
      expect(JSON.stringify(res.json().validationErrors), qs).toContain(field);
    }
  });
});

describe('bulk terminate-remove and bulk search', () => {
  it('terminates running executions, removes them and reports unknown ids', async () => {
    const running = await startOne('sf_one');
    const paused = await startOne('sf_one');
    await t.app.inject({ method: 'PUT', url: `/api/workflow/${paused}/pause` });
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/workflow/bulk/terminate-remove?reason=cleanup',
      payload: [running, paused, 'no-such-id'],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      bulkSuccessfulResults: string[];
      bulkErrorResults: Record<string, string>;
    };
    expect(body.bulkSuccessfulResults).toEqual([running, paused]);
    expect(Object.keys(body.bulkErrorResults)).toEqual(['no-such-id']);
    for (const id of [running, paused]) {
      expect((await t.app.inject({ url: `/api/workflow/${id}` })).statusCode).toBe(404);
    }
    // Their queued tasks are gone too: nothing to poll for them.
    const polled = (
      await t.app.inject({ url: '/api/tasks/poll/batch/sf_one_task?count=10&timeout=100' })
    ).json() as Task[];
    expect(polled.filter((x) => [running, paused].includes(x.workflowInstanceId))).toEqual([]);
  });

  it('removes one execution with DELETE /workflow/{id}/terminate-remove', async () => {
    const id = await startOne('sf_one');
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/workflow/${id}/terminate-remove`,
    });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/workflow/${id}` })).statusCode).toBe(404);
  });

  it('reads executions by id with POST /workflow/bulk/search', async () => {
    const id = await startOne('sf_one');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/bulk/search?includeTasks=false',
      payload: [id, 'missing'],
    });
    const body = res.json() as {
      bulkSuccessfulResults: Array<{ workflowId: string; tasks?: unknown[] }>;
      bulkErrorResults: Record<string, string>;
    };
    expect(body.bulkSuccessfulResults.map((w) => w.workflowId)).toEqual([id]);
    expect(body.bulkSuccessfulResults[0]!.tasks ?? []).toEqual([]);
    expect(Object.keys(body.bulkErrorResults)).toEqual(['missing']);
    await t.app.inject({ method: 'DELETE', url: `/api/workflow/${id}/terminate-remove` });
  });

  it('refuses a body that is not a list of ids', async () => {
    for (const payload of [{ ids: ['a'] }, [{ id: 'a' }], []]) {
      const res = await t.app.inject({
        method: 'DELETE',
        url: '/api/workflow/bulk/terminate-remove',
        payload: payload as object,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});
