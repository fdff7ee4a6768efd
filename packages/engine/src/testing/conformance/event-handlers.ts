/**
 * EventHandlerStore conformance: the same answers and error codes on every adapter. Names are
 * unique per test, as several tests share one database.
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { EventHandler } from '../../model/event-handler.js';
import type { EventHandlerStore } from '../../ports/event-handler-store.js';
import { errorCodeOf, uniqueName, type ConformanceStores } from './fixtures.js';

const handler = (name: string, event: string, active = true): EventHandler => ({
  name,
  event,
  active,
  condition: '$.a == 1',
  actions: [{ action: 'start_workflow', start_workflow: { name: 'w', input: { x: '${x}' } } }],
});

export function describeEventHandlerConformance(stores: () => ConformanceStores): void {
  const handlers = (): EventHandlerStore => stores().eventHandlers!;

  describe('event handlers', () => {
    it('adds, lists by event (active only or all), updates and removes', async () => {
      const event = `nats:${uniqueName('subject')}`;
      const [a, b] = [uniqueName('ha'), uniqueName('hb')];
      await handlers().addEventHandler(handler(a, event));
      await handlers().addEventHandler(handler(b, event, false));
      expect(await handlers().listEventHandlersForEvent(event, true)).toEqual([handler(a, event)]);
      expect(
        (await handlers().listEventHandlersForEvent(event, false)).map((h) => h.name).sort(),
      ).toEqual([a, b].sort());
      const all = (await handlers().listEventHandlers()).map((h) => h.name);
      expect(all).toEqual(expect.arrayContaining([a, b]));
      await handlers().updateEventHandler(handler(b, event, true));
      expect(await handlers().listEventHandlersForEvent(event, true)).toHaveLength(2);
      await handlers().removeEventHandler(a);
      expect((await handlers().listEventHandlersForEvent(event, false)).map((h) => h.name)).toEqual(
        [b],
      );
    });

    it('raises EVENT_HANDLER_EXISTS and EVENT_HANDLER_NOT_FOUND, changing nothing', async () => {
      const event = `nats:${uniqueName('subject')}`;
      const name = uniqueName('h');
      await handlers().addEventHandler(handler(name, event));
      expect(await errorCodeOf(handlers().addEventHandler(handler(name, 'nats:other')))).toBe(
        'EVENT_HANDLER_EXISTS',
      );
      expect(await handlers().listEventHandlersForEvent(event, true)).toHaveLength(1);
      const absent = uniqueName('absent');
      expect(await errorCodeOf(handlers().updateEventHandler(handler(absent, event)))).toBe(
        'EVENT_HANDLER_NOT_FOUND',
      );
      expect(await errorCodeOf(handlers().removeEventHandler(absent))).toBe(
        'EVENT_HANDLER_NOT_FOUND',
      );
    });

    it('keeps event records by id, newest first, filtered by status', async () => {
      const id = uniqueName('msg');
      const base = {
        id,
        event: 'nats:x',
        payload: { text: 'é 😀 \u0000', n: [1, { deep: true }] },
        status: 'RETRYING' as const,
        attempts: 1,
        done: ['h#0'],
        errors: [{ handler: 'h', action: 'start_workflow', index: 1, message: 'boom' }],
        nextAttemptTime: 5_000,
        createTime: 1_000,
        updateTime: 9_000_000_000_000,
      };
      await handlers().saveEventExecution(base);
      expect(await handlers().getEventExecution(id)).toEqual(base);
      const done = {
        ...base,
        status: 'COMPLETED' as const,
        attempts: 2,
        updateTime: 9_000_000_000_001,
      };
      delete (done as { nextAttemptTime?: number }).nextAttemptTime;
      await handlers().saveEventExecution(done);
      expect(await handlers().getEventExecution(id)).toEqual(done);
      expect((await handlers().listEventExecutions({ status: 'COMPLETED', limit: 1 }))[0]).toEqual(
        done,
      );
      expect(
        (await handlers().listEventExecutions({ status: 'RETRYING', limit: 1000 })).some(
          (r) => r.id === id,
        ),
      ).toBe(false);
      expect(await handlers().getEventExecution(uniqueName('none'))).toBeNull();
    });
  });
}
