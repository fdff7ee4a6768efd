import { describe, expect, it } from 'vitest';
import { Counter, Registry } from 'prom-client';
import { MetricsGatherer } from './cluster.js';

/** A process's registry with one counter at `value`. */
async function metricsAt(value: number): Promise<object[]> {
  const registry = new Registry();
  new Counter({ name: 'demo_total', help: 'demo', registers: [registry] }).inc(value);
  return registry.getMetricsAsJSON();
}

/** A fake process answering `request` with a counter at `value`, as a worker does. */
function answer(gatherer: MetricsGatherer, processId: number, id: number, value: number): void {
  void metricsAt(value).then((metrics) =>
    gatherer.received(processId, { type: 'baton:metrics-snapshot-reply', id, metrics }),
  );
}

const sampleOf = (text: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith('demo_total '))
      ?.split(' ')[1],
  );

describe("the primary's gathering of the group's metrics", () => {
  it('sums the answers of every process', async () => {
    const values = new Map([
      [1, 3],
      [2, 4],
    ]);
    const gatherer: MetricsGatherer = new MetricsGatherer(
      (processId, request) => answer(gatherer, processId, request.id, values.get(processId) ?? 0),
      5_000,
    );
    const started = Date.now();
    expect(sampleOf(await gatherer.gather([1, 2]))).toBe(7);
    // It did not wait for the deadline once both had answered.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers by the deadline with the last metrics of a process too busy to answer', async () => {
    let busy = false;
    const gatherer: MetricsGatherer = new MetricsGatherer((processId, request) => {
      if (processId === 2 && busy) return;
      answer(gatherer, processId, request.id, processId === 1 ? 10 : 5);
    }, 100);
    expect(sampleOf(await gatherer.gather([1, 2]))).toBe(15);
    busy = true;
    const started = Date.now();
    expect(sampleOf(await gatherer.gather([1, 2]))).toBe(15);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    // A process that exited is no longer counted.
    gatherer.forget(2);
    expect(sampleOf(await gatherer.gather([1]))).toBe(10);
  });
});
