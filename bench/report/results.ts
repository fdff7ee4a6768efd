/**
 * The shape of `results.json`: headline numbers at the top level (the names the issue asks for),
 * then the details every chart and table of the report is drawn from.
 * @module
 */
import type { MachineInfo } from '../stack/machine.js';
import type { RunSample } from '../stack/sampler.js';
import type { HttpLoadResult } from '../load/autocannon-run.js';
import type { StepResult } from '../load/step-runner.js';
import type { BatonStepExtra } from '../baton/baton-target.js';
import type { BullmqStepExtra } from '../bullmq/bullmq-target.js';
import type { MeasuredStore } from '../stack/baton-server.js';
import type { PgTableStats } from '../stack/postgres-stats.js';
import type { ProfileSummary } from './cpu-profile.js';
import type { RedoneWork } from '../stats/redone-work.js';
import type { ProcessComparison } from './process-comparison.js';

/** A target from the issue and how far the run is from it. */
export interface TargetCheck {
  name: string;
  target: string;
  actual: string;
  met: boolean | null;
  /**
   * For a missed target, how many times better the figure must get (target ÷ figure for a rate,
   * figure ÷ limit for a latency); null when met, not measured or not a ratio.
   */
  factor: number | null;
}

/** start/end/max of a sampled figure. */
export interface Extremes {
  start: number | null;
  end: number | null;
  max: number | null;
}

/** Sustained search results of one system. */
export interface SustainedResult<Extra> {
  steps: Array<StepResult<Extra>>;
  heldRate: number | null;
  /** The step whose figures are reported: the hold run when there is one, else the best held step. */
  reported: StepResult<Extra> | null;
  hold: StepResult<Extra> | null;
}

/** The per-update cost of one workflow size (`bench/phases/size-phase.ts`). */
export interface SizeCostRow {
  /** Tasks in the workflow (its updates were measured while it held N/2 to N of them). */
  tasks: number;
  updates: number;
  seconds: number;
  /** Server CPU (all its processes) per task execution: its poll and its update. */
  serverCpuMsPerUpdate: number | null;
  /** The server's CPU ms per second while idle just before (background loops, scrapes). */
  serverIdleCpuMsPerSecond: number;
  /** Server CPU per task execution minus that idle rate over the measured time. */
  serverCpuMsPerUpdateAboveIdle: number | null;
  updateP50Ms: number;
  updateP99Ms: number;
  /** Redone work over the measured updates (`/metrics` before and after); null when not scraped. */
  redone?: RedoneWork | null;
}

/** Everything a run produced. */
export interface BenchResults {
  startsPerSecond: number | null;
  startP50Ms: number | null;
  startP95Ms: number | null;
  startP99Ms: number | null;
  taskExecutionsPerSecond: number | null;
  peakTaskExecutionsPerSecond: number | null;
  workflowsPerSecond: number | null;
  sustainedHeld: boolean;
  taskUpdatesPerSecond: number | null;
  taskUpdateP50Ms: number | null;
  taskUpdateP95Ms: number | null;
  taskUpdateP99Ms: number | null;
  sustainedStartP99Ms: number | null;
  taskDataMBps: number | null;
  bullmqWorkflowsPerSecond: number | null;
  ratioVsBullmq: number | null;
  floorRequestsPerSecond: number | null;
  taskUpdatesFractionOfFloor: number | null;
  measuredStore: MeasuredStore | null;
  quick: boolean;
  payloadBytes: number;
  /** Server processes sharing the port (`BATON_PROCESSES`). */
  serverProcesses: number;
  command: string;
  startedAt: string;
  durationSec: number;
  machine: MachineInfo;
  targets: TargetCheck[];
  /**
   * CPU use (% of one core) while the sustained Baton phase ran; BullMQ's phase for Redis; the
   * soak for Postgres (null without a soak). Postgres is the postmaster and all its children.
   */
  cpu: {
    serverSustained: { mean: number | null; max: number | null };
    redisSustained: { mean: number | null; max: number | null };
    postgresSustained: { mean: number | null; max: number | null };
    /** Every process on the machine during the sustained run (up to cores × 100 %). */
    machineSustained: { mean: number | null; max: number | null };
    postgresSoak: { mean: number | null; max: number | null } | null;
    redisBullmq: { mean: number | null; max: number | null };
    /** Highest 1-minute load average seen (the benchmark's own runnable threads count). */
    maxLoadAvg1: number;
    /**
     * Busy CPU none of the watched processes used, over the measured phases (% of one core):
     * kernel time outside processes, and any other work on the machine.
     */
    unattributed: { mean: number | null; max: number | null };
    /**
     * CPU milliseconds per task execution during the sustained Baton phase (server process,
     * Redis and Postgres): less sensitive to other work on the machine than rates, and 1000 ÷ the server figure
     * is what one server process could do with a core to itself.
     */
    serverMsPerTask: number | null;
    redisMsPerTask: number | null;
    postgresMsPerTask: number | null;
    /** Every process on the machine (workers and load generator included) per task execution. */
    machineMsPerTask: number | null;
    /** The benchmark's instant workers (one process, HTTP polls and updates) per task execution. */
    workersMsPerTask: number | null;
    /** Server and whole-machine CPU ms per workflow start while the burst saturated the server. */
    serverMsPerStart: number | null;
    machineMsPerStart: number | null;
  };
  memory: {
    serverRssMb: Extremes;
    redisUsedMb: Extremes;
    /** The soak: how long, at what offered rate (workflows/s), and whether its backlog stayed bounded. */
    soak: null | {
      seconds: number;
      rate: number;
      serverRssMb: Extremes;
      redisUsedMb: Extremes;
      held: boolean;
    };
  };
  burst: { fixed: HttpLoadResult; saturation: HttpLoadResult } | null;
  floor: HttpLoadResult | null;
  baton: SustainedResult<BatonStepExtra> | null;
  bullmq: SustainedResult<BullmqStepExtra> | null;
  metrics: null | {
    queueDepth: Record<string, number>;
    starts: Record<string, number>;
    completionsByStatus: Record<string, number>;
    updateLatencyMs: Record<string, number | null>;
    pollLatencyMs: Record<string, number | null>;
  };
  profile: ProfileSummary | null;
  /**
   * Per-update cost against workflow size (the `sizes` phase): one row per size, null when the
   * phase did not run.
   */
  sizeCost: SizeCostRow[] | null;
  /**
   * Redone work per task execution in the sustained Baton phase, over the reported step (the
   * hold when there is one): the differences of the server's `/metrics` counters at its start and
   * end over the workers' task count. Null when the phase did not run or a scrape failed.
   */
  redoneWork: RedoneWork | null;
  /** `--compare-processes`: the same phases against one and two server processes; else null. */
  processComparison: ProcessComparison | null;
  /**
   * What the profiled server ran (a second server, after the measured phases): one sustained step
   * at `rate` workflows/s for `seconds`, then a start burst at saturation.
   */
  profiledLoad: { rate: number; seconds: number } | null;
  /**
   * The largest Postgres tables at the end of the run (after the server stopped, before Postgres
   * did); null when they could not be read.
   */
  postgresTables: PgTableStats[] | null;
  samples: RunSample[];
  notes: string[];
}
