/**
 * Puts a run's measurements together into {@link BenchResults}: headline, targets, memory
 * extremes and notes about the conditions of the run.
 * @module
 */
import type { MachineInfo } from '../stack/machine.js';
import type { RunSample } from '../stack/sampler.js';
import type { MeasuredStore } from '../stack/baton-server.js';
import type { RunProfile } from '../cli/profile.js';
import type { PgTableStats } from '../stack/postgres-stats.js';
import {
  checkMemory,
  checkTargets,
  extremes,
  meanMax,
  reportedStep,
  toHeadline,
} from './summarize.js';
import type { BenchResults } from './results.js';

/** The raw material of a run. */
export interface RunRecord {
  phases: Pick<
    BenchResults,
    'burst' | 'floor' | 'baton' | 'bullmq' | 'metrics' | 'profile' | 'sizeCost'
  >;
  soak: { seconds: number; rate: number; held: boolean } | null;
  store: MeasuredStore | null;
  quick: boolean;
  payloadBytes: number;
  /** Server processes. */
  processes: number;
  argv: readonly string[];
  startedAt: Date;
  endedAt: Date;
  machine: MachineInfo;
  profile: RunProfile;
  samples: RunSample[];
  /** The largest Postgres tables at the end of the run; null when not read. */
  postgresTables: PgTableStats[] | null;
  /** The load the profiled server ran; null when no profile was taken. */
  profiledLoad: BenchResults['profiledLoad'];
  /** `--compare-processes`: the side-by-side rows; null (or absent) otherwise. */
  processComparison?: BenchResults['processComparison'];
  notes: string[];
}

/**
 * CPU ms per task execution in the sustained Baton phase (server, Redis, Postgres), from the once-a-second samples (each
 * sample's % of one core over its second) and the workers' count of tasks in every step.
 */
export function cpuPerTask(
  run: { samples: RunSample[]; phases: Pick<RunRecord['phases'], 'baton'> },
  phase = 'baton-sustained',
): {
  serverMsPerTask: number | null;
  redisMsPerTask: number | null;
  postgresMsPerTask: number | null;
  machineMsPerTask: number | null;
  workersMsPerTask: number | null;
} {
  const baton = run.phases.baton;
  const steps = baton ? [...baton.steps, ...(baton.hold ? [baton.hold] : [])] : [];
  const tasks = steps.reduce((sum, step) => sum + step.extra.workers.tasks, 0);
  const sustained = run.samples.filter((s) => s.phase === phase);
  const perTask = (pick: (s: RunSample) => number | null): number | null => {
    const known = sustained.filter((s) => pick(s) !== null);
    if (tasks === 0 || known.length === 0) return null;
    const cpuMs = known.reduce((sum, s) => sum + (pick(s) ?? 0), 0) * 10;
    return Math.round((cpuMs / tasks) * 1000) / 1000;
  };
  return {
    serverMsPerTask: perTask((s) => s.serverCpuPct),
    redisMsPerTask: perTask((s) => s.redisCpuPct),
    postgresMsPerTask: perTask((s) => s.postgresCpuPct),
    machineMsPerTask: perTask((s) => s.machineCpuPct),
    workersMsPerTask: perTask((s) => s.workersCpuPct),
  };
}

/** Phases whose figures the report states (not set-up, settling or the profiled server). */
const MEASURED_PHASES = new Set([
  'floor',
  'bullmq',
  'baton-sustained',
  'soak',
  'baton-burst',
  'baton-burst-saturation',
]);

/**
 * Above this mean (% of one core), CPU no watched process used is taken as other work on the
 * machine; below it, it is the kernel's own time (loopback networking, interrupts) and noise.
 */
export const OTHER_WORK_PCT = 50;

/**
 * The machine's busy time that none of the watched processes used (server, Redis, Postgres, the
 * workers, the benchmark itself); null without a machine reading.
 */
export function unattributedCpuPct(s: RunSample): number | null {
  if (s.machineCpuPct === null) return null;
  const watched = [s.serverCpuPct, s.redisCpuPct, s.postgresCpuPct, s.workersCpuPct, s.benchCpuPct];
  return Math.max(0, s.machineCpuPct - watched.reduce<number>((sum, v) => sum + (v ?? 0), 0));
}

