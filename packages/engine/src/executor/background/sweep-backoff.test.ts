/**
 * The sweeper's guard against a deadline the decider never acts on (issue 14 §1): with the next
 * decide always due at once, a workflow whose decides change nothing is re-armed with a growing
 * back-off instead of being decided in a busy loop.
 */
import { describe, expect, it, vi } from 'vitest';
import { createHarness, simple } from '../harness.testkit.js';
import { IDLE_BACKOFF_FIRST_MS } from './sweep.js';

// Stands for a deadline that nextDecideDelayMs counts and the decider never acts on.
vi.mock('../../decider/decider-delay.js', () => ({
  MAX_DECIDER_DELAY_MS: 3_600_000,
  nextDecideDelayMs: (workflow: { status: string }) => (workflow.status === 'RUNNING' ? 0 : null),
}));

describe("the sweeper's back-off", () => {
  it('re-arms a workflow whose decides change nothing no sooner than the back-off', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    await h.start('wf');
    let decides = 0;
    for (let i = 0; i < 20; i += 1) {
      decides += await h.executor.sweep(50);
      h.clock.advance(IDLE_BACKOFF_FIRST_MS);
    }
    // 2 s of sweeps every 100 ms decide it at 0, 0.1, 0.3, 0.7 and 1.5 s, not 20 times.
    expect(decides).toBe(5);
  });
});
