import { describe, expect, it } from 'vitest';
import { quietIdleRate } from './size-phase.js';

/** A reader giving the rates (CPU seconds per second) one window at a time. */
function windows(rates: number[]) {
  let i = 0;
  const read = async () => rates[Math.min(i++, rates.length - 1)] ?? 0;
  return { read, taken: () => i };
}

describe('quietIdleRate', () => {
  it('waits out the background work an earlier load left, then averages two steady windows', async () => {
    // Indexing catching up (0.32, 0.18 s/s), then quiet at about 0.02.
    const w = windows([0.32, 0.18, 0.021, 0.019, 0.5]);
    expect(await quietIdleRate(1, w.read, 20)).toBeCloseTo(0.02, 6);
    expect(w.taken()).toBe(4);
  });

  it('gives the lowest window when the server never settles', async () => {
    const w = windows([0.3, 0.1, 0.25, 0.05, 0.2, 0.4]);
    expect(await quietIdleRate(1, w.read, 6)).toBe(0.05);
    expect(w.taken()).toBe(6);
  });
});
