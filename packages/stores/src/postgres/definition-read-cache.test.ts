import { describe, expect, it } from 'vitest';
import { DefinitionReadCache } from './definition-read-cache.js';
import type { SqlClient } from './sql-client.js';

/** A SqlClient whose LISTEN works (or fails) and whose NOTIFY does nothing. */
function fakeDb(listens: boolean): SqlClient {
  return {
    query: async () => ({ rows: [], rowCount: 0 }),
    exec: async () => undefined,
    transaction: () => Promise.reject(new Error('not used')),
    listen: () =>
      listens ? Promise.resolve(async () => undefined) : Promise.reject(new Error('no LISTEN')),
    close: async () => undefined,
  };
}

/** A loader that returns a new object at every call and counts them. */
function counting(): {
  loads: number;
  load: () => Promise<{ n: number; nested: { list: number[] } }>;
} {
  const counter = {
    loads: 0,
    load: async () => {
      counter.loads += 1;
      return { n: counter.loads, nested: { list: [counter.loads] } };
    },
  };
  return counter;
}

/** Reads until the cache serves from memory (the LISTEN becomes active after the first read). */
async function warm(cache: DefinitionReadCache): Promise<void> {
  await cache.read('warm', async () => null);
  await new Promise((resolve) => setImmediate(resolve));
}

describe('DefinitionReadCache', () => {
  it('hands every reader one deeply frozen object until a change', async () => {
    const cache = new DefinitionReadCache(fakeDb(true));
    await warm(cache);
    const source = counting();
    const first = await cache.read('task:a', source.load);
    expect(await cache.read('task:a', source.load)).toBe(first);
    expect(source.loads).toBe(1);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => first.nested.list.push(2)).toThrow(TypeError);
    await cache.changed();
    const next = await cache.read('task:a', source.load);
    expect(next).not.toBe(first);
    expect(next.n).toBe(2);
    await cache.close();
  });

  it('reads again after the maximum age', async () => {
    const cache = new DefinitionReadCache(fakeDb(true), { maxAgeMs: 1 });
    await warm(cache);
    const source = counting();
    const first = await cache.read('task:a', source.load);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await cache.read('task:a', source.load)).n).toBe(first.n + 1);
    await cache.close();
  });

  it('freezes results it cannot cache too', async () => {
    const cache = new DefinitionReadCache(fakeDb(false));
    const source = counting();
    const first = await cache.read('task:a', source.load);
    expect(Object.isFrozen(first.nested.list)).toBe(true);
    expect((await cache.read('task:a', source.load)).n).toBe(2);
    await cache.close();
  });
});
