import { describe, expect, it } from 'vitest';
import { countCompletions, type CompletionCounting } from './baton-target.js';

describe("the benchmark's completion count", () => {
  it("counts the server's completions while it reports them", async () => {
    const state: CompletionCounting = { source: 'metrics', last: 0 };
    expect(await countCompletions(state, 10, async () => 99)).toBe(10);
    expect(await countCompletions(state, 25, async () => 99)).toBe(25);
  });

  it('repeats the last count when a scrape fails, instead of switching to the workers', async () => {
    const state: CompletionCounting = { source: 'metrics', last: 0 };
    expect(await countCompletions(state, 40, async () => 7)).toBe(40);
    // An overloaded server's /metrics timed out: before, this switched to the workers' count
    // (7, another baseline) in the middle of the step.
    expect(await countCompletions(state, null, async () => 7)).toBe(40);
    expect(state.source).toBe('metrics');
    expect(await countCompletions(state, 55, async () => 9)).toBe(55);
  });

  it('moves to the workers for good when the server answers with no completions', async () => {
    const state: CompletionCounting = { source: 'metrics', last: 0 };
    // Nothing finished yet anywhere: still the server's count.
    expect(await countCompletions(state, 0, async () => 0)).toBe(0);
    expect(state.source).toBe('metrics');
    expect(await countCompletions(state, 0, async () => 12)).toBe(12);
    expect(state.source).toBe('workers');
    expect(await countCompletions(state, 30, async () => 14)).toBe(14);
    expect(await countCompletions(state, null, async () => 15)).toBe(15);
  });
});
