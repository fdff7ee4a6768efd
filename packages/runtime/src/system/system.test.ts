import { describe, expect, it } from 'vitest';
import { InProcessEventSink } from './in-process-event-sink.js';
import type { PublishedEvent } from './in-process-event-sink.js';
import { SystemClock } from './system-clock.js';
import { UuidIdGenerator } from './uuid-id-generator.js';

describe('SystemClock', () => {
  it('returns the current epoch milliseconds', () => {
    const before = Date.now();
    const now = new SystemClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('UuidIdGenerator', () => {
  it('returns distinct version 4 UUIDs', () => {
    const ids = new UuidIdGenerator();
    const many = new Set(Array.from({ length: 1_000 }, () => ids.newId()));
    expect(many.size).toBe(1_000);
    for (const id of many)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('InProcessEventSink', () => {
  it('delivers published messages to every listener until it unsubscribes', async () => {
    const sink = new InProcessEventSink();
    const a: PublishedEvent[] = [];
    const b: PublishedEvent[] = [];
    const stopA = sink.subscribe((e) => void a.push(e));
    sink.subscribe((e) => void b.push(e));
    await sink.publish('conductor:wf:ref', { n: 1 });
    stopA();
    await sink.publish('conductor:wf:ref', { n: 2 });
    expect(a.map((e) => e.payload)).toEqual([{ n: 1 }]);
    expect(b.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(b[0]?.sink).toBe('conductor:wf:ref');
  });

  it('keeps only the last N messages of each sink', async () => {
    const sink = new InProcessEventSink({ keepLast: 2 });
    for (let n = 1; n <= 4; n += 1) await sink.publish('s1', { n });
    await sink.publish('s2', { n: 9 });
    expect(sink.messages('s1').map((e) => e.payload)).toEqual([{ n: 3 }, { n: 4 }]);
    expect(sink.messages('s2').map((e) => e.payload)).toEqual([{ n: 9 }]);
    expect(sink.messages()).toHaveLength(3);
    sink.clear();
    expect(sink.messages()).toEqual([]);
  });

  it('stores a copy of the payload', async () => {
    const sink = new InProcessEventSink();
    const payload = { list: [1] };
    await sink.publish('s', payload);
    payload.list.push(2);
    expect(sink.messages('s')[0]?.payload).toEqual({ list: [1] });
  });

  it('fails the publish when a listener fails, after calling the others', async () => {
    const sink = new InProcessEventSink();
    const seen: unknown[] = [];
    sink.subscribe(() => {
      throw new Error('queue down');
    });
    sink.subscribe((e) => void seen.push(e.payload));
    await expect(sink.publish('s', { n: 1 })).rejects.toThrow(
      'Event sink s listener failed: queue down',
    );
    expect(seen).toEqual([{ n: 1 }]);
  });
});
