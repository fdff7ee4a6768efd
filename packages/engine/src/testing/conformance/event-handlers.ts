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

    it('prunes finished event records by age and by count, never RETRYING ones', async () => {
      const record = (status: 'RETRYING' | 'FAILED' | 'COMPLETED', updateTime: number) => ({
        id: uniqueName('prune'),
        event: 'conductor:x',
        payload: {},
        status,
        attempts: 1,
        done: [],
        errors: [],
        createTime: 0,
        updateTime,
      });
      const retrying = record('RETRYING', 1);
      const failed = record('FAILED', 2);
      const completed = record('COMPLETED', 3);
      const fresh = record('COMPLETED', 9_100_000_000_000);
      for (const r of [retrying, failed, completed, fresh]) await handlers().saveEventExecution(r);
      const exists = async (r: { id: string }) =>
        (await handlers().getEventExecution(r.id)) !== null;

      // By age, oldest first, at most `limit`.
      const keepAll = 1_000_000_000;
      expect(
        await handlers().pruneEventExecutions({ updatedBefore: 10, keep: keepAll, limit: 1 }),
      ).toBe(1);
      expect([await exists(failed), await exists(completed)]).toEqual([false, true]);
      expect(
        await handlers().pruneEventExecutions({ updatedBefore: 10, keep: keepAll, limit: 100 }),
      ).toBeGreaterThanOrEqual(1);
      expect(await exists(completed)).toBe(false);
      expect(await exists(retrying)).toBe(true);
      expect(await exists(fresh)).toBe(true);

      // By count: keeping one fewer than the finished records removes only the oldest of them.
      const oldest = record('FAILED', 4);
      await handlers().saveEventExecution(oldest);
      const finished = [
        ...(await handlers().listEventExecutions({ status: 'FAILED', limit: keepAll })),
        ...(await handlers().listEventExecutions({ status: 'COMPLETED', limit: keepAll })),
      ].length;
      expect(
        await handlers().pruneEventExecutions({ updatedBefore: 0, keep: finished - 1, limit: 100 }),
      ).toBe(1);
      expect(await exists(oldest)).toBe(false);
      expect(await exists(fresh)).toBe(true);
      expect(await exists(retrying)).toBe(true);
    });
  });
}
