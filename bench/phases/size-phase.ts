/**
 * Per-update cost against workflow size: workflows of N SIMPLE tasks in sequence (N = 10, 100,
 * 1,000) and a last task of another type, each task completed by a worker in this process (poll
 * one, update it), at a modest fixed rate. First every size's workflows run their first half
 * unmeasured, as fast as it goes (which also warms the server's code up for every size). Then the
 * updates of their second half (the execution then holds N/2 to N tasks) are paced and measured,
 * in rounds that take the sizes in turn (10, 100, 1,000, 10, ...), so a drift of the machine's
 * speed during the phase falls on every size alike: the server's CPU time (`/proc`, all its
 * processes) per task execution (its poll and its update) and each update's latency seen by the
 * worker. The last task, of another type, is never polled: no measured update ends a workflow,
 * since ending one is a cost per workflow, not per update. A server whose work per update follows
 * what changed shows the same figures for every N.
 * @module
 */
import { BatonClient } from '@baton/client';
import type { TaskDef, WorkflowDef } from '@baton/engine';
import { readProcGroup } from '../stack/proc-stats.js';
import { scrapeMetrics } from '../stack/metrics-scraper.js';
import {
  NO_REDONE_COUNTERS,
  counterDelta,
  redonePerTask,
  sumCounters,
  type RedoneCounters,
} from '../stats/redone-work.js';
import { round2, summarize } from '../stats/percentiles.js';
import type { SizeCostRow } from '../report/results.js';

/** Workflow sizes measured. */
export const SIZE_PHASE_SIZES: readonly number[] = [10, 100, 1_000];

const taskType = (n: number) => `bench_size_${n}_task`;
const workflowName = (n: number) => `bench_size_${n}`;
/** The last task of every size's workflows, left unpolled (see the module comment). */
const END_TASK_TYPE = 'bench_size_end';
/** Measured rounds per size (fewer when a size has fewer measured updates). */
const ROUNDS = 3;

/** How long and how fast the phase runs. */
export interface SizePhaseOptions {
  /** Measured updates per size. */
  updates: number;
  /** Measured updates per second (the pace of the worker). */
  rate: number;
  payloadBytes: number;
  /** The longest wait for a quiet server before each size (default 20 s). */
  idleMaxMs?: number;
}

/** N SIMPLE tasks in sequence, each taking the previous one's output. */
export function sizeWorkflowDef(n: number): WorkflowDef {
  return {
    name: workflowName(n),
    version: 1,
    schemaVersion: 2,
    ownerEmail: 'bench@baton.local',
    timeoutSeconds: 0,
    tasks: [
      ...Array.from({ length: n }, (_, i) => ({
        name: taskType(n),
        taskReferenceName: `t${i + 1}`,
        type: 'SIMPLE' as const,
        inputParameters: { data: i === 0 ? '${workflow.input.data}' : `\${t${i}.output.data}` },
      })),
      {
        name: END_TASK_TYPE,
        taskReferenceName: 'end',
        type: 'SIMPLE' as const,
        inputParameters: { data: `\${t${n}.output.data}` },
      },
    ],
  };
}

function sizeTaskDef(name: string): TaskDef {
  return {
    name,
    retryCount: 0,
    timeoutSeconds: 0,
    responseTimeoutSeconds: 600,
    ownerEmail: 'bench@baton.local',
  };
}

/** Registers the definitions of every size. */
export async function registerSizeDefinitions(url: string): Promise<void> {
  const client = new BatonClient({ baseUrl: url });
  await client.metadata.registerTaskDefs(
    [...SIZE_PHASE_SIZES.map(taskType), END_TASK_TYPE].map(sizeTaskDef),
  );
  await client.metadata.updateWorkflowDefs(SIZE_PHASE_SIZES.map(sizeWorkflowDef));
}

/** The window over which the server's idle CPU is read while waiting for it to be quiet. */
const IDLE_WINDOW_MS = 1_000;
/** The longest wait for a quiet server before each size's measured updates. */
const IDLE_MAX_MS = 20_000;
/** Two windows in a row within this many ms of CPU per second of each other count as quiet. */
const IDLE_STEADY_MS_PER_S = 15;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs every size against the server at `url` whose main process is `serverPid`. */
export async function runSizePhase(
  url: string,
  serverPid: number,
  options: SizePhaseOptions,
  log: (line: string) => void,
): Promise<SizeCostRow[]> {
  await registerSizeDefinitions(url);
  const sizes = [];
  for (const n of SIZE_PHASE_SIZES) sizes.push(await prepareSize(url, n, options));
  // The server's own background work (sweeper timers, metrics scrapes) costs CPU per second, not
  // per update: measured idle first, so it can be told apart, once the catching-up that the
  // unmeasured halves left (indexing, archiving) is over.
  const idleCpuPerSecond = await quietIdleRate(
    serverPid,
    cpuRate,
    Math.ceil((options.idleMaxMs ?? IDLE_MAX_MS) / IDLE_WINDOW_MS),
  );
  const rounds = Math.max(1, Math.min(ROUNDS, options.updates));
  for (let round = 0; round < rounds; round += 1) {
    for (const size of sizes) {
      const share =
        Math.floor(options.updates / rounds) + (round < options.updates % rounds ? 1 : 0);
      await measureRound(url, serverPid, size, share, options.rate);
    }
  }
  // Ended, so that phases run after this one do not share the server with them.
  const client = new BatonClient({ baseUrl: url });
  for (const size of sizes) {
    for (const id of size.workflowIds) await client.workflows.terminate(id, 'measured');
  }
  return sizes.map((size) => {
    const row = sizeRow(size, idleCpuPerSecond);
    log(
      `per-update cost, ${row.tasks} tasks: server ${row.serverCpuMsPerUpdateAboveIdle} ms CPU per task execution above idle (${row.serverCpuMsPerUpdate} in all), update p50/p99 ${row.updateP50Ms}/${row.updateP99Ms} ms (${row.updates} updates in ${rounds} rounds)`,
    );
    return row;
  });
}

