/**
 * The report's chart: throughput and latency against offered load (Baton and BullMQ), queue
 * depth over time, and memory over time, as one SVG.
 * @module
 */
import { composeCharts } from './svg-chart.js';
import type { ChartSeries, LineChart } from './svg-chart.js';
import type { BenchResults } from './results.js';

type Point = [number, number];

/** Builds the SVG document for a run. */
export function renderResultsChart(r: BenchResults): string {
  const batonSteps = [...(r.baton?.steps ?? [])].sort((a, b) => a.rate - b.rate);
  const bqSteps = [...(r.bullmq?.steps ?? [])].sort((a, b) => a.rate - b.rate);
  const maxRate = Math.max(0, ...batonSteps.map((s) => s.rate), ...bqSteps.map((s) => s.rate));
  const throughput: LineChart = {
    title: 'Workflows completed per second vs offered',
    xLabel: 'offered workflows/s',
    yLabel: 'completed workflows/s',
    series: [
      {
        name: 'offered',
        points: [
          [0, 0],
          [maxRate, maxRate],
        ],
        dashed: true,
      },
      {
        name: 'Baton',
        points: batonSteps.map((s): Point => [s.rate, s.verdict.completedPerSecond]),
      },
      {
        name: 'BullMQ flows',
        points: bqSteps.map((s): Point => [s.rate, s.verdict.completedPerSecond]),
      },
    ],
  };
  const latency: LineChart = {
    title: 'Latency vs offered load',
    xLabel: 'offered workflows/s',
    yLabel: 'ms',
    series: [
      {
        name: 'Baton task update p50',
        points: batonSteps.map((s): Point => [s.rate, s.extra.workers.update.p50Ms]),
      },
      {
        name: 'Baton task update p99',
        points: batonSteps.map((s): Point => [s.rate, s.extra.workers.update.p99Ms]),
      },
      {
        name: 'Baton start p99',
        points: batonSteps.map((s): Point => [s.rate, s.start.latency.p99Ms]),
      },
      {
        name: 'BullMQ flow add p99',
        points: bqSteps.map((s): Point => [s.rate, s.start.latency.p99Ms]),
      },
    ],
  };
  const depthSamples = r.samples.filter((s) => s.queueDepth !== null);
  const queues = new Set(depthSamples.flatMap((s) => Object.keys(s.queueDepth ?? {})));
  const depthSeries: ChartSeries[] = [
    {
      name: 'all queues',
      points: depthSamples.map((s): Point => [
        s.tSec,
        Object.values(s.queueDepth ?? {}).reduce((a, b) => a + b, 0),
      ]),
    },
  ];
  const busiest = [...queues]
    .map((q) => [q, Math.max(...depthSamples.map((s) => s.queueDepth?.[q] ?? 0))] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  for (const [q] of busiest) {
    depthSeries.push({
      name: q,
      points: depthSamples.map((s): Point => [s.tSec, s.queueDepth?.[q] ?? 0]),
    });
  }
  const depth: LineChart = {
    title: 'Baton queue depth over time (/metrics)',
    xLabel: 'seconds since start of run',
    yLabel: 'tasks queued',
    series: depthSeries,
  };
  const memory: LineChart = {
    title: 'Memory and CPU over time',
    xLabel: 'seconds since start of run',
    yLabel: 'MB / % of a core',
    series: [
      {
        name: 'server RSS MB',
        points: r.samples
          .filter((s) => s.serverRssMb !== null)
          .map((s): Point => [s.tSec, s.serverRssMb ?? 0]),
      },
      {
        name: 'Redis used_memory MB',
        points: r.samples
          .filter((s) => s.redisUsedMb !== null)
          .map((s): Point => [s.tSec, s.redisUsedMb ?? 0]),
      },
      {
        name: 'server CPU %',
        points: r.samples
          .filter((s) => s.serverCpuPct !== null)
          .map((s): Point => [s.tSec, s.serverCpuPct ?? 0]),
      },
    ],
  };
  return composeCharts([throughput, latency, depth, memory], 2);
}
