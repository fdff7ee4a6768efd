import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Task } from '@baton/engine';
import { createTestApp, register, simpleDef, start } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await register(t.app, simpleDef('wf_a', 'wf_a_task'));
  await register(t.app, simpleDef('wf_c', 'wf_c_task'));
  await register(t.app, simpleDef('wf_r', 'wf_r_task'));
  await register(t.app, {
    ...simpleDef('wf_two', 'wf_two_first'),
    tasks: [
      { name: 'wf_two_first', taskReferenceName: 'first', type: 'SIMPLE' },
      { name: 'wf_two_second', taskReferenceName: 'second', type: 'SIMPLE' },
    ],
    outputParameters: {},
  });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

async function pollOne(app: FastifyInstance, type: string): Promise<Task> {
  const res = await app.inject({
    url: `/api/tasks/poll/batch/${type}?count=1&timeout=1000&workerid=w1`,
  });
  const [task] = res.json() as Task[];
  if (task === undefined) throw new Error(`no ${type} task`);
  return task;
}

async function complete(
  app: FastifyInstance,
  task: Task,
  status = 'COMPLETED',
  outputData: Record<string, unknown> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/tasks',
    payload: {
      workflowInstanceId: task.workflowInstanceId,
      taskId: task.taskId,
      status,
      outputData,
    },
  });
  expect(res.statusCode).toBe(200);
  expect(res.body).toBe(task.taskId);
}

async function statusOf(app: FastifyInstance, id: string): Promise<string> {
  return (await app.inject({ url: `/api/workflow/${id}/status` })).json().status;
}

