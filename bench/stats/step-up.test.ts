import { describe, expect, it } from 'vitest';
import { highestHeldRate, judgeStep, nextHoldRate, nextRate, slope } from './step-up.js';
import type { StepPlan, StepSample } from './step-up.js';

function steady(rate: number, seconds: number, completionRate: number): StepSample[] {
  return Array.from({ length: seconds }, (_, i) => ({
    tSec: i + 1,
    started: rate * (i + 1),
    completed: Math.max(0, completionRate * i),
  }));
}

describe('judgeStep', () => {
  it('holds a step whose completions keep up with the offered rate', () => {
    const v = judgeStep(100, steady(100, 20, 100));
    expect(v.held).toBe(true);
    expect(v.reasons).toEqual([]);
    expect(v.completedPerSecond).toBeCloseTo(100);
  });

  it('fails a step whose backlog keeps growing', () => {
    const v = judgeStep(100, steady(100, 20, 60));
    expect(v.held).toBe(false);
    expect(v.backlogGrowthPerSecond).toBeCloseTo(40);
    expect(v.reasons.join()).toContain('backlog grew');
  });

  it('fails a step whose starts could not be sent at the offered rate', () => {
    const v = judgeStep(100, steady(50, 20, 50));
    expect(v.held).toBe(false);
    expect(v.reasons[0]).toContain('starts reached');
  });

  it('fails a step without samples', () => {
    expect(judgeStep(10, []).held).toBe(false);
  });
});

describe('slope', () => {
  it('fits a straight line', () => {
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
  });

  it('is 0 for a single point', () => {
    expect(slope([[1, 1]])).toBe(0);
  });
});

describe('nextRate', () => {
  const plan: StepPlan = { startRate: 50, factor: 2, maxSteps: 6, maxRate: 1000, refine: true };

  it('starts at the start rate and multiplies while steps hold', () => {
    expect(nextRate([], plan)).toBe(50);
    expect(nextRate([{ rate: 50, held: true }], plan)).toBe(100);
  });

  it('tries the midpoint once after the first failure, then stops', () => {
    const history = [
      { rate: 50, held: true },
      { rate: 100, held: false },
    ];
    expect(nextRate(history, plan)).toBe(75);
    expect(nextRate([...history, { rate: 75, held: true }], plan)).toBeNull();
    expect(nextRate([...history, { rate: 75, held: false }], plan)).toBeNull();
  });

  it('stops after a failure without refinement or without any held step', () => {
    expect(nextRate([{ rate: 50, held: false }], plan)).toBeNull();
    expect(
      nextRate(
        [
          { rate: 50, held: true },
          { rate: 100, held: false },
        ],
        { ...plan, refine: false },
      ),
    ).toBeNull();
  });

  it('stops at the step limit and at the rate ceiling', () => {
    expect(nextRate([{ rate: 50, held: true }], { ...plan, maxSteps: 1 })).toBeNull();
    expect(nextRate([{ rate: 1000, held: true }], plan)).toBeNull();
  });
});

describe('highestHeldRate', () => {
  it('ignores failed steps', () => {
    expect(
      highestHeldRate([
        { rate: 50, held: true },
        { rate: 100, held: false },
        { rate: 75, held: true },
      ]),
    ).toBe(75);
    expect(highestHeldRate([{ rate: 50, held: false }])).toBeNull();
  });
});

describe('nextHoldRate', () => {
  it('steps down to the highest rate below the failed hold that passed its step', () => {
    const history = [
      { rate: 49, held: true },
      { rate: 69, held: true },
      { rate: 97, held: true },
      { rate: 136, held: false },
      { rate: 117, held: false },
    ];
    expect(nextHoldRate(history, 97)).toBe(69);
    expect(nextHoldRate(history, 69)).toBe(49);
    expect(nextHoldRate(history, 49)).toBeNull();
  });
});
