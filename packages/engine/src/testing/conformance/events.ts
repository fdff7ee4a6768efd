import { describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '../../ports/event-bus.js';
import { sleep, uniqueName, type GetStores } from './fixtures.js';

/** EventBus: every subscriber gets published events; unsubscribing stops delivery. */
export function describeEventConformance(stores: GetStores): void {
  describe('event bus', () => {
    it('delivers published events to every subscriber until it unsubscribes', async () => {
      const { events } = stores();
      if (!events) throw new Error('no event bus: pass { events: false } to runStoreConformance');
      const workflowId = uniqueName('wf');
      const event: ExecutionEvent = {
        type: 'workflow',
        workflowId,
        workflowName: 'w',
        workflowVersion: 1,
        status: 'COMPLETED',
        time: 5,
      };
      const first: ExecutionEvent[] = [];
      const second: ExecutionEvent[] = [];
      const offFirst = events.subscribe((e) => e.workflowId === workflowId && first.push(e));
      const offSecond = events.subscribe((e) => e.workflowId === workflowId && second.push(e));
      await events.publish([event, { ...event, status: 'FAILED' }]);
      await eventually(() => first.length === 2 && second.length === 2);
      expect(first.map((e) => e.status)).toEqual(['COMPLETED', 'FAILED']);
      expect(first[0]).toEqual(event);

      offFirst();
      await events.publish([{ ...event, status: 'TERMINATED' }]);
      await eventually(() => second.length === 3);
      await sleep(100);
      expect(first).toHaveLength(2);
      offSecond();
    });
  });
}

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(20);
  }
}
