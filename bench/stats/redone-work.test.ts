import { describe, expect, it } from 'vitest';
import { counterDelta, NO_REDONE_COUNTERS, redonePerTask, sumCounters } from './redone-work.js';

const counters = (conflicts: number, staleRetries: number, hits: number, misses: number) => ({
  conflicts,
  staleRetries,
  hotTableHits: hits,
  hotTableMisses: misses,
});

describe('counterDelta', () => {
  it('subtracts the scrape at the start of the window from the one at its end', () => {
    expect(counterDelta(counters(5, 2, 100, 10), counters(15, 3, 400, 30))).toEqual(
      counters(10, 1, 300, 20),
    );
  });

  it('counts a counter that went down (a restarted process) from zero', () => {
    expect(counterDelta(counters(50, 0, 900, 90), counters(7, 0, 20, 2))).toEqual(
      counters(7, 0, 20, 2),
    );
  });
});

describe('sumCounters', () => {
  it('adds the increases of windows measured apart', () => {
    const rounds = [counters(1, 0, 10, 2), counters(0, 3, 20, 4), counters(2, 1, 30, 6)];
    expect(rounds.reduce(sumCounters, NO_REDONE_COUNTERS)).toEqual(counters(3, 4, 60, 12));
  });
});

describe('redonePerTask', () => {
  it('divides conflicts and retries by the task executions and gives the miss ratio', () => {
    const w = redonePerTask(counters(10, 4, 300, 100), 2000);
    expect(w).toMatchObject({
      tasks: 2000,
      conflictsPerTask: 0.005,
      staleRetriesPerTask: 0.002,
      hotTableMissRatio: 0.25,
    });
    expect(w.delta).toEqual(counters(10, 4, 300, 100));
  });

  it('rounds to four places', () => {
    expect(redonePerTask(counters(1, 2, 2, 1), 3)).toMatchObject({
      conflictsPerTask: 0.3333,
      staleRetriesPerTask: 0.6667,
      hotTableMissRatio: 0.3333,
    });
  });

  it('is null per task without tasks, and the ratio null without lookups', () => {
    expect(redonePerTask(NO_REDONE_COUNTERS, 0)).toMatchObject({
      conflictsPerTask: null,
      staleRetriesPerTask: null,
      hotTableMissRatio: null,
    });
    expect(redonePerTask(NO_REDONE_COUNTERS, 10)).toMatchObject({
      conflictsPerTask: 0,
      staleRetriesPerTask: 0,
      hotTableMissRatio: null,
    });
  });
});
