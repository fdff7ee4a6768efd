/**
 * The `conductor:` sink end to end on a real server, on PGlite and on Redis + Postgres: an EVENT
 * task's message reaches the handlers through the durable queue; the actions run with `${...}`
 * from the payload; a failing handler is recorded, counted, visible and retried until it works;
 * a message published while no server consumes survives a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPgliteStores, createRedisPostgresStores } from '@baton/stores';
import { EVENT_QUEUE } from '@baton/engine';
import type { Workflow, WorkflowDef } from '@baton/engine';
import { createTestApp, register, start } from './helpers.js';
import type { TestApp } from './helpers.js';

const BACKGROUND = { background: { sweepIntervalMs: 100, systemTaskIntervalMs: 50 } };

const publisher = (name: string): WorkflowDef => ({
  name,
  version: 1,
  schemaVersion: 2,
  ownerEmail: 'test@example.com',
  tasks: [
    {
      name: 'publish',
      taskReferenceName: 'publish_ref',
      type: 'EVENT',
      sink: 'conductor',
      inputParameters: {
        orderId: '${workflow.input.orderId}',
        status: '${workflow.input.status}',
        target: '${workflow.input.target}',
      },
    },
  ],
});

const waiter = (name: string): WorkflowDef => ({
  name,
  version: 1,
  schemaVersion: 2,
  ownerEmail: 'test@example.com',
  tasks: [{ name: 'hold', taskReferenceName: 'hold_ref', type: 'WAIT' }],
});

async function until<T>(read: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const backends: Array<[string, () => Promise<TestApp>]> = [
  ['PGlite', () => createTestApp(BACKGROUND)],
  [
    'Redis + Postgres',
    async () => {
      const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
      const stores = await createRedisPostgresStores({
        redis: inject('redisUrl'),
        databaseUrl: inject('databaseUrl'),
        schema: `evp_${suffix}`,
        keyPrefix: `evp-${suffix}:`,
        indexIntervalMs: 50,
      });
      return createTestApp(BACKGROUND, stores);
    },
  ],
];

describe.each(backends)('conductor: events on %s', (_label, open) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await open();
    await register(t.app, publisher('evp_pub'));
    await register(t.app, waiter('evp_waiter'));
    await register(t.app, waiter('evp_follow'));
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const workflow = async (id: string): Promise<Workflow> =>
    (await t.app.inject({ url: `/api/workflow/${id}?includeTasks=true` })).json() as Workflow;
  const correlated = async (name: string, id: string): Promise<Workflow[]> =>
    (
      await t.app.inject({ url: `/api/workflow/${name}/correlated/${id}?includeClosed=true` })
    ).json() as Workflow[];

  it('runs the actions of matching active handlers with ${...} from the payload', async () => {
    const handler = {
      name: 'evp_main',
      event: 'conductor:evp_pub:publish_ref',
      condition: '$.status === "ok"',
      active: true,
      actions: [
        {
          action: 'start_workflow',
          start_workflow: {
            name: 'evp_follow',
            correlationId: '${orderId}',
            input: { orderId: '${orderId}', from: '${workflowInstanceId}' },
          },
        },
        {
          action: 'update_workflow_variables',
          update_workflow_variables: { workflowId: '${target}', variables: { seen: '${orderId}' } },
        },
        {
          action: 'complete_task',
          complete_task: {
            workflowId: '${target}',
            taskRefName: 'hold_ref',
            output: { by: 'event', order: '${orderId}' },
          },
        },
      ],
    };
    const inactive = { ...handler, name: 'evp_inactive', active: false };
    for (const h of [handler, inactive]) {
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/event', payload: h })).statusCode,
      ).toBe(200);
    }
    const target = await start(t.app, 'evp_waiter');
    const skipped = await start(t.app, 'evp_pub', { orderId: 'o-skip', status: 'no', target });
    const pub = await start(t.app, 'evp_pub', { orderId: 'o-1', status: 'ok', target });

    const done = await until(async () => {
      const w = await workflow(target);
      return w.status === 'COMPLETED' ? w : undefined;
    });
    expect(done.variables).toMatchObject({ seen: 'o-1' });
    expect(done.tasks[0]!.outputData).toMatchObject({
      by: 'event',
      order: 'o-1',
      'conductor.event.name': 'conductor:evp_pub:publish_ref',
    });
    const [follow] = await until(async () => {
      const list = await correlated('evp_follow', 'o-1');
      return list.length > 0 ? list : undefined;
    });
    const eventTask = (await workflow(pub)).tasks[0]!;
    expect(follow!.input).toMatchObject({
      orderId: 'o-1',
      from: pub,
      'conductor.event.messageId': eventTask.taskId,
    });
    // One start only (the inactive twin did nothing), none for the message whose condition failed.
    expect(await correlated('evp_follow', 'o-1')).toHaveLength(1);
    expect((await workflow(skipped)).status).toBe('COMPLETED');
    expect(await correlated('evp_follow', 'o-skip')).toHaveLength(0);
    await until(async () => ((await t.stores.queue.size(EVENT_QUEUE)) === 0 ? true : undefined));
  });

  it('records, counts and retries a failing handler until it succeeds', async () => {
    await register(t.app, publisher('evp_pub2'));
    const handler = {
      name: 'evp_late',
      event: 'conductor:evp_pub2:publish_ref',
      active: true,
      actions: [
        {
          action: 'start_workflow',
          start_workflow: { name: 'evp_later', correlationId: '${orderId}' },
        },
      ],
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/event', payload: handler })).statusCode,
    ).toBe(200);
    await start(t.app, 'evp_pub2', { orderId: 'o-late' });

    const failing = await until(async () => {
      const list = (
        await t.app.inject({ url: '/api/event/executions?status=RETRYING' })
      ).json() as Array<{
        event: string;
        attempts: number;
        errors: Array<{ handler: string; message: string }>;
      }>;
      return list.find((r) => r.event === 'conductor:evp_pub2:publish_ref');
    });
    expect(failing.errors[0]).toMatchObject({ handler: 'evp_late' });
    expect(failing.errors[0]!.message).toContain('evp_later');
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(
      /baton_event_handler_failures_total\{event="conductor:evp_pub2:publish_ref",handler="evp_late"\} [1-9]/,
    );

    await register(t.app, waiter('evp_later'));
    await until(async () => {
      const list = await correlated('evp_later', 'o-late');
      return list.length > 0 ? list : undefined;
    });
    const recovered = await until(async () => {
      const list = (
        await t.app.inject({ url: '/api/event/executions?status=COMPLETED' })
      ).json() as Array<{
        event: string;
        attempts: number;
      }>;
      return list.find((r) => r.event === 'conductor:evp_pub2:publish_ref');
    });
    expect(recovered.attempts).toBeGreaterThanOrEqual(2);
    expect(await correlated('evp_later', 'o-late')).toHaveLength(1);
  }, 30_000);

  it('fails a task and terminates a workflow named in the payload', async () => {
    await register(t.app, publisher('evp_pub3'));
    const handler = {
      name: 'evp_stop',
      event: 'conductor:evp_pub3:publish_ref',
      active: true,
      actions: [
        {
          action: 'fail_task',
          fail_task: {
            workflowId: '${target}',
            taskRefName: 'hold_ref',
            reasonForIncompletion: 'order ${orderId} refused',
          },
        },
        {
          action: 'terminate_workflow',
          terminate_workflow: { workflowId: '${status}', terminationReason: 'by ${orderId}' },
        },
      ],
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/event', payload: handler })).statusCode,
    ).toBe(200);
    const toFail = await start(t.app, 'evp_waiter');
    const toTerminate = await start(t.app, 'evp_waiter');
    // `status` carries the id to terminate (the publisher passes three inputs through).
    await start(t.app, 'evp_pub3', { orderId: 'o-3', target: toFail, status: toTerminate });
    const failed = await until(async () => {
      const w = await workflow(toFail);
      return w.status === 'FAILED' ? w : undefined;
    });
    expect(failed.tasks[0]).toMatchObject({
      status: 'FAILED',
      reasonForIncompletion: 'order o-3 refused',
    });
    const terminated = await until(async () => {
      const w = await workflow(toTerminate);
      return w.status === 'TERMINATED' ? w : undefined;
    });
    expect(terminated.reasonForIncompletion).toContain('by o-3');
  });

  it('refuses bad execution listing queries', async () => {
    for (const q of ['status=DONE', 'limit=0', 'limit=100000', 'limit=x']) {
      expect((await t.app.inject({ url: `/api/event/executions?${q}` })).statusCode, q).toBe(400);
    }
  });
});

describe('conductor: events across a restart (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-events-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('delivers a message published while no server consumed, after the restart', async () => {
    // First server: no background work, so nothing consumes the queue.
    const first = await createTestApp({}, await createPgliteStores({ dataDir }));
    await register(first.app, publisher('evr_pub'));
    await register(first.app, waiter('evr_follow'));
    await first.app.inject({
      method: 'POST',
      url: '/api/event',
      payload: {
        name: 'evr',
        event: 'conductor:evr_pub:publish_ref',
        active: true,
        actions: [
          {
            action: 'start_workflow',
            start_workflow: { name: 'evr_follow', correlationId: '${orderId}' },
          },
        ],
      },
    });
    const pubId = await start(first.app, 'evr_pub', { orderId: 'o-r' });
    expect(await first.stores.queue.size(EVENT_QUEUE)).toBe(1);
    // Hostile: the event queue is the server's own; workers can neither poll nor remove from it.
    const polled = await first.app.inject({
      url: `/api/tasks/poll/batch/${EVENT_QUEUE}?timeout=100`,
    });
    expect(polled.json()).toEqual([]);
    const published = await first.executor.getWorkflow(pubId, { includeTasks: true });
    const messageId = published.tasks[0]!.taskId;
    expect(await first.stores.queue.contains(EVENT_QUEUE, messageId)).toBe(true);
    const removed = await first.app.inject({
      method: 'DELETE',
      url: `/api/tasks/queue/${EVENT_QUEUE}/${messageId}`,
    });
    expect(removed.statusCode).toBe(400);
    // The backlog shows in Baton's queue depth, not in Conductor's task queue depth.
    const metrics = (await first.app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain(`baton_queue_depth{queue="${EVENT_QUEUE}"} 1`);
    expect(metrics).not.toContain(`task_queue_depth{taskType="${EVENT_QUEUE}"`);
    expect(await first.stores.queue.size(EVENT_QUEUE)).toBe(1);
    await first.app.close();
    await first.stores.close();

    const second = await createTestApp(BACKGROUND, await createPgliteStores({ dataDir }));
    try {
      const list = await until(async () => {
        const res = (
          await second.app.inject({
            url: '/api/workflow/evr_follow/correlated/o-r?includeClosed=true',
          })
        ).json() as Workflow[];
        return res.length > 0 ? res : undefined;
      });
      expect(list).toHaveLength(1);
    } finally {
      await second.app.close();
      await second.stores.close();
    }
  }, 60_000);
});
