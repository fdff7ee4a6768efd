import { describe, expect, it } from 'vitest';
import { timeTicks } from './time-axis.js';

describe('timeTicks', () => {
  it('labels round offsets from the start, at most six', () => {
    expect(timeTicks(10_000).map((t) => t.label)).toEqual([
      '0',
      '+2.0 s',
      '+4.0 s',
      '+6.0 s',
      '+8.0 s',
      '+10 s',
    ]);
    expect(timeTicks(450).map((t) => t.offsetMs)).toEqual([0, 100, 200, 300, 400]);
  });

  it('uses minute and hour steps for long spans', () => {
    const ticks = timeTicks(3 * 3_600_000);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks[1]!.offsetMs).toBe(3_600_000);
    expect(ticks[1]!.label).toBe('+1 h 0 m');
  });

  it('gives one tick for an empty or broken span, and never loops forever on huge ones', () => {
    expect(timeTicks(0)).toEqual([{ offsetMs: 0, label: '0' }]);
    expect(timeTicks(Number.NaN)).toEqual([{ offsetMs: 0, label: '0' }]);
    expect(timeTicks(-5)).toHaveLength(1);
    expect(timeTicks(400 * 86_400_000).length).toBeLessThanOrEqual(6);
  });
});