/** The sampler's label for the saturation part of the start burst. */
export const BURST_SATURATION_PHASE = 'baton-burst-saturation';

/**
 * CPU ms per workflow start at saturation (server and the whole machine): the mean CPU of the
 * samples taken while autocannon saturated the server, over the starts per second it measured.
 */
export function cpuPerStart(
  run: { samples: RunSample[]; phases: Pick<RunRecord['phases'], 'burst'> },
  phase = BURST_SATURATION_PHASE,
): {
  serverMsPerStart: number | null;
  machineMsPerStart: number | null;
} {
  const rate = run.phases.burst?.saturation.requestsPerSecond ?? 0;
  const samples = run.samples.filter((s) => s.phase === phase);
  const perStart = (pick: (s: RunSample) => number | null): number | null => {
    const { mean } = meanMax(samples, pick);
    if (mean === null || rate <= 0) return null;
    return Math.round(((mean * 10) / rate) * 1000) / 1000;
  };
  return {
    serverMsPerStart: perStart((s) => s.serverCpuPct),
    machineMsPerStart: perStart((s) => s.machineCpuPct),
  };
}

/** Builds the results of a run. */
export function assembleResults(run: RunRecord): BenchResults {
  const headline = toHeadline(run.phases);
  const { samples } = run;
  const soakSamples = samples.filter((s) => s.phase === 'soak');
  const sustained = samples.filter((s) => s.phase === 'baton-sustained');
  const notes = [...run.notes];
  const maxLoad = Math.max(0, ...samples.map((s) => s.loadAvg1));
  const unattributed = meanMax(
    samples.filter((s) => MEASURED_PHASES.has(s.phase)),
    unattributedCpuPct,
  );
  if (unattributed.mean !== null && unattributed.mean > OTHER_WORK_PCT) {
    notes.push(
      `CPU that none of the benchmark's processes used averaged ${unattributed.mean} % of a core during the measured phases (the machine's busy time minus the server, Redis, Postgres, the workers and the benchmark itself): other work was probably running, and every figure is lower than an otherwise idle machine would give.`,
    );
  }
  if (run.store !== null && run.store !== 'redis+postgres') {
    notes.push(
      `Measured on ${run.store}, not Redis+Postgres (the server refused REDIS_URL, or --store chose this).`,
    );
  }
  const soakMemory = run.soak && {
    ...run.soak,
    serverRssMb: extremes(soakSamples, (s) => s.serverRssMb),
    redisUsedMb: extremes(soakSamples, (s) => s.redisUsedMb),
  };
  return {
    ...headline,
    measuredStore: run.store,
    quick: run.quick,
    payloadBytes: run.payloadBytes,
    serverProcesses: run.processes,
    command: ['npm run bench', ...(run.argv.length > 0 ? ['--', ...run.argv] : [])].join(' '),
    startedAt: run.startedAt.toISOString(),
    durationSec: Math.round((run.endedAt.getTime() - run.startedAt.getTime()) / 1000),
    machine: run.machine,
    targets: [
      ...checkTargets(headline, run.profile.burstFixedRate, run.profile.holdSec),
      checkMemory(soakMemory),
    ],
    cpu: {
      serverSustained: meanMax(sustained, (s) => s.serverCpuPct),
      redisSustained: meanMax(sustained, (s) => s.redisCpuPct),
      postgresSustained: meanMax(sustained, (s) => s.postgresCpuPct),
      machineSustained: meanMax(sustained, (s) => s.machineCpuPct),
      postgresSoak: soakSamples.length > 0 ? meanMax(soakSamples, (s) => s.postgresCpuPct) : null,
      redisBullmq: meanMax(
        samples.filter((s) => s.phase === 'bullmq'),
        (s) => s.redisCpuPct,
      ),
      maxLoadAvg1: maxLoad,
      unattributed,
      ...cpuPerTask(run),
      ...cpuPerStart(run),
    },
    memory: {
      serverRssMb: extremes(samples, (s) => s.serverRssMb),
      redisUsedMb: extremes(samples, (s) => s.redisUsedMb),
      soak: soakMemory,
    },
    ...run.phases,
    redoneWork: reportedStep(run.phases.baton)?.extra.redone ?? null,
    processComparison: run.processComparison ?? null,
    postgresTables: run.postgresTables,
    profiledLoad: run.profiledLoad,
    samples,
    notes,
  };
}
