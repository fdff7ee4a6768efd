/** Conductor's `/api/queue` (QueueAdminResource): event queue sizes and WAIT/HUMAN updates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDef } from '@baton/engine';
import { createTestApp, register, start } from './helpers.js';
import type { TestApp } from './helpers.js';

let t: TestApp;

const def: WorkflowDef = {
  name: 'queue_update',
  version: 1,
  schemaVersion: 2,
  ownerEmail: 'test@example.com',
  tasks: [
    { name: 'hold', taskReferenceName: 'hold_ref', type: 'WAIT', inputParameters: {} },
    { name: 'approve', taskReferenceName: 'approve_ref', type: 'HUMAN', inputParameters: {} },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  await register(t.app, def);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

async function workflow(id: string) {
  const res = await t.app.inject({ url: `/api/workflow/${id}?includeTasks=true` });
  return res.json() as {
    status: string;
    tasks: Array<{
      taskId: string;
      referenceTaskName: string;
      status: string;
      outputData: Record<string, unknown>;
    }>;
  };
}

describe('/api/queue', () => {
  it('completes a WAIT task by reference name and a HUMAN task by id, merging the body', async () => {
    const id = await start(t.app, 'queue_update');
    const byRef = await t.app.inject({
      method: 'POST',
      url: `/api/queue/update/${id}/hold_ref/COMPLETED`,
      payload: { approvedBy: 'ops' },
    });
    expect(byRef.statusCode).toBe(200);
    expect(byRef.body).toBe('');
    let wf = await workflow(id);
    expect(wf.tasks[0]).toMatchObject({ status: 'COMPLETED', outputData: { approvedBy: 'ops' } });
    const human = wf.tasks.find((task) => task.referenceTaskName === 'approve_ref');
    expect(human?.status).toBe('IN_PROGRESS');

    const byId = await t.app.inject({
      method: 'POST',
      url: `/api/queue/update/${id}/task/${human?.taskId}/FAILED`,
      payload: { reason: 'rejected' },
    });
    expect(byId.statusCode).toBe(200);
    wf = await workflow(id);
    expect(wf.tasks[1]).toMatchObject({ status: 'FAILED', outputData: { reason: 'rejected' } });
    expect(wf.status).toBe('FAILED');
  });

  it('reports the size of the event queue and no default update queues', async () => {
    const size = await t.app.inject({ url: '/api/queue/size' });
    expect(size.statusCode).toBe(200);
    expect(size.json()).toEqual({ _eventQueue: 0 });
    const names = await t.app.inject({ url: '/api/queue/' });
    expect(names.statusCode).toBe(200);
    expect(names.json()).toEqual({});
  });

  it('refuses bad statuses, bodies, unknown workflows and tasks (hostile input)', async () => {
    const id = await start(t.app, 'queue_update');
    const post = (url: string, payload: unknown = {}) =>
      t.app.inject({ method: 'POST', url, payload: payload as object });

    const badStatus = await post(`/api/queue/update/${id}/hold_ref/IN_PROGRESS`);
    expect(badStatus.statusCode).toBe(400);
    expect(JSON.stringify(badStatus.json().validationErrors)).toContain('status');
    const notAMap = await t.app.inject({
      method: 'POST',
      url: `/api/queue/update/${id}/hold_ref/COMPLETED`,
      payload: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    expect(notAMap.statusCode).toBe(400);
    expect((await post(`/api/queue/update/nope/hold_ref/COMPLETED`)).json().code).toBe(
      'WORKFLOW_NOT_FOUND',
    );
    expect((await post(`/api/queue/update/${id}/missing_ref/COMPLETED`)).statusCode).toBe(404);
    expect((await post(`/api/queue/update/${id}/task/no-such-task/COMPLETED`)).statusCode).toBe(
      404,
    );

    // A task id of another workflow, and a task that has already ended.
    const other = await start(t.app, 'queue_update');
    const otherTask = (await workflow(other)).tasks[0]?.taskId;
    const crossed = await post(`/api/queue/update/${id}/task/${otherTask}/COMPLETED`);
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().code).toBe('TASK_NOT_FOUND');
    expect((await post(`/api/queue/update/${other}/task/${otherTask}/COMPLETED`)).statusCode).toBe(
      200,
    );
    expect((await post(`/api/queue/update/${other}/task/${otherTask}/COMPLETED`)).statusCode).toBe(
      404,
    );
    // Nothing was changed by the refused requests.
    expect((await workflow(id)).tasks.map((task) => task.status)).toEqual(['IN_PROGRESS']);
  });
});
