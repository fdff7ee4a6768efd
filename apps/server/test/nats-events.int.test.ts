/**
 * NATS events on a real server with its own nats-server: an EVENT task's `nats:<subject>` sink
 * publishes to NATS, the server's subscription hands the message to the handlers of
 * `nats:<subject>`, and a failing handler is retried from its stored record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import type { Workflow, WorkflowDef } from '@baton/engine';
import { startNats, type NatsService } from './workload/services.js';
import { NatsEvents } from '../src/events/nats-events.js';
import { createTestApp, openPgliteStores, register, start } from './helpers.js';
import type { TestApp } from './helpers.js';

let nats: NatsService;
let t: TestApp;
let probe: NatsConnection;

const def = (name: string, tasks: WorkflowDef['tasks']): WorkflowDef => ({
  name,
  version: 1,
  schemaVersion: 2,
  ownerEmail: 'test@example.com',
  tasks,
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

beforeAll(async () => {
  nats = await startNats();
  probe = await connect({ servers: nats.url });
  const natsEvents = await NatsEvents.connect(nats.url);
  t = await createTestApp(
    {
      background: { sweepIntervalMs: 100, systemTaskIntervalMs: 50 },
      nats: natsEvents,
      natsRefreshMs: 100,
    },
    await openPgliteStores(),
    { nats: natsEvents },
  );
  await register(
    t.app,
    def('nats_pub', [
      {
        name: 'publish',
        taskReferenceName: 'publish_ref',
        type: 'EVENT',
        sink: 'nats:orders.${workflow.input.kind}',
        inputParameters: { orderId: '${workflow.input.orderId}' },
      },
    ]),
  );
  await register(
    t.app,
    def('nats_follow', [{ name: 'hold', taskReferenceName: 'hold_ref', type: 'WAIT' }]),
  );
}, 300_000);
afterAll(async () => {
  await t?.close();
  await probe?.close();
  await nats?.stop();
});

const correlated = async (name: string, id: string): Promise<Workflow[]> =>
  (
    await t.app.inject({ url: `/api/workflow/${name}/correlated/${id}?includeClosed=true` })
  ).json() as Workflow[];

describe('NATS events', () => {
  it('publishes an EVENT task payload as JSON to the subject', async () => {
    const sub = probe.subscribe('orders.raw', { max: 1 });
    await probe.flush();
    const id = await start(t.app, 'nats_pub', { orderId: 'n-0', kind: 'raw' });
    for await (const msg of sub) {
      expect(JSON.parse(new TextDecoder().decode(msg.data))).toMatchObject({
        orderId: 'n-0',
        workflowInstanceId: id,
        workflowType: 'nats_pub',
      });
    }
    const w = (await t.app.inject({ url: `/api/workflow/${id}` })).json() as Workflow;
    expect(w.status).toBe('COMPLETED');
  });

  it('runs the handlers of nats:<subject> for a message from an EVENT task or any publisher', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/event',
      payload: {
        name: 'nats_h',
        event: 'nats:orders.created',
        active: true,
        actions: [
          {
            action: 'start_workflow',
            start_workflow: {
              name: 'nats_follow',
              correlationId: '${orderId}',
              input: { o: '${orderId}' },
            },
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    // The subscription follows the handlers within the refresh period.
    await new Promise((r) => setTimeout(r, 400));
    await start(t.app, 'nats_pub', { orderId: 'n-1', kind: 'created' });
    probe.publish('orders.created', new TextEncoder().encode(JSON.stringify({ orderId: 'n-2' })));
    for (const orderId of ['n-1', 'n-2']) {
      const [w] = await until(async () => {
        const list = await correlated('nats_follow', orderId);
        return list.length > 0 ? list : undefined;
      });
      expect(w!.input).toMatchObject({ o: orderId, 'conductor.event.name': 'nats:orders.created' });
    }
  });

  it('keeps a failing NATS message and retries it until it works', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/event',
      payload: {
        name: 'nats_late',
        event: 'nats:orders.late',
        active: true,
        actions: [
          {
            action: 'start_workflow',
            start_workflow: { name: 'nats_later', correlationId: '${orderId}' },
          },
        ],
      },
    });
    await new Promise((r) => setTimeout(r, 400));
    probe.publish('orders.late', new TextEncoder().encode(JSON.stringify({ orderId: 'n-late' })));
    const record = await until(async () => {
      const list = (
        await t.app.inject({ url: '/api/event/executions?status=RETRYING' })
      ).json() as Array<{
        event: string;
        payload: Record<string, unknown>;
      }>;
      return list.find((r) => r.event === 'nats:orders.late');
    });
    expect(record.payload).toEqual({ orderId: 'n-late' });
    await register(
      t.app,
      def('nats_later', [{ name: 'hold', taskReferenceName: 'hold_ref', type: 'WAIT' }]),
    );
    const list = await until(async () => {
      const found = await correlated('nats_later', 'n-late');
      return found.length > 0 ? found : undefined;
    });
    expect(list).toHaveLength(1);
  }, 30_000);

  it('records a hostile condition (an endless loop) and keeps handling other messages', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/event',
      payload: {
        name: 'nats_loop',
        event: 'nats:orders.loop',
        condition: 'while (true) {}',
        active: true,
        actions: [{ action: 'start_workflow', start_workflow: { name: 'nats_follow' } }],
      },
    });
    await new Promise((r) => setTimeout(r, 400));
    probe.publish('orders.loop', new Uint8Array([0xff, 0xfe, 0x00, 0x7b]));
    probe.publish('orders.created', new TextEncoder().encode('{"orderId":"n-after"}'));
    await until(async () => {
      const list = await correlated('nats_follow', 'n-after');
      return list.length > 0 ? list : undefined;
    });
    const record = await until(async () => {
      const list = (
        await t.app.inject({ url: '/api/event/executions?status=RETRYING' })
      ).json() as Array<{
        event: string;
        payload: Record<string, unknown>;
        errors: Array<{ handler: string; message: string }>;
      }>;
      return list.find((r) => r.event === 'nats:orders.loop');
    });
    expect(record.errors[0]!.handler).toBe('nats_loop');
    expect(record.errors[0]!.message).toMatch(/^condition: /);
    expect(typeof record.payload.payload).toBe('string');
  }, 30_000);

  it('fails an EVENT task whose NATS sink has no server configured', async () => {
    const bare = await createTestApp();
    try {
      await register(
        bare.app,
        def('nats_none', [
          { name: 'publish', taskReferenceName: 'p', type: 'EVENT', sink: 'nats:x' },
        ]),
      );
      const id = await start(bare.app, 'nats_none');
      const w = await until(async () => {
        const got = (
          await bare.app.inject({ url: `/api/workflow/${id}?includeTasks=true` })
        ).json() as Workflow;
        return got.status === 'RUNNING' ? undefined : got;
      });
      expect(w.tasks[0]!.reasonForIncompletion).toContain('BATON_NATS_URL');
    } finally {
      await bare.close();
    }
  });
});
