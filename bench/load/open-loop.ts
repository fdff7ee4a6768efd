/**
 * An open-loop load driver: calls `fire` at a fixed rate for a fixed time, independent of how fast
 * calls return (up to `maxInFlight` at once; calls due beyond that are counted as skipped, which
 * means the target could not keep up with the offered rate).
 * @module
 */
import { LatencyRecorder } from '../stats/percentiles.js';
import type { LatencySummary } from '../stats/percentiles.js';

/** Live counters, readable while the loop runs. */
export interface OpenLoopCounters {
  sent: number;
  ok: number;
  failed: number;
  skipped: number;
  inFlight: number;
  firstError?: string;
}

/** The finished loop. */
export interface OpenLoopResult extends Omit<OpenLoopCounters, 'inFlight'> {
  latency: LatencySummary;
  durationSec: number;
}

/** A running loop. */
export interface OpenLoop {
  counters: OpenLoopCounters;
  /** Resolves once the time is up and the calls in flight have returned (or 30 s passed). */
  done: Promise<OpenLoopResult>;
}

/** Starts a loop of `rate` calls per second for `durationSec`. */
export function startOpenLoop(options: {
  rate: number;
  durationSec: number;
  maxInFlight: number;
  fire: () => Promise<void>;
}): OpenLoop {
  const counters: OpenLoopCounters = { sent: 0, ok: 0, failed: 0, skipped: 0, inFlight: 0 };
  const latency = new LatencyRecorder();
  const started = performance.now();
  const endAt = started + options.durationSec * 1000;
  let due = 0;
  const fireOne = () => {
    counters.sent += 1;
    counters.inFlight += 1;
    const t0 = performance.now();
    options
      .fire()
      .then(
        () => {
          counters.ok += 1;
          latency.record(performance.now() - t0);
        },
        (error: unknown) => {
          counters.failed += 1;
          counters.firstError ??= String(error).slice(0, 300);
        },
      )
      .finally(() => {
        counters.inFlight -= 1;
      });
  };
  const done = new Promise<OpenLoopResult>((resolve) => {
    const tick = () => {
      const now = Math.min(performance.now(), endAt);
      const target = Math.floor(((now - started) / 1000) * options.rate);
      while (due < target) {
        due += 1;
        if (counters.inFlight >= options.maxInFlight) counters.skipped += 1;
        else fireOne();
      }
      if (performance.now() < endAt) {
        setTimeout(tick, 2);
        return;
      }
      const drainUntil = performance.now() + 30_000;
      const finish = () => {
        if (counters.inFlight > 0 && performance.now() < drainUntil) {
          setTimeout(finish, 10);
          return;
        }
        const { inFlight: _inFlight, ...rest } = counters;
        resolve({ ...rest, latency: latency.summary(), durationSec: options.durationSec });
      };
      finish();
    };
    tick();
  });
  return { counters, done };
}
