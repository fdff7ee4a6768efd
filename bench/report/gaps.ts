/**
 * The report section "How far from the targets, and why": the CPU each operation cost in this
 * run, set against what the machine's cores allow and what each target needs. Pure: every figure
 * comes from the results; nothing is printed for a figure that was not measured.
 * @module
 */
import type { BenchResults } from './results.js';

/** Task executions per second the throughput target asks for. */
export const TARGET_TASK_EXECUTIONS = 3000;
/** Workflows per second the published-workload target asks for. */
export const TARGET_WORKFLOWS = 210;
/** Starts per second the burst target asks for. */
export const TARGET_STARTS = 3000;

const fmt = (v: number, digits = 0) =>
  v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** What the machine and one server thread allow at a measured CPU cost per operation. */
export interface Ceiling {
  /** Operations per second the whole machine could do at this cost, with nothing else running. */
  machine: number | null;
  /** Operations per second one server process could do with a core to itself. */
  serverThread: number | null;
}

/** Ceilings from CPU ms per operation (whole machine and server) and the machine's cores. */
export function ceilings(
  cores: number,
  machineMs: number | null,
  serverMs: number | null,
): Ceiling {
  return {
    machine: machineMs && machineMs > 0 ? Math.floor((cores * 1000) / machineMs) : null,
    serverThread: serverMs && serverMs > 0 ? Math.floor(1000 / serverMs) : null,
  };
}

/**
 * Task executions per workflow of the sustained shape, measured: task executions per second over
 * workflows per second of the reported step.
 */
export function tasksPerWorkflow(
  r: Pick<BenchResults, 'taskExecutionsPerSecond' | 'workflowsPerSecond'>,
): number | null {
  const { taskExecutionsPerSecond: tasks, workflowsPerSecond: workflows } = r;
  return tasks && workflows ? Math.round((tasks / workflows) * 10) / 10 : null;
}

function taskCostTable(r: BenchResults): string[] {
  const c = r.cpu;
  if (c.machineMsPerTask === null) return [];
  const parts: Array<[string, number | null]> = [
    ['Baton server', c.serverMsPerTask],
    ['Redis', c.redisMsPerTask],
    ['Postgres (postmaster and all its processes)', c.postgresMsPerTask],
    ["the benchmark's workers (one process polling and updating over HTTP)", c.workersMsPerTask],
  ];
  const known = parts.reduce((sum, [, v]) => sum + (v ?? 0), 0);
  const rest = Math.max(0, c.machineMsPerTask - known);
  const row = (name: string, v: number | null) =>
    `| ${name} | ${v === null ? '–' : fmt(v, 3)} | ${v === null ? '–' : `${fmt((100 * v) / c.machineMsPerTask!)} %`} |`;
  return [
    '| CPU per task execution, sustained run | ms | share |',
    '|---|---|---|',
    ...parts.map(([name, v]) => row(name, v)),
    row('load generator, sampler, kernel and the rest of the machine', rest),
    row('**whole machine**', c.machineMsPerTask),
    '',
  ];
}

/** The section's lines; empty when the run measured nothing it could explain. */
export function renderGaps(r: BenchResults): string[] {
  const cores = r.machine.nproc;
  const c = r.cpu;
  const lines: string[] = [];
  const missed = r.targets.filter((t) => t.met === false);
  if (missed.length > 0) {
    lines.push(
      `Missed: ${missed.map((t) => `${t.name} (${t.actual}${t.factor ? `, ${t.factor}× from ${t.target}` : ''})`).join('; ')}.`,
      '',
    );
  }
  if (c.machineSustained.mean !== null) {
    lines.push(
      `During the sustained run the machine's ${cores} cores were ${c.machineSustained.mean} % busy on average (at most ${cores * 100} %), everything on the machine counted.`,
      '',
    );
  }
  lines.push(...taskCostTable(r));
  const tasks = ceilings(cores, c.machineMsPerTask, c.serverMsPerTask);
  if (tasks.machine !== null && c.machineMsPerTask !== null) {
    const budget = (cores * 1000) / TARGET_TASK_EXECUTIONS;
    lines.push(
      `- **Task executions.** ${cores} cores give ${fmt(cores * 1000)} ms of CPU per second. At ${fmt(c.machineMsPerTask, 3)} ms per task execution in all, this machine can run at most about ${fmt(tasks.machine)} task executions per second with nothing to spare; ${fmt(TARGET_TASK_EXECUTIONS)} per second needs at most ${fmt(budget, 3)} ms per task execution in all, ${fmt(c.machineMsPerTask / budget, 1)}× less than measured.`,
    );
  }
  if (tasks.serverThread !== null && c.serverMsPerTask !== null) {
    lines.push(
      `- **The server's share.** The server runs the engine on one Node thread per process. At ${fmt(c.serverMsPerTask, 3)} ms per task execution one process can do at most about ${fmt(tasks.serverThread)} per second even with a core to itself.`,
    );
  }
  if (c.machineMsPerTask !== null && c.serverMsPerTask !== null) {
    const others = c.machineMsPerTask - c.serverMsPerTask;
    if (others > 0) {
      const withoutServer = Math.floor((cores * 1000) / others);
      lines.push(
        `- **Everything but the server** (Redis, Postgres, the benchmark's workers, the load generator) cost ${fmt(others, 3)} ms per task execution, so even a server that cost nothing would leave this machine about ${fmt(withoutServer)} task executions per second${withoutServer < TARGET_TASK_EXECUTIONS ? `, short of ${fmt(TARGET_TASK_EXECUTIONS)} while the workers share the machine` : ''}.`,
      );
    }
  }
  const perWorkflow = tasksPerWorkflow(r);
  if (perWorkflow !== null) {
    const needed = TARGET_WORKFLOWS * perWorkflow;
    lines.push(
      `- **The published workload.** One 13-step + sub-workflow workflow was ${fmt(perWorkflow, 1)} task executions in this run (task executions ÷ workflows per second), so ${TARGET_WORKFLOWS} workflows per second is about ${fmt(needed)} task executions per second${tasks.machine !== null ? `, against the ${fmt(tasks.machine)} per second the machine allows at the measured cost` : ''}.`,
    );
  }
  const starts = ceilings(cores, c.machineMsPerStart, c.serverMsPerStart);
  if (c.serverMsPerStart !== null && c.machineMsPerStart !== null) {
    lines.push(
      `- **Starts.** While the burst saturated the server, a start cost ${fmt(c.serverMsPerStart, 3)} ms of server CPU and ${fmt(c.machineMsPerStart, 3)} ms of the machine's (autocannon included): one server thread tops out near ${fmt(starts.serverThread ?? 0)} starts per second and the machine near ${fmt(starts.machine ?? 0)}; ${fmt(TARGET_STARTS)} per second needs at most ${fmt(1000 / TARGET_STARTS, 3)} ms of server CPU per start.`,
    );
  }
  if (r.bullmqWorkflowsPerSecond !== null && r.cpu.redisBullmq.mean !== null) {
    lines.push(
      `- **BullMQ** held ${fmt(r.bullmqWorkflowsPerSecond, 1)} flows per second with its workers taking jobs straight from Redis (no HTTP hop, no server process); Redis used ${r.cpu.redisBullmq.mean} % of a core on average during its run.`,
    );
  }
  if (r.profile) {
    lines.push(
      "- Where the server's own time goes is in the profile below (a second server, profiled after the measured phases).",
    );
  }
  if (lines.length === 0) return [];
  return ['## How far from the targets, and why', '', ...lines, ''];
}
