/**
 * A/B tool for the server's cost per task execution at one fixed offered rate, with one or two
 * server processes: starts its own Redis and Postgres (fresh, in temp folders), the server
 * (`apps/server/dist`, so build first), and the benchmark's workers; runs a 5 s warm-up step, waits
 * for the server to settle, then one measured step of the benchmark's 13-step + sub-workflow shape
 * (`bench/baton/workflow-defs.ts`). It prints, per task execution: each server process's CPU split
 * into user and system time (`/proc`), Redis's and the workers' CPU, the Postgres rows the step
 * wrote (`pg_stat_user_tables`), the redone-work counters from `/metrics`, and how the step's
 * completions kept up. One line of JSON at the end holds the same figures.
 *
 * It takes about 50 s, where the sustained phase of `npm run bench -- --quick` takes minutes, so
 * two builds or settings can be compared in alternating runs on one machine. Like every benchmark
 * here, run it with nothing else running and compare runs taken close together.
 *
 * Usage:
 *   npm run build -w @baton/server
 *   npx tsx --conditions=@baton/source bench/micro/fixed-step.ts [--processes 1|2] [--rate 50]
 *     [--seconds 20] [--cpu-prof-dir DIR]
 * With `--cpu-prof-dir` the server runs from source under `--cpu-prof`, and the step's window is
 * printed in the profile's clock (µs since boot), so a profile can be cut to the measured step.
 * @module
 */
import { readFile, readdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startPostgres } from '../../scripts/services/postgres.js';
import { startRedis } from '../../scripts/services/redis.js';
import { createBatonTarget } from '../baton/baton-target.js';
import { WORKER_TASK_TYPES } from '../baton/workflow-defs.js';
import { runStep } from '../load/step-runner.js';
import { registerDefinitions } from '../phases/baton-phase.js';
import { startBatonServer } from '../stack/baton-server.js';
import { benchFile, forkTs } from '../stack/fork-ts.js';
import { childStats, parseCpuSplit, type CpuSplit } from '../stack/proc-stats.js';

const { values } = parseArgs({
  options: {
    processes: { type: 'string', default: '1' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    'cpu-prof-dir': { type: 'string' },
  },
});
const processes = Number(values.processes);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
if (![1, 2].includes(processes) || !(rate > 0) || !(seconds > 0)) {
  console.error('usage: fixed-step.ts [--processes 1|2] [--rate N>0] [--seconds N>0]');
  process.exit(2);
}

const SETTLE_MS = 8_000;

async function cpuOf(pid: number): Promise<CpuSplit> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat === '' ? { user: 0, system: 0 } : parseCpuSplit(stat);
}

async function pidsNamed(pattern: RegExp): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (pattern.test(cmdline)) pids.push(Number(name));
  }
  return pids;
}

async function cpuOfAll(pids: readonly number[]): Promise<CpuSplit[]> {
  return Promise.all(pids.map(cpuOf));
}

function sumSplits(splits: readonly CpuSplit[]): CpuSplit {
  return splits.reduce((a, b) => ({ user: a.user + b.user, system: a.system + b.system }), {
    user: 0,
    system: 0,
  });
}

/** Rows inserted, updated and deleted so far, by table. */
async function rowsWritten(db: pg.Client): Promise<Map<string, number>> {
  const { rows } = await db.query<{ relname: string; written: string }>(
    'SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS written FROM pg_stat_user_tables',
  );
  return new Map(rows.map((row) => [row.relname, Number(row.written)]));
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;

const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
const profDir = values['cpu-prof-dir'];
const server = await startBatonServer({
  store: 'redis',
  processes,
  redisUrl: redis.url,
  databaseUrl: postgres.url,
  ...(profDir ? { cpuProfDir: profDir } : {}),
});
const db = new pg.Client({ connectionString: postgres.url });
try {
  await db.connect();
  await registerDefinitions(server.url);
  const workers = await forkTs<unknown>(benchFile('baton/worker-process.ts'), {
    BATON_URL: server.url,
    PAYLOAD_BYTES: '1024',
    TASK_TYPES: WORKER_TASK_TYPES.join(','),
    CONCURRENCY: '40',
  });
  try {
    const target = createBatonTarget(server.url, workers, 'x'.repeat(1024));
    const timing = { stepSec: 5, drainTimeoutSec: 10, maxInFlight: 256 };
    await runStep(target, rate, timing);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const serverPids = [server.pid, ...(await childStats(server.pid)).map((child) => child.pid)];
    const redisPids = await pidsNamed(/redis-server/);
    const workerPid = workers.child.pid ?? 0;
    const before = {
      server: await cpuOfAll(serverPids),
      redis: sumSplits(await cpuOfAll(redisPids)),
      workers: await cpuOf(workerPid),
      rows: await rowsWritten(db),
    };
    const windowStart = process.hrtime.bigint() / 1000n;
    const step = await runStep(target, rate, { ...timing, stepSec: seconds });
    const windowEnd = process.hrtime.bigint() / 1000n;
    const after = {
      server: await cpuOfAll(serverPids),
      redis: sumSplits(await cpuOfAll(redisPids)),
      workers: await cpuOf(workerPid),
      rows: await rowsWritten(db),
    };
    const tasks = step.extra.workers.tasks;
    const perTask = (seconds: number) => r3((seconds * 1000) / Math.max(1, tasks));
    const split = (a: CpuSplit, b: CpuSplit) => ({
      user: perTask(b.user - a.user),
      system: perTask(b.system - a.system),
    });
    const perProcess = serverPids.map((pid, i) => ({
      pid,
      ...split(
        before.server[i] ?? { user: 0, system: 0 },
        after.server[i] ?? { user: 0, system: 0 },
      ),
    }));
    const serverTotal = split(sumSplits(before.server), sumSplits(after.server));
    const rows = Object.fromEntries(
      [...after.rows]
        .map(([table, n]) => [table, r3((n - (before.rows.get(table) ?? 0)) / Math.max(1, tasks))])
        .filter(([, n]) => n !== 0),
    );
    const result = {
      processes,
      rate,
      seconds: step.durationSec,
      tasks,
      completedPerSecond: r3(step.verdict.completedPerSecond),
      held: step.verdict.held,
      cpuMsPerTask: {
        server: serverTotal,
        serverProcesses: perProcess,
        redis: split(before.redis, after.redis),
        workers: split(before.workers, after.workers),
      },
      postgresRowsPerTask: rows,
      redone: step.extra.redone ?? null,
      profileWindowUs: profDir ? [Number(windowStart), Number(windowEnd)] : null,
    };
    console.log(
      `${processes} process(es) at ${rate} wf/s for ${seconds} s: ${tasks} task executions, ` +
        `completed ${result.completedPerSecond}/s (${step.verdict.held ? 'held' : 'NOT held'})`,
    );
    console.log(
      `server CPU per task execution: ${r3(serverTotal.user + serverTotal.system)} ms ` +
        `(user ${serverTotal.user}, system ${serverTotal.system}); per process ` +
        perProcess.map((p) => `${p.pid}: ${r3(p.user + p.system)}`).join(', '),
    );
    console.log(
      `Redis ${r3(result.cpuMsPerTask.redis.user + result.cpuMsPerTask.redis.system)} ms, ` +
        `workers ${r3(result.cpuMsPerTask.workers.user + result.cpuMsPerTask.workers.system)} ms; ` +
        `Postgres rows written per task execution: ${JSON.stringify(rows)}`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await workers.stop();
  }
} finally {
  await db.end().catch(() => undefined);
  await server.stop();
  await Promise.all([redis.stop(), postgres.stop()]);
}