/** One size's workflows and what its measured rounds added up. */
interface SizeRun {
  n: number;
  workflowIds: string[];
  /** Polls and updates one task of the size; false when none was there. */
  step: (onUpdate?: (ms: number) => void) => Promise<boolean>;
  latencies: number[];
  cpuSeconds: number;
  seconds: number;
  redone: RedoneCounters | null;
}

/** Starts the size's workflows and runs each up to its second half, unmeasured. */
async function prepareSize(url: string, n: number, options: SizePhaseOptions): Promise<SizeRun> {
  const client = new BatonClient({ baseUrl: url });
  const half = Math.max(1, Math.floor(n / 2));
  const workflows = Math.max(1, Math.ceil(options.updates / (n - half)));
  const data = 'x'.repeat(options.payloadBytes);
  const workflowIds: string[] = [];
  for (let i = 0; i < workflows; i += 1) {
    workflowIds.push(
      await client.workflows.start({ name: workflowName(n), version: 1, input: { data } }),
    );
  }
  const step = async (onUpdate?: (ms: number) => void): Promise<boolean> => {
    const task = await client.tasks.poll(taskType(n), { workerId: 'bench-size' });
    if (!task) return false;
    const began = performance.now();
    await client.tasks.update({
      taskId: task.taskId,
      workflowInstanceId: task.workflowInstanceId,
      status: 'COMPLETED',
      outputData: { data },
    });
    onUpdate?.(performance.now() - began);
    return true;
  };
  const target = workflows * half;
  let completed = 0;
  let misses = 0;
  while (completed < target && misses < 200) {
    if (await step()) {
      completed += 1;
      misses = 0;
    } else {
      misses += 1;
      await sleep(5);
    }
  }
  return {
    n,
    workflowIds,
    step,
    latencies: [],
    cpuSeconds: 0,
    seconds: 0,
    redone: NO_REDONE_COUNTERS,
  };
}

/** `updates` paced updates of the size, added to its sums. */
async function measureRound(
  url: string,
  serverPid: number,
  size: SizeRun,
  updates: number,
  rate: number,
): Promise<void> {
  const countersBefore = (await scrapeMetrics(url))?.redone ?? null;
  const cpuBefore = (await readProcGroup(serverPid))?.cpuSeconds ?? 0;
  const began = performance.now();
  let done = 0;
  let misses = 0;
  while (done < updates && misses < 200) {
    const due = began + (done * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    if (await size.step((ms) => size.latencies.push(ms))) {
      done += 1;
      misses = 0;
    } else {
      misses += 1;
      await sleep(5);
    }
  }
  size.seconds += (performance.now() - began) / 1000;
  const cpuAfter = (await readProcGroup(serverPid))?.cpuSeconds ?? cpuBefore;
  size.cpuSeconds += cpuAfter - cpuBefore;
  const countersAfter = (await scrapeMetrics(url))?.redone ?? null;
  size.redone =
    size.redone && countersBefore && countersAfter
      ? sumCounters(size.redone, counterDelta(countersBefore, countersAfter))
      : null;
}

/** The row of a measured size. */
function sizeRow(size: SizeRun, idleCpuPerSecond: number): SizeCostRow {
  const updates = size.latencies.length;
  const latency = summarize(size.latencies);
  const cpu = size.cpuSeconds;
  return {
    tasks: size.n,
    updates,
    seconds: round2(size.seconds),
    serverCpuMsPerUpdate: updates > 0 ? round2((cpu * 1000) / updates) : null,
    serverIdleCpuMsPerSecond: round2(idleCpuPerSecond * 1000),
    serverCpuMsPerUpdateAboveIdle:
      updates > 0
        ? round2((Math.max(0, cpu - idleCpuPerSecond * size.seconds) * 1000) / updates)
        : null,
    updateP50Ms: latency.p50Ms,
    updateP99Ms: latency.p99Ms,
    redone: size.redone ? redonePerTask(size.redone, updates) : null,
  };
}

/** The server's CPU seconds per second over one {@link IDLE_WINDOW_MS} window. */
async function cpuRate(serverPid: number): Promise<number> {
  const before = (await readProcGroup(serverPid))?.cpuSeconds ?? 0;
  const began = performance.now();
  await sleep(IDLE_WINDOW_MS);
  const after = (await readProcGroup(serverPid))?.cpuSeconds ?? before;
  return (after - before) / ((performance.now() - began) / 1000);
}

/**
 * The server's idle CPU rate (seconds per second): reads it a window at a time until two windows
 * in a row agree within {@link IDLE_STEADY_MS_PER_S} (background work that an earlier load left
 * has finished), and gives their mean; after {@link IDLE_MAX_MS}, the lowest window seen, since
 * background work only ever adds to the idle rate.
 */
export async function quietIdleRate(
  serverPid: number,
  read: (pid: number) => Promise<number> = cpuRate,
  maxWindows = Math.ceil(IDLE_MAX_MS / IDLE_WINDOW_MS),
): Promise<number> {
  let previous = await read(serverPid);
  let lowest = previous;
  for (let i = 1; i < maxWindows; i += 1) {
    const current = await read(serverPid);
    lowest = Math.min(lowest, current);
    if (Math.abs(current - previous) * 1000 <= IDLE_STEADY_MS_PER_S)
      return (current + previous) / 2;
    previous = current;
  }
  return lowest;
}
