/**
 * Baton as a load target: starts `bench_main` over HTTP, counts completions from `/metrics`
 * (falling back to the workers' count of the last step when the server exports none), and reads
 * the worker process's task counts and latencies around each step, and the server's redone-work
 * counters at the start and end of each step (their difference per task execution).
 * @module
 */
import { BatonClient } from '@baton/client';
import type { LoadTarget } from '../load/step-runner.js';
import { scrapeMetrics, scrapeMetricsShared } from '../stack/metrics-scraper.js';
import { counterDelta, redonePerTask } from '../stats/redone-work.js';
import type { RedoneCounters, RedoneWork } from '../stats/redone-work.js';
import type { TsChild } from '../stack/fork-ts.js';
import { MAIN_STEP_TYPES, MAIN_WORKFLOW } from './workflow-defs.js';
import type { WorkerSnapshot } from './worker-snapshot.js';

/** Where completions are counted, and the count a failed scrape repeats. */
export interface CompletionCounting {
  source: 'metrics' | 'workers';
  last: number;
}

/**
 * The completion count of one sample. `fromMetrics`: the server's count of completed
 * `bench_main` workflows, or null when the scrape failed (an overloaded server's `/metrics` can
 * time out); `fromWorkers`: the workers' count of last-step tasks. Counting moves to the workers
 * for good only when the server answers and reports no completions while the workers have
 * finished some (a server without the counter). A failed scrape repeats the last count: switching
 * sources in the middle of a step would mix two baselines and make up a completion rate.
 */
export async function countCompletions(
  state: CompletionCounting,
  fromMetrics: number | null,
  fromWorkers: () => Promise<number>,
): Promise<number> {
  if (state.source === 'metrics') {
    if (fromMetrics === null) return state.last;
    if (fromMetrics > 0) return (state.last = fromMetrics);
  }
  const total = await fromWorkers();
  if (state.source === 'metrics' && total > 0 && fromMetrics === 0) state.source = 'workers';
  return (state.last = state.source === 'workers' ? total : (fromMetrics ?? state.last));
}

/** Per-step figures of Baton beyond the common ones. */
export interface BatonStepExtra {
  workers: WorkerSnapshot;
  /** Where completions were counted. */
  completionSource: 'metrics' | 'workers';
  /** Server-side update/poll latency from /metrics at the end of the step (cumulative). */
  serverUpdateP99Ms: number | null;
  /**
   * Redone work over the step (the `/metrics` counters at its start and end, over the workers'
   * task count); null when either scrape failed. Absent in results written before it existed.
   */
  redone?: RedoneWork | null;
}

/** Creates the target. `payload` is the workflow input's `data`. */
export function createBatonTarget(
  url: string,
  workers: TsChild<unknown>,
  payload: string,
): LoadTarget<BatonStepExtra> & {
  completionSource(): 'metrics' | 'workers';
  /** Ids of the most recent starts (at most 5,000), for checking their status. */
  startedIds: string[];
} {
  const startedIds: string[] = [];
  const client = new BatonClient({ baseUrl: url });
  const lastStep = MAIN_STEP_TYPES[MAIN_STEP_TYPES.length - 1] ?? '';
  const counting: CompletionCounting = { source: 'metrics', last: 0 };
  let lastStepTotal = 0;
  let serverUpdateP99Ms: number | null = null;
  let countersAtStart: RedoneCounters | null = null;

  const snapshot = async (reset: boolean) =>
    (await workers.request<{ snapshot: WorkerSnapshot }>({ type: 'snapshot', reset })).snapshot;

  return {
    label: 'Baton',
    completionSource: () => counting.source,
    startedIds,
    async startOne() {
      const id = await client.workflows.start({
        name: MAIN_WORKFLOW,
        version: 1,
        input: { data: payload },
      });
      if (startedIds.length < 5_000) startedIds.push(id);
    },
    async completedCount() {
      const metrics = await scrapeMetricsShared(url, 300);
      if (metrics) serverUpdateP99Ms = metrics.updateLatencyMs.p99;
      return countCompletions(
        counting,
        metrics ? metrics.completionsOf(MAIN_WORKFLOW) : null,
        async () => lastStepTotal + ((await snapshot(false)).tasksByType[lastStep] ?? 0),
      );
    },
    async beginStep() {
      countersAtStart = (await scrapeMetrics(url))?.redone ?? null;
      const snap = await snapshot(true);
      lastStepTotal += snap.tasksByType[lastStep] ?? 0;
    },
    async endStep() {
      const snap = await snapshot(true);
      const countersAtEnd = (await scrapeMetrics(url))?.redone ?? null;
      lastStepTotal += snap.tasksByType[lastStep] ?? 0;
      const redone =
        countersAtStart && countersAtEnd
          ? redonePerTask(counterDelta(countersAtStart, countersAtEnd), snap.tasks)
          : null;
      return { workers: snap, completionSource: counting.source, serverUpdateP99Ms, redone };
    },
  };
}
