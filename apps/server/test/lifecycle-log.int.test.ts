/**
 * Lifecycle log lines at the default level (info): start, complete, fail, retry and time-out of
 * tasks and workflows with their ids and task type, and never a task's input or output.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@baton/engine';
import { createTestApp } from './helpers.js';
import type { TestApp } from './helpers.js';

const lines: Array<Record<string, unknown>> = [];
const raw: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  },
});

const IN_SECRET = 'IN-SECRET-4242';
const OUT_SECRET = 'OUT-SECRET-9191';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    logger: { level: 'info', stream: sink },
    background: { sweepIntervalMs: 100, systemTaskIntervalMs: 50 },
  });
  const taskdefs = await t.app.inject({
    method: 'POST',
    url: '/api/metadata/taskdefs',
    payload: [
      {
        name: 'll_flaky',
        retryCount: 1,
        retryLogic: 'FIXED',
        retryDelaySeconds: 0,
        responseTimeoutSeconds: 60,
        ownerEmail: 'test@example.com',
      },
      {
        name: 'll_slow',
        retryCount: 0,
        responseTimeoutSeconds: 1,
        timeoutSeconds: 0,
        ownerEmail: 'test@example.com',
      },
    ],
  });
  expect(taskdefs.statusCode).toBe(200);
  const def = await t.app.inject({
    method: 'POST',
    url: '/api/metadata/workflow',
    payload: {
      name: 'll_flow',
      version: 1,
      schemaVersion: 2,
      ownerEmail: 'test@example.com',
      tasks: [
        {
          name: 'll_flaky',
          taskReferenceName: 'flaky',
          inputParameters: { s: '${workflow.input.s}' },
        },
        {
          name: 'll_slow',
          taskReferenceName: 'slow',
          inputParameters: { s: '${workflow.input.s}' },
        },
      ],
    },
  });
  expect(def.statusCode).toBe(200);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

async function pollOne(type: string): Promise<Task> {
  for (let i = 0; i < 50; i++) {
    const [task] = (
      await t.app.inject({ url: `/api/tasks/poll/batch/${type}?timeout=200` })
    ).json() as Task[];
    if (task) return task;
  }
  throw new Error(`no ${type} task`);
}

async function update(task: Task, status: string): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/tasks',
    payload: {
      workflowInstanceId: task.workflowInstanceId,
      taskId: task.taskId,
      status,
      reasonForIncompletion: status === 'FAILED' ? 'boom' : undefined,
      outputData: { leak: OUT_SECRET },
    },
  });
  expect(res.statusCode).toBe(200);
}

describe('lifecycle logs', () => {
  it('log start, fail, retry, complete and time-outs with ids and no payloads', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/workflow',
      payload: { name: 'll_flow', input: { s: IN_SECRET } },
    });
    const workflowId = started.body;
    const first = await pollOne('ll_flaky');
    await update(first, 'FAILED');
    const second = await pollOne('ll_flaky');
    expect(second.retryCount).toBe(1);
    await update(second, 'COMPLETED');
    const slow = await pollOne('ll_slow');
    // No answer: the response timeout (1 s) times the task out, and with it the workflow.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (lines.some((l) => l['event'] === 'workflow.timeout' && l['workflowId'] === workflowId))
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const mine = lines.filter((l) => l['workflowId'] === workflowId);
    const seen = (event: string, extra: Record<string, unknown> = {}) =>
      mine.find((l) => l['event'] === event && Object.entries(extra).every(([k, v]) => l[k] === v));

    expect(seen('workflow.start')).toMatchObject({ level: 30, workflowName: 'll_flow' });
    expect(seen('task.start', { taskId: first.taskId })).toMatchObject({
      taskType: 'll_flaky',
      referenceTaskName: 'flaky',
    });
    expect(seen('task.fail', { taskId: first.taskId })).toMatchObject({ taskType: 'll_flaky' });
    expect(seen('task.retry', { taskId: second.taskId })).toMatchObject({ retryCount: 1 });
    expect(seen('task.complete', { taskId: second.taskId })).toMatchObject({
      taskType: 'll_flaky',
    });
    expect(seen('task.timeout', { taskId: slow.taskId })).toMatchObject({ taskType: 'll_slow' });
    expect(seen('workflow.timeout')).toMatchObject({ level: 30, status: 'TIMED_OUT' });
    // Every lifecycle line is at info (30); no line holds a task's input or output.
    expect(mine.every((l) => l['level'] === 30)).toBe(true);
    const leaked = raw.filter((l) => l.includes(IN_SECRET) || l.includes(OUT_SECRET));
    expect(leaked).toEqual([]);
  });
});
