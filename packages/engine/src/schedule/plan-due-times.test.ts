import { describe, expect, it } from 'vitest';
import { planDueTimes, type CronSeries } from './plan-due-times.js';

/** Every `step` ms from 0. */
const every = (step: number): CronSeries => ({
  next: (after) => (Math.floor(after / step) + 1) * step,
  previous: (atOrBefore, count) => {
    const last = Math.floor(atOrBefore / step) * step;
    const times: number[] = [];
    for (let t = last; t >= 0 && times.length < count; t -= step) times.unshift(t);
    return times;
  },
});

const base = { catchUpMax: 3, graceMs: 5_000, endTime: null, series: every(60_000) };

describe('planDueTimes', () => {
  it('runs nothing before the pointer', () => {
    expect(planDueTimes({ ...base, nextRunTime: 120_000, now: 119_999, catchUp: false })).toEqual({
      due: [],
      nextRunTime: 120_000,
    });
  });

  it('runs a due time reached on time, then points at the next', () => {
    expect(planDueTimes({ ...base, nextRunTime: 120_000, now: 121_000, catchUp: false })).toEqual({
      due: [120_000],
      nextRunTime: 180_000,
    });
  });

  it('without catch-up, skips due times missed by more than the grace', () => {
    // Down from 1:00 to 10:30: nine due times missed, the last one 30 s ago.
    expect(planDueTimes({ ...base, nextRunTime: 60_000, now: 630_000, catchUp: false })).toEqual({
      due: [],
      nextRunTime: 660_000,
    });
    // Back 2 s after a due time: it runs, the earlier ones do not.
    expect(planDueTimes({ ...base, nextRunTime: 60_000, now: 602_000, catchUp: false })).toEqual({
      due: [600_000],
      nextRunTime: 660_000,
    });
  });

  it('without catch-up, still runs every due time a late pass reached within the grace', () => {
    const series = every(1_000);
    expect(
      planDueTimes({ ...base, series, nextRunTime: 47_000, now: 48_100, catchUp: false }),
    ).toEqual({ due: [47_000, 48_000], nextRunTime: 49_000 });
  });

  it('with catch-up, runs the latest catchUpMax missed times, oldest first', () => {
    expect(planDueTimes({ ...base, nextRunTime: 60_000, now: 630_000, catchUp: true })).toEqual({
      due: [480_000, 540_000, 600_000],
      nextRunTime: 660_000,
    });
    expect(planDueTimes({ ...base, nextRunTime: 480_000, now: 590_000, catchUp: true })).toEqual({
      due: [480_000, 540_000],
      nextRunTime: 600_000,
    });
  });

  it('stops at the end time', () => {
    const plan = planDueTimes({
      ...base,
      endTime: 550_000,
      nextRunTime: 480_000,
      now: 610_000,
      catchUp: true,
    });
    expect(plan).toEqual({ due: [480_000, 540_000], nextRunTime: null });
  });
});
