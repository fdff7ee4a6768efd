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

/**
 * Server CPU per task execution of every pass during one step at the same offered rate: the
 * highest rate at which every pass held a step. A process's fixed background work weighs more per
 * task at a lower rate, so only figures at one rate compare what a second process costs.
 */
export interface SameRateComparison {
  /** Offered workflows/s of the compared steps. */
  rate: number;
  /** Per row (same order), server CPU ms per task execution during that step; null if unknown. */
  serverMsPerTask: Array<number | null>;
  /** The last row's figure over the first's; null when either is missing. */
  ratio: number | null;
  withinTolerance: boolean | null;
}

/** The comparison written to `results.json` (`processComparison`). */
export interface ProcessComparison {
  rows: ProcessComparisonRow[];
  /** The same check at one offered rate (absent when no rate held in every pass). */
  sameRate?: SameRateComparison | null;
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

/**
 * Server CPU ms per task execution during `step`: the samples of `phase` taken inside its window
 * (each covers the second before it), over the task executions its workers counted.
 */
export function stepServerMsPerTask(
  step: { window?: { startMs: number; endMs: number }; extra: BatonStepExtra },
  samples: readonly RunSample[],
  phase: string,
): number | null {
  const { window } = step;
  const tasks = step.extra.workers.tasks;
  if (!window || tasks <= 0) return null;
  const inside = samples.filter(
    (s) =>
      s.phase === phase &&
      s.epochMs !== undefined &&
      s.epochMs > window.startMs + 500 &&
      s.epochMs <= window.endMs + 500 &&
      s.serverCpuPct !== null,
  );
  if (inside.length === 0) return null;
  // A sample's % of one core over about a second, in ms; the covered span is the samples' count.
  const cpuMs = inside.reduce((sum, s) => sum + (s.serverCpuPct ?? 0) * 10, 0);
  const coveredSec = inside.length;
  const stepSec = (window.endMs - window.startMs) / 1000;
  // The tasks of the seconds the samples cover (the window's first half-second has none).
  const coveredTasks = tasks * Math.min(1, coveredSec / Math.max(stepSec, 1));
  return Math.round((cpuMs / coveredTasks) * 1000) / 1000;
}

/** {@link SameRateComparison} for `passes`, or null when no rate held in all of them. */
export function sameRateComparison(
  passes: readonly ComparisonPass[],
  samples: readonly RunSample[],
): SameRateComparison | null {
  const heldSteps = passes.map((p) => (p.baton?.steps ?? []).filter((s) => s.verdict.held));
  const rates = heldSteps[0]?.map((s) => s.rate) ?? [];
  const common = rates.filter((rate) =>
    heldSteps.every((steps) => steps.some((s) => s.rate === rate)),
  );
  if (common.length === 0 || passes.length === 0) return null;
  const rate = Math.max(...common);
  const serverMsPerTask = passes.map((p, i) => {
    const step = heldSteps[i]?.find((s) => s.rate === rate);
    const phase = comparisonPhase('baton-sustained', p.processes);
    return step ? stepServerMsPerTask(step, samples, phase) : null;
  });
  const one = serverMsPerTask[0] ?? null;
  const many =
    serverMsPerTask.length > 1 ? (serverMsPerTask[serverMsPerTask.length - 1] ?? null) : null;
  const ratio =
    one !== null && many !== null && one > 0 ? Math.round((many / one) * 100) / 100 : null;
  return {
    rate,
    serverMsPerTask,
    ratio,
    withinTolerance: ratio === null ? null : ratio <= 1 + CPU_PER_TASK_TOLERANCE,
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
    sameRate: sameRateComparison(passes, samples),
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
  const same = c.sameRate ?? null;
  const sameLine =
    same === null || same === undefined
      ? 'No offered rate held in both passes, so CPU per task execution was not compared at one rate.'
      : `At the same offered rate, ${same.rate} workflows/s (held in both passes), server CPU per task execution during that step was ${same.serverMsPerTask.map((v, i) => `${fmt(v, 3)} ms with ${c.rows[i]?.processes ?? '?'} process${c.rows[i]?.processes === 1 ? '' : 'es'}`).join(' and ')}` +
        (same.ratio === null
          ? '.'
          : `: ${same.ratio}×, ${same.withinTolerance ? 'within' : '**not within**'} the ${CPU_PER_TASK_TOLERANCE * 100} %. A process's background work (indexing, timers) weighs more per task at a lower rate, so this is the figure that compares like with like.`);
  return [
    '## Server processes compared (`--compare-processes`)',
    '',
    "The sustained step-up (with its hold in a full run) and the start burst, first against a server of one process (the run above), then against a fresh server of two (`BATON_PROCESSES=2`) on the same Redis and Postgres servers but in empty databases of their own (Redis database 1, a new Postgres database), so that it does not work through what the first pass left (workflows still in flight, search-index and archive work). CPU is from `/proc` over the whole sustained phase, summed over the server's processes; conflicts, stale-copy retries and the hot-table miss ratio (misses ÷ (hits + misses)) are the differences of the `/metrics` counters at the start and end of the reported step, over its task executions.",
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    verdict,
    '',
    sameLine,
    '',
  ];
}
