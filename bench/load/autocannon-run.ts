/**
 * Runs autocannon against 127.0.0.1 for a bounded time and collects every response time itself,
 * so p95 is exact (autocannon's own summary has no p95).
 * @module
 */
import autocannon from 'autocannon';
import { LatencyRecorder } from '../stats/percentiles.js';
import type { LatencySummary } from '../stats/percentiles.js';

/** One autocannon run. */
export interface HttpLoad {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  connections: number;
  durationSec: number;
  /** Requests per second across all connections; omitted = as fast as possible. */
  overallRate?: number;
}

/** What a run measured. */
export interface HttpLoadResult {
  offeredRate: number | null;
  /** 2xx responses per second. */
  requestsPerSecond: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  latency: LatencySummary;
  durationSec: number;
}

/** Runs one load; only loopback URLs are accepted. */
export async function runHttpLoad(load: HttpLoad): Promise<HttpLoadResult> {
  const host = new URL(load.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new Error(`the benchmark only loads 127.0.0.1, not ${host}`);
  }
  const latency = new LatencyRecorder();
  let ok = 0;
  let non2xx = 0;
  const instance = autocannon({
    url: load.url,
    method: load.method,
    body: load.body,
    headers: load.body !== undefined ? { 'content-type': 'application/json' } : {},
    connections: load.connections,
    duration: load.durationSec,
    overallRate: load.overallRate,
    timeout: 10,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      ok += 1;
      latency.record(ms);
    } else {
      non2xx += 1;
    }
  });
  const result = await instance;
  const durationSec = result.duration > 0 ? result.duration : load.durationSec;
  return {
    offeredRate: load.overallRate ?? null,
    requestsPerSecond: Math.round(ok / durationSec),
    total: ok + non2xx + result.errors,
    ok,
    non2xx,
    errors: result.errors + result.timeouts,
    latency: latency.summary(),
    durationSec,
  };
}
