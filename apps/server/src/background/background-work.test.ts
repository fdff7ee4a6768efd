import { describe, expect, it } from 'vitest';
import type { TaskQueue, WorkflowExecutor } from '@baton/engine';
import { startBackgroundWork } from './background-work.js';

describe('background work', () => {
  it('yields to I/O between two batches even when the store never waits for I/O', async () => {
    // A sweeper that always finds work and whose calls resolve at once (like PGlite's).
    let sweeps = 0;
    const executor = {
      sweep: async () => {
        sweeps += 1;
        return sweeps < 10_000 ? 1 : 0;
      },
      runSystemTasks: async () => 0,
    } as unknown as WorkflowExecutor;
    const queue = {
      waitForMessages: (_q: string, ms: number, signal: AbortSignal) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()));
        }),
    } as unknown as TaskQueue;
    const work = startBackgroundWork(executor, queue, { error: () => undefined });
    // An I/O callback (an HTTP request) gets its turn after a batch, not after all 10,000.
    const sweepsWhenAnswered = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(sweeps)),
    );
    await work.stop();
    expect(sweepsWhenAnswered).toBeLessThan(10);
  });
});
