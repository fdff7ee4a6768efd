/**
 * Samples the run once a second: Baton server CPU and RSS (from /proc), Redis used_memory and CPU
 * (INFO), Postgres CPU (the postmaster and its children, from /proc), and the server's `/metrics`
 * (queue depth per task type, completions by status).
 * @module
 */
import { loadavg } from 'node:os';
import type { Redis } from 'ioredis';
import {
  cpuPercent,
  groupCpuSince,
  readGroup,
  readMachineCpu,
  readProcGroup,
} from './proc-stats.js';
import type { GroupCpuState } from './proc-stats.js';
import { scrapeMetricsShared } from './metrics-scraper.js';
import type { MetricsView } from './metrics-scraper.js';

/** One sample. */
export interface RunSample {
  /** Seconds since the run began. */
  tSec: number;
  /** Epoch ms the sample was taken (its CPU figures cover the second before). */
  epochMs?: number;
  phase: string;
  /** The machine's 1-minute load average (other work on the machine shows here). */
  loadAvg1: number;
  serverRssMb: number | null;
  serverCpuPct: number | null;
  redisUsedMb: number | null;
  redisCpuPct: number | null;
  /**
   * The postmaster, its live children (backends, autovacuum, walwriter…) and its exited children,
   * each child's time counted once (`groupCpuSince`).
   */
  postgresCpuPct: number | null;
  /**
   * Every process on the machine (% of one core, so up to cores × 100): the server, Redis and
   * Postgres plus the workers, the load generator, this sampler and anything else running.
   */
  machineCpuPct: number | null;
  /** The benchmark's worker process (Baton's instant workers), while one is watched. */
  workersCpuPct: number | null;
  /** This process: the load generator (open-loop starts, autocannon) and the sampler. */
  benchCpuPct: number | null;
  /** Depth per queue from /metrics (only when a Baton server is up). */
  queueDepth: Record<string, number> | null;
}

function infoNumber(info: string, key: string): number | null {
  const m = new RegExp(`^${key}:([\\d.]+)`, 'm').exec(info);
  return m ? Number(m[1]) : null;
}

/** A 1 Hz sampler; `phase` labels the samples taken from now on. */
export class RunSampler {
  readonly samples: RunSample[] = [];
  phase = 'setup';
  serverPid: number | null = null;
  serverUrl: string | null = null;
  postgresPid: number | null = null;
  lastMetrics: MetricsView | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly t0 = performance.now();
  private prevServer: { cpu: number; t: number } | null = null;
  private prevRedis: { cpu: number; t: number } | null = null;
  private prevPostgres: { state: GroupCpuState; t: number } | null = null;
  private prevMachine: { busy: number; t: number } | null = null;
  private prevBench: { cpu: number; t: number } | null = null;
  private workersPid: number | null = null;
  private prevWorkers: { cpu: number; t: number } | null = null;
  private busy = false;

