/**
 * `--compare-processes` (issue 20): the sustained (held rate) and burst phases against a server of
 * one process, then of two (`BATON_PROCESSES=2`), in the same run, side by side: throughput, CPU per
 * task execution (every server process summed) and the redone work per task execution.
 * @module
 */
import type { BatonStepExtra } from '../baton/baton-target.js';
import type { HttpLoadResult } from '../load/autocannon-run.js';
import type { MeasuredStore } from '../stack/baton-server.js';
import type { RunSample } from '../stack/sampler.js';
import type { RedoneWork } from '../stats/redone-work.js';
import { BURST_SATURATION_PHASE, cpuPerStart, cpuPerTask } from './assemble.js';
import type { SustainedResult } from './results.js';
import { reportedStep, tasksPerSecond, workflowRate } from './summarize.js';

/** The server process counts compared, in the order they run. */
export const COMPARED_PROCESSES = [1, 2] as const;

/**
 * Issue 20: with two processes the server CPU per task execution stays within this fraction of
 * one process's.
 */
export const CPU_PER_TASK_TOLERANCE = 0.1;

/**
 * The sampler's label for a phase of the pass with `processes` server processes: the usual label
 * for one process (that pass is the run's main one), suffixed otherwise.
 */
export function comparisonPhase(base: string, processes: number): string {
  return processes === 1 ? base : `${base}@${processes}p`;
}

/** What one pass measured. */
export interface ComparisonPass {
  processes: number;
  store: MeasuredStore;
  baton: SustainedResult<BatonStepExtra> | null;
  burst: { fixed: HttpLoadResult; saturation: HttpLoadResult } | null;
}

/** One row of the comparison. */
export interface ProcessComparisonRow {
  processes: number;
  store: MeasuredStore;
  /** The highest offered workflows/s that held (the hold's rate), null when none held. */
  heldRate: number | null;
  /** Offered workflows/s of the reported step (the hold, else the best step). */
  offeredRate: number | null;
  held: boolean;
  workflowsPerSecond: number | null;
  taskExecutionsPerSecond: number | null;
  /** CPU ms per task execution over the sustained phase: every server process, then Redis. */
  serverMsPerTask: number | null;
  redisMsPerTask: number | null;
  postgresMsPerTask: number | null;
  /** Redone work over the reported step. */
  conflictsPerTask: number | null;
  staleRetriesPerTask: number | null;
  hotTableMissRatio: number | null;
  burstStartsPerSecond: number | null;
  /** Server CPU ms per start at burst saturation. */
  serverMsPerStart: number | null;
}

/** The comparison written to `results.json` (`processComparison`). */
export interface ProcessComparison {
  rows: ProcessComparisonRow[];
  /** Server CPU per task execution of the last row over the first's; null when either is missing. */
  serverMsPerTaskRatio: number | null;
  /** Whether that ratio is at most 1 + {@link CPU_PER_TASK_TOLERANCE}; null when not measured. */
  serverCpuWithinTolerance: boolean | null;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** One row from a pass and the run's samples (labelled per {@link comparisonPhase}). */
export function comparisonRow(pass: ComparisonPass, samples: RunSample[]): ProcessComparisonRow {
  const step = reportedStep(pass.baton);
  const cpu = cpuPerTask(
    { samples, phases: { baton: pass.baton } },
    comparisonPhase('baton-sustained', pass.processes),
  );
  const perStart = cpuPerStart(
    { samples, phases: { burst: pass.burst } },
    comparisonPhase(BURST_SATURATION_PHASE, pass.processes),
  );
  const redone: RedoneWork | null = step?.extra.redone ?? null;
  return {
    processes: pass.processes,
    store: pass.store,
    heldRate: pass.baton?.heldRate ?? null,
    offeredRate: step?.rate ?? null,
    held: step?.verdict.held ?? false,
    workflowsPerSecond: step ? r1(workflowRate(step)) : null,
    taskExecutionsPerSecond: step ? r1(tasksPerSecond(step)) : null,
    serverMsPerTask: cpu.serverMsPerTask,
    redisMsPerTask: cpu.redisMsPerTask,
    postgresMsPerTask: cpu.postgresMsPerTask,
    conflictsPerTask: redone?.conflictsPerTask ?? null,
    staleRetriesPerTask: redone?.staleRetriesPerTask ?? null,
    hotTableMissRatio: redone?.hotTableMissRatio ?? null,
    burstStartsPerSecond: pass.burst?.saturation.requestsPerSecond ?? null,
    serverMsPerStart: perStart.serverMsPerStart,
  };
}

/** The rows of every pass and the CPU check between the first and the last. */
export function buildProcessComparison(
  passes: readonly ComparisonPass[],
  samples: RunSample[],
): ProcessComparison {
  const rows = passes.map((p) => comparisonRow(p, samples));
  const one = rows[0]?.serverMsPerTask ?? null;
  const many = rows.length > 1 ? (rows[rows.length - 1]?.serverMsPerTask ?? null) : null;
  const ratio =
    one !== null && many !== null && one > 0 ? Math.round((many / one) * 100) / 100 : null;
  return {
    rows,
    serverMsPerTaskRatio: ratio,
    serverCpuWithinTolerance: ratio === null ? null : ratio <= 1 + CPU_PER_TASK_TOLERANCE,
  };
}

const fmt = (v: number | null, digits?: number) =>
  v === null ? '–' : digits === undefined ? v.toLocaleString('en-US') : v.toFixed(digits);

/** The report section; nothing when the comparison did not run. */
export function renderProcessComparison(c: ProcessComparison | null): string[] {
  if (!c || c.rows.length === 0) return [];
  const header = [
    'server processes',
    'completed wf/s (offered)',
    'task executions/s',
    'server CPU ms per task execution (all processes)',
    'Redis CPU ms per task execution',
    'conflicts per task execution',
    'stale-copy retries per task execution',
    'hot-table miss ratio',
    'burst starts/s',
  ];
  const rows = c.rows.map((r) => [
    `${r.processes} (${r.store})`,
    `${fmt(r.workflowsPerSecond)} (${fmt(r.offeredRate)}${r.held ? ', held' : ', not held'})`,
    fmt(r.taskExecutionsPerSecond),
    fmt(r.serverMsPerTask, 3),
    fmt(r.redisMsPerTask, 3),
    fmt(r.conflictsPerTask, 4),
    fmt(r.staleRetriesPerTask, 4),
    fmt(r.hotTableMissRatio, 4),
    fmt(r.burstStartsPerSecond),
  ]);
  const verdict =
    c.serverMsPerTaskRatio === null
      ? 'Server CPU per task execution was not measured for both, so the 10 % check was not made.'
      : `Server CPU per task execution with ${c.rows[c.rows.length - 1]?.processes} processes is ${c.serverMsPerTaskRatio}× that of one process: ${c.serverCpuWithinTolerance ? 'within' : '**not within**'} the ${CPU_PER_TASK_TOLERANCE * 100} % issue 20 allows.`;
  return [
    '## Server processes compared (`--compare-processes`)',
    '',
    "The sustained step-up (with its hold in a full run) and the start burst, first against a server of one process (the run above), then against a fresh server of two (`BATON_PROCESSES=2`) on the same Redis and Postgres, which by then hold the first pass's data. CPU is from `/proc` over the whole sustained phase, summed over the server's processes; conflicts, stale-copy retries and the hot-table miss ratio (misses ÷ (hits + misses)) are the differences of the `/metrics` counters at the start and end of the reported step, over its task executions.",
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    verdict,
    '',
  ];
}
