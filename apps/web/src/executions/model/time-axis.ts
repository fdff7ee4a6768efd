/**
 * Tick marks of the timeline's time axis: round offsets from the execution's start.
 * @module
 */
import { formatDuration } from './format.js';

/** One tick: its offset from the start (ms) and its label. */
export interface AxisTick {
  offsetMs: number;
  label: string;
}

/** Round steps (1, 2, 5 × 10ⁿ ms, then minutes and hours). */
const STEPS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
  300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/**
 * The ticks of a span of `widthMs`: from 0, the smallest round step that gives at most
 * `maxTicks` ticks. An empty or invalid span gets the one tick at 0.
 * @example timeTicks(10_000) // 0, 2 s, 4 s, 6 s, 8 s, 10 s
 */
export function timeTicks(widthMs: number, maxTicks = 6): AxisTick[] {
  if (!Number.isFinite(widthMs) || widthMs <= 0) return [{ offsetMs: 0, label: '0' }];
  const step =
    STEPS_MS.find((s) => Math.floor(widthMs / s) + 1 <= maxTicks) ??
    Math.ceil(widthMs / (maxTicks - 1) / 86_400_000) * 86_400_000;
  const ticks: AxisTick[] = [];
  for (let t = 0; t <= widthMs; t += step)
    ticks.push({ offsetMs: t, label: t === 0 ? '0' : `+${formatDuration(t)}` });
  return ticks;
}
