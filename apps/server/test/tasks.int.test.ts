import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@baton/engine';
import { createTestApp, register, simpleDef, start } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const name of [
    'tk_poll',
    'tk_long',
    'tk_update',
    'tk_ref',
    'tk_logs',
    'tk_queue',
    'tk_v2',
    'tk_v2b',
    'tk_legacy',
  ]) {
    await register(t.app, simpleDef(name, `${name}_task`));
  }
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('polling', () => {
  it('answers 204 for a single poll with nothing, then returns the task IN_PROGRESS', async () => {
    const empty = await t.app.inject({ url: '/api/tasks/poll/tk_poll_task?workerid=w1' });
    expect(empty.statusCode).toBe(204);
    expect(empty.body).toBe('');
    const id = await start(t.app, 'tk_poll');
    const res = await t.app.inject({ url: '/api/tasks/poll/tk_poll_task?workerid=w1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      workflowInstanceId: id,
      status: 'IN_PROGRESS',
      workerId: 'w1',
      pollCount: 1,
    });
  });

  it('answers an empty batch poll with 200 application/json []', async () => {
    const res = await t.app.inject({ url: '/api/tasks/poll/batch/tk_empty?timeout=0' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual([]);
  });

  it('waits up to the timeout when nothing is queued', async () => {
    const began = Date.now();
    const res = await t.app.inject({ url: '/api/tasks/poll/batch/tk_nothing?timeout=600' });
    const waited = Date.now() - began;
    expect(res.json()).toEqual([]);
    expect(waited).toBeGreaterThanOrEqual(550);
    expect(waited).toBeLessThan(3000);
  });

  it('returns early from a long poll as soon as a task is queued', async () => {
    const began = Date.now();
    const pending = t.app.inject({
      url: '/api/tasks/poll/batch/tk_long_task?timeout=5000&count=1',
    });
    await new Promise((r) => setTimeout(r, 300));
    const id = await start(t.app, 'tk_long');
    const res = await pending;
    const waited = Date.now() - began;
    expect(res.json().map((x: Task) => x.workflowInstanceId)).toEqual([id]);
    expect(waited).toBeLessThan(4000);
  });

  it('rejects a timeout over 5000 ms with Conductor message', async () => {
    const res = await t.app.inject({ url: '/api/tasks/poll/batch/x?timeout=5001' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('Long Poll Timeout value cannot be more than 5 seconds');
  });
});

describe('updates', () => {
  it('updates with a TaskResult, returns the id as text/plain and ignores later updates', async () => {
    const id = await start(t.app, 'tk_update');
    const [task] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/tk_update_task?timeout=1000' })
    ).json() as Task[];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        workflowInstanceId: id,
        taskId: task!.taskId,
        status: 'COMPLETED',
        outputData: { result: 1 },
        workerId: 'w',
        logs: null,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe(task!.taskId);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: { workflowInstanceId: id, taskId: task!.taskId, status: 'FAILED' },
    });
    expect(late.statusCode).toBe(200);
    const got = (await t.app.inject({ url: `/api/tasks/${task!.taskId}` })).json();
    expect(got).toMatchObject({ status: 'COMPLETED', outputData: { result: 1 } });
  });

  it('rejects a TaskResult without ids or status with Conductor messages and 404s an unknown task', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: { workflowInstanceId: '', status: 'COMPLETED' },
    });
    expect(res.statusCode).toBe(400);
    const messages = res.json().validationErrors.map((v: { message: string }) => v.message);
    expect(messages).toEqual([
      'Workflow Id cannot be null or empty',
      'Task ID cannot be null or empty',
    ]);
    const badStatus = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: { workflowInstanceId: 'w', taskId: 't', status: 'DONE' },
    });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().validationErrors[0].path).toBe('body.status');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: { workflowInstanceId: 'w', taskId: 'nope', status: 'COMPLETED' },
    });
    expect(unknown.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/tasks/nope' })).statusCode).toBe(404);
  });

  it('updates by reference name, merging output, and 404s when no task is pending', async () => {
    const id = await start(t.app, 'tk_ref');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${id}/tk_ref_task_ref/COMPLETED?workerid=w9`,
      payload: { result: 'by-ref' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const wf = (await t.app.inject({ url: `/api/workflow/${id}` })).json();
    expect(wf.status).toBe('COMPLETED');
    expect(wf.output).toEqual({ result: 'by-ref' });
    const none = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${id}/tk_ref_task_ref/COMPLETED`,
      payload: {},
    });
    expect(none.statusCode).toBe(404);
    const badStatus = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${id}/tk_ref_task_ref/DONE`,
      payload: {},
    });
    expect(badStatus.statusCode).toBe(400);
  });

  it('update-v2 returns the next task of the same type, or 204', async () => {
    const a = await start(t.app, 'tk_v2');
    await start(t.app, 'tk_v2');
    const [task] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/tk_v2_task?timeout=1000' })
    ).json() as Task[];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tasks/update-v2',
      payload: {
        workflowInstanceId: task!.workflowInstanceId,
        taskId: task!.taskId,
        status: 'COMPLETED',
      },
    });
    expect(res.statusCode).toBe(200);
    const next = res.json() as Task;
    expect(next.taskType).toBe('tk_v2_task');
    expect(next.taskId).not.toBe(task!.taskId);
    const last = await t.app.inject({
      method: 'POST',
      url: '/api/tasks/update-v2',
      payload: {
        workflowInstanceId: next.workflowInstanceId,
        taskId: next.taskId,
        status: 'COMPLETED',
      },
    });
    expect(last.statusCode).toBe(204);
    expect([a]).toHaveLength(1);
  });

  it('update-v2 hands the next task to the same worker, in the domain of the updated task', async () => {
    const startIn = async (domain: string): Promise<string> => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/workflow',
        payload: { name: 'tk_v2b', taskToDomain: { tk_v2b_task: domain } },
      });
      return res.body;
    };
    const first = await startIn('blue');
    await startIn('green');
    const second = await startIn('blue');
    const [task] = (
      await t.app.inject({
        url: '/api/tasks/poll/batch/tk_v2b_task?timeout=1000&domain=blue&workerid=w-a',
      })
    ).json() as Task[];
    expect(task!.workflowInstanceId).toBe(first);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tasks/update-v2',
      payload: {
        workflowInstanceId: first,
        taskId: task!.taskId,
        status: 'COMPLETED',
        workerId: 'w-b',
      },
    });
    expect(res.statusCode).toBe(200);
    const next = res.json() as Task;
    expect(next).toMatchObject({
      workflowInstanceId: second,
      domain: 'blue',
      status: 'IN_PROGRESS',
      workerId: 'w-b',
    });
  });

  it('update-v2 answers 204 without claiming anything while the task keeps running', async () => {
    await start(t.app, 'tk_v2b');
    await start(t.app, 'tk_v2b');
    const [task] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/tk_v2b_task?timeout=1000&count=1' })
    ).json() as Task[];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tasks/update-v2',
      payload: {
        workflowInstanceId: task!.workflowInstanceId,
        taskId: task!.taskId,
        status: 'IN_PROGRESS',
        callbackAfterSeconds: 60,
      },
    });
    expect(res.statusCode).toBe(204);
    // The other workflow's task is still waiting for a poll.
    const [other] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/tk_v2b_task?timeout=1000&count=5' })
    ).json() as Task[];
    expect(other!.workflowInstanceId).not.toBe(task!.workflowInstanceId);
  });

  it('update-v2 refuses a result without a task id, and an unknown task, storing nothing', async () => {
    const id = await start(t.app, 'tk_v2b');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/tasks/update-v2',
      payload: { workflowInstanceId: id, status: 'COMPLETED' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().validationErrors).toEqual([expect.objectContaining({ path: 'body.taskId' })]);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/tasks/update-v2',
      payload: { workflowInstanceId: id, taskId: 'no-such-task', status: 'COMPLETED' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('TASK_NOT_FOUND');
    const wf = (await t.app.inject({ url: `/api/workflow/${id}` })).json();
    expect(wf.status).toBe('RUNNING');
    expect(wf.tasks.map((x: Task) => x.status)).toEqual(['SCHEDULED']);
  });
});

describe('logs, queues and legacy endpoints', () => {
  it('adds raw-string logs (text/plain and JSON) and lists them', async () => {
    await start(t.app, 'tk_logs');
    const [task] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/tk_logs_task?timeout=1000' })
    ).json() as Task[];
    const plain = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task!.taskId}/log`,
      payload: 'step one',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.statusCode).toBe(200);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task!.taskId}/log`,
      payload: '"step two"',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.statusCode).toBe(200);
    const logs = (await t.app.inject({ url: `/api/tasks/${task!.taskId}/log` })).json();
    expect(logs.map((l: { log: string }) => l.log)).toEqual(['step one', 'step two']);
    expect(logs[0].taskId).toBe(task!.taskId);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/tasks/nope/log',
      payload: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('reports queue sizes, poll data and requeues pending tasks', async () => {
    await start(t.app, 'tk_queue');
    await start(t.app, 'tk_queue');
    const sizes = (
      await t.app.inject({ url: '/api/tasks/queue/sizes?taskType=tk_queue_task&taskType=other' })
    ).json();
    expect(sizes).toEqual({ tk_queue_task: 2, other: 0 });
    expect(
      (await t.app.inject({ url: '/api/tasks/queue/size?taskType=tk_queue_task' })).json(),
    ).toBe(2);
    expect((await t.app.inject({ url: '/api/tasks/queue/all' })).json().tk_queue_task).toBe(2);
    expect(
      (await t.app.inject({ url: '/api/tasks/queue/all/verbose' })).json().tk_queue_task,
    ).toBeDefined();
    await t.app.inject({ url: '/api/tasks/poll/batch/tk_queue_task?timeout=0&workerid=poller-1' });
    const pd = (
      await t.app.inject({ url: '/api/tasks/queue/polldata?taskType=tk_queue_task' })
    ).json();
    expect(pd[0]).toMatchObject({ queueName: 'tk_queue_task', workerId: 'poller-1' });
    expect(
      (await t.app.inject({ url: '/api/tasks/queue/polldata/all' })).json().length,
    ).toBeGreaterThan(0);
    const requeue = await t.app.inject({
      method: 'POST',
      url: '/api/tasks/queue/requeue/tk_queue_task',
    });
    expect(requeue.statusCode).toBe(200);
    expect(requeue.headers['content-type']).toMatch(/^text\/plain/);
    expect(requeue.body).toBe('1');
  });

  it('serves the legacy in-progress and ack endpoints', async () => {
    const id = await start(t.app, 'tk_legacy');
    const [task] = (
      await t.app.inject({ url: '/api/tasks/poll/batch/tk_legacy_task?timeout=1000' })
    ).json() as Task[];
    const inProgress = (
      await t.app.inject({ url: '/api/tasks/in_progress/tk_legacy_task' })
    ).json();
    expect(inProgress.map((x: Task) => x.taskId)).toContain(task!.taskId);
    const byRef = (
      await t.app.inject({ url: `/api/tasks/in_progress/${id}/tk_legacy_task_ref` })
    ).json();
    expect(byRef.taskId).toBe(task!.taskId);
    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task!.taskId}/ack?workerid=w`,
    });
    expect(ack.body).toBe('true');
  });
});
