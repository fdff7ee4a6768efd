/**
 * Latency summaries from raw samples: nearest-rank percentiles over a sorted copy.
 * @module
 */

/** p50/p95/p99 (and mean, max, count) of a set of latencies in milliseconds. */
export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** An empty summary: every figure is 0 and `count` says there was nothing to measure. */
export const EMPTY_SUMMARY: LatencySummary = {
  count: 0,
  meanMs: 0,
  p50Ms: 0,
  p95Ms: 0,
  p99Ms: 0,
  maxMs: 0,
};

/**
 * The nearest-rank percentile `p` (0 < p ≤ 100) of ascending `sorted`: the smallest sample that
 * at least p % of the samples are less than or equal to. Returns 0 for no samples.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index] ?? 0;
}

/** Summarises latencies (any order); figures are rounded to 0.01 ms. */
export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return EMPTY_SUMMARY;
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  let sum = 0;
  for (const v of list) sum += v;
  return {
    count: list.length,
    meanMs: round2(sum / list.length),
    p50Ms: round2(percentile(list, 50)),
    p95Ms: round2(percentile(list, 95)),
    p99Ms: round2(percentile(list, 99)),
    maxMs: round2(list[list.length - 1] ?? 0),
  };
}

/** Rounds to two decimals. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * A bounded sample collector: keeps at most `capacity` samples by reservoir sampling, so long
 * runs keep an unbiased sample of constant size while `seen` counts every observation.
 */
export class LatencyRecorder {
  private readonly samples: number[] = [];
  private seen = 0;

  constructor(private readonly capacity = 200_000) {}

  /** Records one latency in milliseconds. */
  record(ms: number): void {
    this.seen += 1;
    if (this.samples.length < this.capacity) {
      this.samples.push(ms);
      return;
    }
    const slot = Math.floor(Math.random() * this.seen);
    if (slot < this.capacity) this.samples[slot] = ms;
  }

  /** Observations recorded since the last reset (not only those kept). */
  get count(): number {
    return this.seen;
  }

  /** Summary of the kept samples, with `count` set to every observation. */
  summary(): LatencySummary {
    return { ...summarize(this.samples), count: this.seen };
  }

  /** Forgets everything. */
  reset(): void {
    this.samples.length = 0;
    this.seen = 0;
  }
}
