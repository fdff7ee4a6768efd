import { describe, expect, it } from 'vitest';
import type { AbortSignalLike } from '../../ports/task-queue.js';
import { elapse, sleep, uniqueName, type GetStores } from './fixtures.js';

const msg = (id: string, priority = 0, delayMs = 0) => ({ id, priority, delayMs });

/** TaskQueue: priorities, delays, leases with redelivery, replacement, sizes and long polling. */
export function describeQueueConformance(stores: GetStores): void {
  describe('queue', () => {
    it('pops due messages by priority, then by due time, up to the count', async () => {
      const s = stores();
      const q = uniqueName('queue');
      await s.queue.push(q, [msg('low', 1)]);
      await elapse(s, 5);
      await s.queue.push(q, [msg('high', 90), msg('mid-old', 50)]);
      await elapse(s, 5);
      await s.queue.push(q, [msg('mid-new', 50)]);
      await elapse(s, 5);
      expect(await s.queue.pop(q, 3, 60_000)).toEqual(['high', 'mid-old', 'mid-new']);
      expect(await s.queue.pop(q, 3, 60_000)).toEqual(['low']);
      expect(await s.queue.pop(q, 3, 60_000)).toEqual([]);
      expect(await s.queue.pop(uniqueName('empty'), 1, 60_000)).toEqual([]);
    });

    it('keeps a delayed message hidden until its delay has passed', async () => {
      const s = stores();
      const q = uniqueName('queue');
      await s.queue.push(q, [msg('later', 0, 400)]);
      expect(await s.queue.pop(q, 1, 60_000)).toEqual([]);
      expect(await s.queue.contains(q, 'later')).toBe(true);
      await elapse(s, 600);
      expect(await s.queue.pop(q, 1, 60_000)).toEqual(['later']);
    });

    it('hands a leased message to nobody else and redelivers it when the lease ends', async () => {
      const s = stores();
      const q = uniqueName('queue');
      await s.queue.push(q, [msg('m')]);
      expect(await s.queue.pop(q, 1, 400)).toEqual(['m']);
      expect(await s.queue.pop(q, 1, 400)).toEqual([]);
      expect(await s.queue.size(q)).toBe(1);
      await elapse(s, 600);
      expect(await s.queue.pop(q, 1, 400)).toEqual(['m']);
      await s.queue.remove(q, 'm');
      await elapse(s, 600);
      expect(await s.queue.pop(q, 1, 400)).toEqual([]);
      expect(await s.queue.size(q)).toBe(0);
    });

    it('removes several messages at once, wherever they are, and skips absent ones', async () => {
      const s = stores();
      const q = uniqueName('queue');
      await s.queue.push(q, [msg('a-leased'), msg('b-due'), msg('c-delayed', 0, 60_000)]);
      await s.queue.push(q, [msg('d-kept')]);
      expect(await s.queue.pop(q, 1, 60_000)).toEqual(['a-leased']);
      await s.queue.removeMany(q, ['a-leased', 'b-due', 'missing', 'c-delayed']);
      await s.queue.removeMany(q, []);
      expect(await s.queue.size(q)).toBe(1);
      expect(await s.queue.pop(q, 5, 60_000)).toEqual(['d-kept']);
    });

    it('never gives one message to two concurrent pops', async () => {
      const s = stores();
      const q = uniqueName('queue');
      const all = Array.from({ length: 20 }, (_, i) => msg(`m${i}`));
      await s.queue.push(q, all);
      const popped = await Promise.all(Array.from({ length: 8 }, () => s.queue.pop(q, 5, 60_000)));
      const flat = popped.flat();
      expect(flat).toHaveLength(20);
      expect(new Set(flat).size).toBe(20);
    });

    it('replaces the priority and delay of a message pushed again, even while leased', async () => {
      const s = stores();
      const q = uniqueName('queue');
      await s.queue.push(q, [msg('a', 10), msg('b', 20)]);
      await s.queue.push(q, [msg('a', 30)]);
      expect(await s.queue.size(q)).toBe(2);
      expect(await s.queue.pop(q, 1, 60_000)).toEqual(['a']);
      await s.queue.push(q, [msg('a', 30, 0)]);
      expect(await s.queue.pop(q, 1, 60_000)).toEqual(['a']);
      await s.queue.push(q, [msg('b', 20, 400)]);
      expect(await s.queue.pop(q, 2, 60_000)).toEqual([]);
      await elapse(s, 600);
      expect(await s.queue.pop(q, 2, 60_000)).toEqual(['b']);
    });

    it('removes messages idempotently and reports contains, size and sizes', async () => {
      const s = stores();
      const [q1, q2] = [uniqueName('queue'), uniqueName('queue')];
      await s.queue.push(q1, [msg('x'), msg('y', 0, 60_000)]);
      await s.queue.push(q2, [msg('z')]);
      await s.queue.pop(q1, 1, 60_000);
      expect(await s.queue.contains(q1, 'x')).toBe(true);
      expect(await s.queue.contains(q1, 'z')).toBe(false);
      expect(await s.queue.size(q1)).toBe(2);
      const sizes = await s.queue.sizes();
      expect(sizes[q1]).toBe(2);
      expect(sizes[q2]).toBe(1);
      await s.queue.remove(q1, 'x');
      await s.queue.remove(q1, 'x');
      await s.queue.remove(q1, 'y');
      await s.queue.remove(uniqueName('none'), 'x');
      expect(await s.queue.contains(q1, 'x')).toBe(false);
      expect(await s.queue.size(q1)).toBe(0);
      expect((await s.queue.sizes())[q1]).toBeUndefined();
      expect(await s.queue.size(uniqueName('none'))).toBe(0);
    });

    it('wakes a waiter when a message is pushed to its queue', async () => {
      const s = stores();
      const q = uniqueName('queue');
      const started = Date.now();
      const waiting = s.queue.waitForMessages(q, 10_000);
      await sleep(100);
      await s.queue.push(q, [msg('m')]);
      await waiting;
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('wakes a waiter when a delayed message is due before the earliest one it knew of', async () => {
      const s = stores();
      const q = uniqueName('queue');
      await s.queue.push(q, [msg('late', 0, 60_000)]);
      const started = Date.now();
      const waiting = s.queue.waitForMessages(q, 10_000);
      await sleep(100);
      await s.queue.push(q, [msg('soon', 0, 300)]);
      await waiting;
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('lets a waiter time out when nothing arrives, and ends it early on abort', async () => {
      const s = stores();
      const q = uniqueName('queue');
      const started = Date.now();
      await s.queue.waitForMessages(q, 300);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(3_000);

      const controller = createAbortable();
      const abortedAt = Date.now();
      const waiting = s.queue.waitForMessages(q, 10_000, controller.signal);
      await sleep(50);
      controller.abort();
      await waiting;
      expect(Date.now() - abortedAt).toBeLessThan(5_000);
    });
  });
}

/** A minimal abort signal (the engine has no DOM types for AbortController). */
function createAbortable(): { signal: AbortSignalLike; abort(): void } {
  const listeners = new Set<() => void>();
  const signal = {
    aborted: false,
    addEventListener: (_type: 'abort', listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: 'abort', listener: () => void) => listeners.delete(listener),
  };
  return {
    signal,
    abort: () => {
      signal.aborted = true;
      for (const listener of [...listeners]) listener();
    },
  };
}
