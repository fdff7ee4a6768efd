import { describe, expect, it } from 'vitest';
import { cachedReading } from './metrics.js';

/** A read that resolves when told to, counting its calls. */
function controlledRead() {
  const pending: Array<(value: number) => void> = [];
  let calls = 0;
  const read = () =>
    new Promise<number>((resolve) => {
      calls += 1;
      pending.push(resolve);
    });
  return { read, calls: () => calls, finish: (value: number) => pending.shift()?.(value) };
}

describe('cachedReading', () => {
  it('never runs two reads at once: callers during a slow read get the last value', async () => {
    let clock = 0;
    const r = controlledRead();
    const get = cachedReading(r.read, 1_000, () => clock);
    const first = get();
    // No value yet: a second caller waits for the same read.
    const second = get();
    r.finish(1);
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(r.calls()).toBe(1);
    clock = 5_000;
    const slow = get();
    // A slow read in flight: ten scrapes get the last value at once, and start nothing.
    const during = await Promise.all(Array.from({ length: 10 }, () => get()));
    expect(during).toEqual(Array(10).fill(1));
    expect(r.calls()).toBe(2);
    r.finish(2);
    expect(await slow).toBe(2);
    expect(await get()).toBe(2);
    expect(r.calls()).toBe(2);
  });

  it('reads again once the value is older than the limit; a failed read gives the last value and is not kept', async () => {
    let clock = 0;
    let calls = 0;
    let fail = false;
    const get = cachedReading(
      async () => {
        calls += 1;
        if (fail) throw new Error('search index unavailable');
        return calls;
      },
      1_000,
      () => clock,
    );
    expect(await get()).toBe(1);
    clock = 999;
    expect(await get()).toBe(1);
    clock = 1_000;
    expect(await get()).toBe(2);
    clock = 3_000;
    fail = true;
    expect(await get()).toBe(2);
    fail = false;
    // The failure was not cached: the next call reads again.
    expect(await get()).toBe(4);
    // With no value yet, a failed read fails.
    const empty = cachedReading(() => Promise.reject(new Error('down')), 1_000);
    await expect(empty()).rejects.toThrow('down');
  });
});