describe('starting workflows', () => {
  it('starts by name with the body as input and query parameters', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/wf_a?correlationId=c-1&priority=7',
      payload: { x: 42 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const wf = (await t.app.inject({ url: `/api/workflow/${res.body}` })).json();
    expect(wf).toMatchObject({
      workflowName: 'wf_a',
      correlationId: 'c-1',
      priority: 7,
      input: { x: 42 },
      status: 'RUNNING',
    });
    expect(wf.tasks[0]).toMatchObject({
      referenceTaskName: 'wf_a_task_ref',
      status: 'SCHEDULED',
      inputData: { x: 42 },
    });
  });

  it('rejects a null input, an unknown definition and an out-of-range priority', async () => {
    const nullInput = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/wf_a',
      payload: 'null',
      headers: { 'content-type': 'application/json' },
    });
    expect(nullInput.statusCode).toBe(400);
    expect(nullInput.json().message).toBe('NULL input passed when starting workflow');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/workflow',
      payload: { name: 'nope' },
    });
    expect(unknown.statusCode).toBe(404);
    const prio = await t.app.inject({
      method: 'POST',
      url: '/api/workflow',
      payload: { name: 'wf_a', priority: 100 },
    });
    expect(prio.statusCode).toBe(400);
    expect(prio.json().validationErrors[0].path).toBe('body.priority');
    const noName = await t.app.inject({
      method: 'POST',
      url: '/api/workflow',
      payload: { input: {} },
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().validationErrors[0].path).toBe('body.name');
  });

  it('accepts SDK payloads full of nulls', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workflow',
      payload: {
        name: 'wf_a',
        version: null,
        correlationId: null,
        priority: null,
        input: null,
        taskToDomain: null,
        workflowDef: null,
        idempotencyKey: null,
        idempotencyStrategy: null,
      },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('reading workflows', () => {
  it('reads with and without tasks, status, a page of tasks, running ids and by correlation id', async () => {
    const id = await t.app
      .inject({
        method: 'POST',
        url: '/api/workflow',
        payload: { name: 'wf_a', correlationId: 'corr-read', input: { x: 1 } },
      })
      .then((r) => r.body);
    const noTasks = (await t.app.inject({ url: `/api/workflow/${id}?includeTasks=false` })).json();
    expect(noTasks.tasks ?? []).toEqual([]);
    const status = (
      await t.app.inject({ url: `/api/workflow/${id}/status?includeOutput=true` })
    ).json();
    expect(status).toMatchObject({
      workflowId: id,
      status: 'RUNNING',
      correlationId: 'corr-read',
      output: {},
    });
    const page = (
      await t.app.inject({ url: `/api/workflow/${id}/tasks?start=0&count=10&status=SCHEDULED` })
    ).json();
    expect(page.totalHits).toBe(1);
    expect(page.results[0].status).toBe('SCHEDULED');
    const running = (await t.app.inject({ url: '/api/workflow/running/wf_a?version=1' })).json();
    expect(running).toContain(id);
    const corr = (await t.app.inject({ url: '/api/workflow/wf_a/correlated/corr-read' })).json();
    expect(corr.map((w: { workflowId: string }) => w.workflowId)).toEqual([id]);
    const many = (
      await t.app.inject({
        method: 'POST',
        url: '/api/workflow/wf_a/correlated',
        payload: ['corr-read', 'none'],
      })
    ).json();
    expect(many['corr-read']).toHaveLength(1);
    expect(many['none']).toEqual([]);
    const missing = await t.app.inject({ url: '/api/workflow/does-not-exist' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('WORKFLOW_NOT_FOUND');
  });
});

describe('operator actions', () => {
  it('pauses, resumes, terminates (409 on completed) and removes', async () => {
    const id = await start(t.app, 'wf_a');
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/workflow/${id}/pause` })).statusCode,
    ).toBe(200);
    expect(await statusOf(t.app, id)).toBe('PAUSED');
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/workflow/${id}/resume` })).statusCode,
    ).toBe(200);
    const notPaused = await t.app.inject({ method: 'PUT', url: `/api/workflow/${id}/resume` });
    expect(notPaused.statusCode).toBeGreaterThanOrEqual(400);
    expect(notPaused.statusCode).toBeLessThan(500);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/workflow/${id}?reason=stop` })).statusCode,
    ).toBe(200);
    const wf = (await t.app.inject({ url: `/api/workflow/${id}` })).json();
    expect(wf).toMatchObject({ status: 'TERMINATED', reasonForIncompletion: 'stop' });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/workflow/${id}/remove` })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: `/api/workflow/${id}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/workflow/${id}/pause` })).statusCode,
    ).toBe(404);
  });

  it('completes a workflow through worker updates and refuses to terminate it', async () => {
    const id = await start(t.app, 'wf_c', { x: 3 });
    const task = await pollOne(t.app, 'wf_c_task');
    expect(task.workflowInstanceId).toBe(id);
    await complete(t.app, task, 'COMPLETED', { result: 'ok' });
    const wf = (await t.app.inject({ url: `/api/workflow/${id}` })).json();
    expect(wf).toMatchObject({ status: 'COMPLETED', output: { result: 'ok' } });
    const term = await t.app.inject({ method: 'DELETE', url: `/api/workflow/${id}` });
    expect(term.statusCode).toBe(409);
  });

  it('restarts and retries terminal workflows with 204, and rejects them on running ones', async () => {
    const id = await start(t.app, 'wf_r');
    const running = await t.app.inject({ method: 'POST', url: `/api/workflow/${id}/restart` });
    expect(running.statusCode).toBeGreaterThanOrEqual(400);
    expect(running.statusCode).toBeLessThan(500);
    const task = await pollOne(t.app, 'wf_r_task');
    await complete(t.app, task, 'FAILED');
    expect(await statusOf(t.app, id)).toBe('FAILED');
    const retry = await t.app.inject({ method: 'POST', url: `/api/workflow/${id}/retry` });
    expect(retry.statusCode).toBe(204);
    expect(await statusOf(t.app, id)).toBe('RUNNING');
    await t.app.inject({ method: 'DELETE', url: `/api/workflow/${id}` });
    const restart = await t.app.inject({
      method: 'POST',
      url: `/api/workflow/${id}/restart?useLatestDefinitions=true`,
    });
    expect(restart.statusCode).toBe(204);
    const wf = (await t.app.inject({ url: `/api/workflow/${id}` })).json();
    expect(wf.status).toBe('RUNNING');
    expect(wf.tasks).toHaveLength(1);
  });

  it('reruns from a task and returns the same id as text', async () => {
    const id = await start(t.app, 'wf_two');
    const first = await pollOne(t.app, 'wf_two_first');
    await complete(t.app, first);
    const second = await pollOne(t.app, 'wf_two_second');
    await complete(t.app, second, 'FAILED');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/workflow/${id}/rerun`,
      payload: { reRunFromTaskId: second.taskId },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe(id);
    expect(await statusOf(t.app, id)).toBe('RUNNING');
  });

  it('skips a task not yet scheduled, with or without a body', async () => {
    const id = await start(t.app, 'wf_two');
    const res = await t.app.inject({ method: 'PUT', url: `/api/workflow/${id}/skiptask/second` });
    expect(res.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'PUT',
      url: `/api/workflow/${id}/skiptask/second`,
      payload: { taskInput: {}, taskOutput: { skipped: true } },
    });
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    expect(again.statusCode).toBeLessThan(500);
    const first = await pollOne(t.app, 'wf_two_first');
    await complete(t.app, first);
    expect(await statusOf(t.app, id)).toBe('COMPLETED');
  });

  it('resets callbacks with 204', async () => {
    const id = await start(t.app, 'wf_a');
    const res = await t.app.inject({ method: 'POST', url: `/api/workflow/${id}/resetcallbacks` });
    expect(res.statusCode).toBe(204);
  });
});

describe('search', () => {
  it('finds workflows by query and free text as summaries and as full workflows', async () => {
    const id = await t.app
      .inject({
        method: 'POST',
        url: '/api/workflow',
        payload: { name: 'wf_a', correlationId: 'search-me', input: { x: 'needle' } },
      })
      .then((r) => r.body);
    const q = encodeURIComponent(`workflowType = 'wf_a' AND status = 'RUNNING'`);
    const res = await t.app.inject({
      url: `/api/workflow/search?query=${q}&size=1000&sort=startTime:DESC`,
    });
    expect(res.statusCode).toBe(200);
    const summary = res.json().results.find((s: { workflowId: string }) => s.workflowId === id);
    expect(summary).toMatchObject({
      workflowType: 'wf_a',
      status: 'RUNNING',
      correlationId: 'search-me',
    });
    expect(typeof summary.startTime).toBe('string');
    expect(typeof summary.input).toBe('string');
    const v2 = await t.app.inject({ url: `/api/workflow/search-v2?freeText=search-me` });
    expect(v2.json().results.map((w: { workflowId: string }) => w.workflowId)).toContain(id);
    const tooBig = await t.app.inject({ url: '/api/workflow/search?size=5001' });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().message).toBe(
      'Cannot return more than 5000 workflows. Please use pagination.',
    );
    const byTask = await t.app.inject({
      url: `/api/workflow/search-by-tasks?query=${encodeURIComponent("taskType = 'wf_a_task'")}&size=100`,
    });
    expect(byTask.statusCode).toBe(200);
    expect(byTask.json().totalHits).toBeGreaterThan(0);
  });
});

describe('bulk operations', () => {
  it('pauses, resumes, terminates, restarts, retries and removes many, reporting per-id errors', async () => {
    const a = await start(t.app, 'wf_a');
    const b = await start(t.app, 'wf_a');
    const pause = await t.app.inject({
      method: 'PUT',
      url: '/api/workflow/bulk/pause',
      payload: [a, b, 'missing-id'],
    });
    expect(pause.statusCode).toBe(200);
    expect(pause.json().bulkSuccessfulResults).toEqual([a, b]);
    expect(Object.keys(pause.json().bulkErrorResults)).toEqual(['missing-id']);
    expect(
      (
        await t.app.inject({ method: 'PUT', url: '/api/workflow/bulk/resume', payload: [a, b] })
      ).json().bulkSuccessfulResults,
    ).toEqual([a, b]);
    const term = await t.app.inject({
      method: 'POST',
      url: '/api/workflow/bulk/terminate?reason=bulk',
      payload: [a, b],
    });
    expect(term.json().bulkSuccessfulResults).toEqual([a, b]);
    expect(await statusOf(t.app, a)).toBe('TERMINATED');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/workflow/bulk/retry', payload: [a] }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({ method: 'POST', url: '/api/workflow/bulk/restart', payload: [b] })
      ).json().bulkSuccessfulResults,
    ).toEqual([b]);
    expect(await statusOf(t.app, b)).toBe('RUNNING');
    const remove = await t.app.inject({
      method: 'DELETE',
      url: '/api/workflow/bulk/remove',
      payload: [a, b],
    });
    expect(remove.json().bulkSuccessfulResults).toEqual([a, b]);
    expect((await t.app.inject({ url: `/api/workflow/${a}` })).statusCode).toBe(404);
  });

  it('rejects an empty id list and more than 1000 ids', async () => {
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/workflow/bulk/pause', payload: [] }))
        .statusCode,
    ).toBe(400);
    const many = Array.from({ length: 1001 }, (_, i) => `id-${i}`);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/workflow/bulk/pause', payload: many }))
        .statusCode,
    ).toBe(400);
  });
});
