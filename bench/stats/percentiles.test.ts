import { describe, expect, it } from 'vitest';
import { LatencyRecorder, percentile, summarize } from './percentiles.js';

describe('percentile', () => {
  it('returns the nearest-rank sample of a sorted list', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
  });

  it('returns the only sample of a one-element list for every percentile', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('returns 0 when there are no samples', () => {
    expect(percentile([], 99)).toBe(0);
  });
});

describe('summarize', () => {
  it('sorts unsorted samples numerically before taking percentiles', () => {
    const s = summarize([10, 2, 30, 4, 100]);
    expect(s.p50Ms).toBe(10);
    expect(s.p99Ms).toBe(100);
    expect(s.maxMs).toBe(100);
    expect(s.meanMs).toBe(29.2);
    expect(s.count).toBe(5);
  });
});

describe('LatencyRecorder', () => {
  it('counts every observation while keeping at most its capacity', () => {
    const r = new LatencyRecorder(10);
    for (let i = 0; i < 1000; i += 1) r.record(5);
    expect(r.count).toBe(1000);
    expect(r.summary().p99Ms).toBe(5);
    expect(r.summary().count).toBe(1000);
  });

  it('starts empty again after a reset', () => {
    const r = new LatencyRecorder();
    r.record(1);
    r.reset();
    expect(r.summary().count).toBe(0);
  });
});
