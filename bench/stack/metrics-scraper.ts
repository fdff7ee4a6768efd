/**
 * Reads the Baton server's `/metrics` and pulls out what the benchmark reports: queue depth per
 * task type, workflow starts and completions, poll and update latency quantiles, and the counters
 * of redone work (conflicts, stale-copy retries, task-table hits and misses).
 * @module
 */
import type { RedoneCounters } from '../stats/redone-work.js';
import { byLabel, histogramQuantile, parsePromText, sumSamples } from '../stats/prom-text.js';
import type { PromSample } from '../stats/prom-text.js';

/** What one scrape said. */
export interface MetricsView {
  queueDepth: Record<string, number>;
  starts: Record<string, number>;
  completionsByStatus: Record<string, number>;
  /** Completions (any terminal status) of one workflow name. */
  completionsOf(name: string): number;
  /** p50/p95/p99 in ms estimated from the server's histogram, or null when empty. */
  updateLatencyMs: { p50: number | null; p95: number | null; p99: number | null };
  pollLatencyMs: { p50: number | null; p95: number | null; p99: number | null };
  /** The server's own `process_resident_memory_bytes`, when exported. */
  residentBytes: number | null;
  /** The redone-work counters (summed over the server's processes); 0 when not exported. */
  redone: RedoneCounters;
  raw: PromSample[];
}

function quantilesMs(samples: PromSample[], base: string) {
  const q = (p: number) => {
    const s = histogramQuantile(samples, base, p);
    return s === null ? null : Math.round(s * 100_000) / 100;
  };
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

/** The four redone-work counters of a scrape; 0 for each one the server does not export. */
export function redoneCounters(raw: PromSample[]): RedoneCounters {
  return {
    conflicts: sumSamples(raw, 'baton_execution_conflicts_total'),
    staleRetries: sumSamples(raw, 'baton_execution_stale_copy_retries_total'),
    hotTableHits: sumSamples(raw, 'baton_hot_table_hits_total'),
    hotTableMisses: sumSamples(raw, 'baton_hot_table_misses_total'),
  };
}

/** Turns scraped text into a view. */
export function toMetricsView(text: string): MetricsView {
  const raw = parsePromText(text);
  const rss = raw.find((s) => s.name.endsWith('process_resident_memory_bytes'));
  return {
    queueDepth: byLabel(raw, 'baton_queue_depth', 'queue'),
    starts: byLabel(raw, 'baton_workflow_starts_total', 'name'),
    completionsByStatus: byLabel(raw, 'baton_workflow_completions_total', 'status'),
    completionsOf: (name) => sumSamples(raw, 'baton_workflow_completions_total', { name }),
    updateLatencyMs: quantilesMs(raw, 'baton_task_update_duration_seconds'),
    pollLatencyMs: quantilesMs(raw, 'baton_task_poll_duration_seconds'),
    residentBytes: rss?.value ?? null,
    redone: redoneCounters(raw),
    raw,
  };
}

/** Scrapes `<url>/metrics`; null when the server has no metrics route or it failed. */
export async function scrapeMetrics(url: string): Promise<MetricsView | null> {
  try {
    const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return null;
    return toMetricsView(await res.text());
  } catch {
    return null;
  }
}

const cache = new Map<string, { at: number; view: Promise<MetricsView | null> }>();

/**
 * Like {@link scrapeMetrics} but shares a scrape younger than `maxAgeMs` (the sampler and the
 * completion counter both read /metrics once a second; one scrape serves both).
 */
export function scrapeMetricsShared(url: string, maxAgeMs = 900): Promise<MetricsView | null> {
  const hit = cache.get(url);
  const now = performance.now();
  if (hit && now - hit.at < maxAgeMs) return hit.view;
  const view = scrapeMetrics(url);
  cache.set(url, { at: now, view });
  return view;
}