  constructor(private readonly redis: Redis | null) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      void this.sample().finally(() => {
        this.busy = false;
      });
    }, 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Points at a (new) server process; CPU deltas restart. */
  watchServer(pid: number | null, url: string | null): void {
    this.serverPid = pid;
    this.serverUrl = url;
    this.prevServer = null;
  }

  /** Points at the benchmark's worker process (null: none); CPU deltas restart. */
  watchWorkers(pid: number | null): void {
    this.workersPid = pid;
    this.prevWorkers = null;
  }

  /** Points at the Postgres postmaster; CPU deltas restart. */
  watchPostgres(pid: number | null): void {
    this.postgresPid = pid;
    this.prevPostgres = null;
  }

  private async sample(): Promise<void> {
    const t = (performance.now() - this.t0) / 1000;
    const sample: RunSample = {
      tSec: Math.round(t * 10) / 10,
      epochMs: Date.now(),
      phase: this.phase,
      loadAvg1: Math.round((loadavg()[0] ?? 0) * 10) / 10,
      serverRssMb: null,
      serverCpuPct: null,
      redisUsedMb: null,
      redisCpuPct: null,
      postgresCpuPct: null,
      machineCpuPct: null,
      workersCpuPct: null,
      benchCpuPct: null,
      queueDepth: null,
    };
    const own = process.cpuUsage();
    const ownSeconds = (own.user + own.system) / 1e6;
    if (this.prevBench) {
      sample.benchCpuPct = Math.round(
        cpuPercent(this.prevBench.cpu, ownSeconds, t - this.prevBench.t),
      );
    }
    this.prevBench = { cpu: ownSeconds, t };
    if (this.workersPid !== null) {
      const proc = await readProcGroup(this.workersPid);
      if (proc && this.prevWorkers) {
        sample.workersCpuPct = Math.round(
          cpuPercent(this.prevWorkers.cpu, proc.cpuSeconds, t - this.prevWorkers.t),
        );
      }
      this.prevWorkers = proc && { cpu: proc.cpuSeconds, t };
    }
    const machine = await readMachineCpu();
    if (machine) {
      if (this.prevMachine) {
        sample.machineCpuPct = Math.round(
          cpuPercent(this.prevMachine.busy, machine.busySeconds, t - this.prevMachine.t),
        );
      }
      this.prevMachine = { busy: machine.busySeconds, t };
    }
    if (this.serverPid !== null) {
      const proc = await readProcGroup(this.serverPid);
      if (proc) {
        sample.serverRssMb = Math.round(proc.rssBytes / 2 ** 20);
        if (this.prevServer) {
          sample.serverCpuPct = Math.round(
            cpuPercent(this.prevServer.cpu, proc.cpuSeconds, t - this.prevServer.t),
          );
        }
        this.prevServer = { cpu: proc.cpuSeconds, t };
      }
    }
    if (this.postgresPid !== null) {
      const reading = await readGroup(this.postgresPid);
      if (reading) {
        if (this.prevPostgres) {
          const { seconds, state } = groupCpuSince(this.prevPostgres.state, reading);
          sample.postgresCpuPct = Math.round(cpuPercent(0, seconds, t - this.prevPostgres.t));
          this.prevPostgres = { state, t };
        } else {
          this.prevPostgres = { state: { reading, departed: 0 }, t };
        }
      }
    }
    if (this.redis) {
      try {
        const info = await this.redis.info();
        const used = infoNumber(info, 'used_memory');
        const cpu =
          (infoNumber(info, 'used_cpu_user') ?? 0) + (infoNumber(info, 'used_cpu_sys') ?? 0);
        sample.redisUsedMb = used === null ? null : Math.round((used / 2 ** 20) * 10) / 10;
        if (this.prevRedis) {
          sample.redisCpuPct = Math.round(
            cpuPercent(this.prevRedis.cpu, cpu, t - this.prevRedis.t),
          );
        }
        this.prevRedis = { cpu, t };
      } catch {
        // Redis busy or gone; leave the fields empty.
      }
    }
    if (this.serverUrl !== null) {
      const metrics = await scrapeMetricsShared(this.serverUrl);
      if (metrics) {
        this.lastMetrics = metrics;
        sample.queueDepth = metrics.queueDepth;
      }
    }
    this.samples.push(sample);
  }
}

/** When the server counts as settled: CPU below `cpuPct` for `seconds` samples in a row. */
export interface QuietRule {
  cpuPct: number;
  seconds: number;
}

/**
 * Whether the last `rule.seconds` samples of `phase` all show the server below `rule.cpuPct`
 * (a sample without a server CPU reading breaks the run).
 */
export function isQuiet(samples: readonly RunSample[], phase: string, rule: QuietRule): boolean {
  const tail = samples.filter((s) => s.phase === phase).slice(-rule.seconds);
  return (
    tail.length >= rule.seconds &&
    tail.every((s) => s.serverCpuPct !== null && s.serverCpuPct < rule.cpuPct)
  );
}

/**
 * Waits until the server has finished the background work a previous phase left (indexing and
 * archiving thousands of executions), so the next phase measures its own load; labels the samples
 * `phase` meanwhile. Gives up after `maxSec`. Returns the seconds waited and whether it settled.
 */
export async function waitForQuiet(
  sampler: RunSampler,
  phase: string,
  rule: QuietRule,
  maxSec: number,
): Promise<{ seconds: number; settled: boolean }> {
  sampler.phase = phase;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  while (elapsed() < maxSec) {
    if (isQuiet(sampler.samples, phase, rule)) {
      return { seconds: Math.round(elapsed()), settled: true };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { seconds: Math.round(elapsed()), settled: false };
}
