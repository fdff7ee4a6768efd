import { describe, expect, it } from 'vitest';
import { isQuiet, type RunSample } from './sampler.js';

const sample = (phase: string, serverCpuPct: number | null) =>
  ({ phase, serverCpuPct }) as RunSample;

describe('isQuiet', () => {
  const rule = { cpuPct: 10, seconds: 3 };

  it('needs the last samples of the phase all below the CPU limit', () => {
    const busy = [sample('settle', 80), sample('settle', 40), sample('settle', 5)];
    expect(isQuiet(busy, 'settle', rule)).toBe(false);
    const calm = [...busy, sample('settle', 4), sample('settle', 9)];
    expect(isQuiet(calm, 'settle', rule)).toBe(true);
  });

  it('counts only samples of the phase, and not ones without a reading', () => {
    const earlier = [sample('soak', 1), sample('soak', 1), sample('settle', 2)];
    expect(isQuiet(earlier, 'settle', rule)).toBe(false);
    const gap = [sample('settle', 2), sample('settle', null), sample('settle', 2)];
    expect(isQuiet(gap, 'settle', rule)).toBe(false);
  });
});
