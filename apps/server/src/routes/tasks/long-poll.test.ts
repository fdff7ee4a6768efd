import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '@baton/engine/testing';
import type { WorkflowExecutor } from '@baton/engine';
import { createExecutor } from '../../create-executor.js';
import { longPoll } from './long-poll.js';

const stores = createMemoryStores();
let executor: WorkflowExecutor;

beforeAll(async () => {
  executor = createExecutor(stores, stores.events);
  for (const name of ['lp_linger', 'lp_full', 'lp_none']) {
    await stores.definitions.saveWorkflowDef(
      {
        name,
        version: 1,
        ownerEmail: 'a@b.c',
        tasks: [{ name: `${name}_task`, taskReferenceName: 'only', type: 'SIMPLE' }],
      },
      { overwrite: true },
    );
  }
});

const start = (name: string) => executor.startWorkflow({ name, version: 1, input: {} });
const later = (ms: number, fn: () => Promise<unknown>) =>
  new Promise((resolve) => setTimeout(resolve, ms)).then(fn);

/** Polls `count` tasks of `name`'s task type; returns their workflow ids and the time it took. */
async function poll(name: string, count: number, lingerMs: number, timeoutMs = 5000) {
  const began = Date.now();
  const signal = new AbortController().signal;
  const tasks = await longPoll(
    executor,
    stores.queue,
    `${name}_task`,
    { count },
    timeoutMs,
    signal,
    lingerMs,
  );
  return { ids: tasks.map((t) => t.workflowInstanceId), ms: Date.now() - began };
}

describe('longPoll', () => {
  it('holding a task, keeps collecting for the linger and then returns a partial batch', async () => {
    const first = await start('lp_linger');
    const [result, second] = await Promise.all([
      poll('lp_linger', 3, 600),
      later(150, () => start('lp_linger')),
    ]);
    expect(result.ids).toEqual([first, second]);
    expect(result.ms).toBeGreaterThanOrEqual(550);
    expect(result.ms).toBeLessThan(3000);
  });

  it('returns as soon as the batch is full, before the linger ends', async () => {
    const [result, a, b] = await Promise.all([
      poll('lp_full', 2, 5000),
      later(100, () => start('lp_full')),
      later(200, () => start('lp_full')),
    ]);
    expect(result.ids).toEqual([a, b]);
    expect(result.ms).toBeLessThan(3000);
  });

  it('with no linger, returns the first tasks found without waiting for more', async () => {
    const first = await start('lp_none');
    const [result] = await Promise.all([poll('lp_none', 3, 0), later(300, () => start('lp_none'))]);
    expect(result.ids).toEqual([first]);
    expect(result.ms).toBeLessThan(250);
    expect((await poll('lp_none', 3, 0)).ids).toHaveLength(1);
  });
});
