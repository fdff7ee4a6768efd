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
