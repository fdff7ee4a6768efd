import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Redis } from 'ioredis';
import { RedisTaskQueue } from '../../src/index.js';
import './provided-context.js';
import { connect, dropKeys, randomKeys } from './support.js';

const keys = randomKeys();
let client: Redis;

beforeAll(() => {
  client = connect(inject('redisUrl'));
});

afterAll(async () => {
  await dropKeys(client, keys);
  await client.quit();
});

function queueAt(clock: { time: number }) {
  return new RedisTaskQueue({ client, keys, clock: { now: () => clock.time } });
}

/** An id in affinity slot `slot` (its last two hex digits). */
const inSlot = (name: string, slot: number) => `${name}_${slot.toString(16).padStart(2, '0')}`;

describe('a pop that prefers the messages of its own process (several processes)', () => {
  it('takes its own slots first and fills the batch with the others', async () => {
    const clock = { time: 1_000_000 };
    const queue = queueAt(clock);
    const q = `prefer-${Math.random()}`;
    // Process 0 of 2 owns even slots. Oldest first: odd, odd, even, no slot, even.
    const ids = [inSlot('a', 1), inSlot('b', 3), inSlot('c', 4), 'd-custom', inSlot('e', 0xfe)];
    for (const id of ids) {
      clock.time += 1;
      await queue.push(q, [{ id, priority: 0, delayMs: 0 }]);
    }
    const prefer = { processes: 2, index: 0, othersAfterMs: 0 };
    expect(await queue.pop(q, 2, 60_000, prefer)).toEqual([inSlot('c', 4), 'd-custom']);
    expect(await queue.pop(q, 2, 60_000, prefer)).toEqual([inSlot('e', 0xfe), inSlot('a', 1)]);
    // Without a preference the order is the plain one.
    expect(await queue.pop(q, 5, 60_000)).toEqual([inSlot('b', 3)]);
    // A sub-workflow's id counts by the digits before its retry number.
    await queue.push(q, [
      { id: `${inSlot('f', 1)}-0`, priority: 0, delayMs: 0 },
      { id: `${inSlot('g', 2)}-12`, priority: 0, delayMs: 0 },
    ]);
    expect(await queue.pop(q, 1, 60_000, prefer)).toEqual([`${inSlot('g', 2)}-12`]);
  });

  it("leaves another process's messages to it until they have waited long enough", async () => {
    const clock = { time: 2_000_000 };
    const queue = queueAt(clock);
    const q = `grace-${Math.random()}`;
    await queue.push(q, [
      { id: inSlot('x', 1), priority: 0, delayMs: 0 },
      { id: inSlot('y', 2), priority: 0, delayMs: 0 },
    ]);
    const prefer = { processes: 2, index: 0, othersAfterMs: 5_000 };
    expect(await queue.pop(q, 10, 60_000, prefer)).toEqual([inSlot('y', 2)]);
    clock.time += 4_999;
    expect(await queue.pop(q, 10, 60_000, prefer)).toEqual([]);
    clock.time += 1;
    expect(await queue.pop(q, 10, 60_000, prefer)).toEqual([inSlot('x', 1)]);
  });

  it('keeps priorities among its own messages', async () => {
    const clock = { time: 3_000_000 };
    const queue = queueAt(clock);
    const q = `prio-${Math.random()}`;
    await queue.push(q, [
      { id: inSlot('low', 2), priority: 0, delayMs: 0 },
      { id: inSlot('other', 3), priority: 90, delayMs: 0 },
      { id: inSlot('high', 4), priority: 50, delayMs: 0 },
    ]);
    const prefer = { processes: 2, index: 0, othersAfterMs: 0 };
    expect(await queue.pop(q, 3, 60_000, prefer)).toEqual([
      inSlot('high', 4),
      inSlot('low', 2),
      inSlot('other', 3),
    ]);
  });
});
