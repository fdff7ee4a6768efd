import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { ExecutionEvent } from '@baton/engine';
import { RedisEventBus } from '../../src/redis/redis-event-bus.js';
import { connect, randomKeys } from './support.js';

const keys = randomKeys();
const client = connect(inject('redisUrl'));
/** The messages the bus PUBLISHed, in order. */
const messages: string[] = [];
const publish = client.publish.bind(client);
client.publish = ((channel: string, message: string) => {
  messages.push(message);
  return publish(channel, message);
}) as typeof client.publish;

function event(workflowId: string, status: ExecutionEvent['status']): ExecutionEvent {
  return {
    type: 'workflow',
    workflowId,
    workflowName: 'wf',
    workflowVersion: 1,
    status,
    time: 1,
    parentWorkflowId: null,
    reasonForIncompletion: null,
  } as ExecutionEvent;
}

afterAll(() => {
  client.disconnect();
});

describe('RedisEventBus', () => {
  it('sends what is published in one turn as one message, in order, and later turns apart', async () => {
    const bus = new RedisEventBus(client, keys);
    const received: ExecutionEvent[] = [];
    const stop = bus.subscribe((e) => received.push(e));
    try {
      await Promise.all([
        bus.publish([event('a', 'RUNNING')]),
        bus.publish([event('a', 'COMPLETED'), event('b', 'RUNNING')]),
        bus.publish([event('b', 'FAILED')]),
      ]);
      await bus.publish([event('c', 'RUNNING')]);
      await expect.poll(() => received.length, { timeout: 5_000 }).toBe(5);
      expect(received.map((e) => `${e.workflowId}:${e.status}`)).toEqual([
        'a:RUNNING',
        'a:COMPLETED',
        'b:RUNNING',
        'b:FAILED',
        'c:RUNNING',
      ]);
      expect(messages.map((m) => (JSON.parse(m) as unknown[]).length)).toEqual([4, 1]);
    } finally {
      stop();
      await bus.close();
    }
  });

  it('fails every publish of a turn when Redis cannot take the message', async () => {
    const closed = connect(inject('redisUrl'));
    closed.disconnect();
    const bus = new RedisEventBus(closed, keys);
    const results = await Promise.allSettled([
      bus.publish([event('x', 'RUNNING')]),
      bus.publish([event('y', 'RUNNING')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await bus.close();
  });
});
