/**
 * `npm run bench`: starts its own Redis and Postgres, measures the floor (Fastify + EVALSHA), BullMQ
 * flows, then the Baton server (sustained step-up, optional soak, start burst), and writes the
 * report, JSON and chart under `results/`. `--smoke` is the CI variant (exit 1 when a workflow
 * did not complete or a file is missing).
 * @module
 */
import { mkdtemp, mkdir, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { parseArgs, profilesServer, UsageError, USAGE } from './cli/args.js';
import type { BenchOptions } from './cli/args.js';
import { runProfile } from './cli/profile.js';
import type { RunProfile } from './cli/profile.js';
import { startPostgres } from '../scripts/services/postgres.js';
import { startRedis } from '../scripts/services/redis.js';
import { describeMachine } from './stack/machine.js';
import { RunSampler, waitForQuiet } from './stack/sampler.js';
import { PostgresProbe } from './stack/postgres-stats.js';
import type { PgTableStats } from './stack/postgres-stats.js';
import { startBatonServer } from './stack/baton-server.js';
import type { BatonServer } from './stack/baton-server.js';
import { runFloor } from './floor/run-floor.js';
import { runBullmqPhase } from './phases/bullmq-phase.js';
import { runSizePhase } from './phases/size-phase.js';
import {
  registerDefinitions,
  runBatonSustained,
  runBurst,
  runProfiledLoad,
} from './phases/baton-phase.js';
import type { CompletionCheck } from './phases/baton-phase.js';
import { summarizeProfile } from './report/cpu-profile.js';
import { freshPostgresDatabase, redisDatabase } from './stack/fresh-stores.js';
import type { CpuProfile, ProfileSummary } from './report/cpu-profile.js';
import { runFolderName, writeResults } from './report/write-results.js';
import { assembleResults, BURST_SATURATION_PHASE } from './report/assemble.js';
import type { RunRecord } from './report/assemble.js';
import { smokeFailures } from './report/smoke-checks.js';
import {
  buildProcessComparison,
  COMPARED_PROCESSES,
  comparisonPhase,
} from './report/process-comparison.js';
import type { ComparisonPass } from './report/process-comparison.js';

const log = (line: string) => console.log(`[bench] ${line}`);

/** Tables listed in the report's Postgres section. */
const POSTGRES_TABLES_LISTED = 8;

/** Connects the Postgres probe and points the sampler at the postmaster; null when it fails. */
async function watchPostgres(url: string, sampler: RunSampler): Promise<PostgresProbe | null> {
  try {
    const probe = await PostgresProbe.connect(url);
    sampler.watchPostgres(await probe.postmasterPid());
    return probe;
  } catch (e) {
    log(`Postgres CPU and table sizes not measured: ${(e as Error).message}`);
    return null;
  }
}

/** The largest tables, read before Postgres stops; closes the probe. Null when it fails. */
async function readPostgresTables(probe: PostgresProbe | null): Promise<PgTableStats[] | null> {
  if (!probe) return null;
  try {
    return await probe.tableStats(POSTGRES_TABLES_LISTED);
  } catch (e) {
    log(`Postgres table sizes not read: ${(e as Error).message}`);
    return null;
  } finally {
    await probe.close().catch(() => undefined);
  }
}

/**
 * Summarises the server's main-thread profile. Node writes one file per thread
 * (`CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile`); the main thread has tid 0 (tsx adds a
 * loader thread).
 */
async function readProfile(dir: string, skipMs: number): Promise<ProfileSummary | null> {
  try {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
    const file = files.find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)) ?? files[0];
    if (!file) return null;
    return summarizeProfile(
      JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile,
      25,
      skipMs,
    );
  } catch {
    return null;
  }
}

interface PhaseOutcome {
  phases: RunRecord['phases'];
  /** `--compare-processes`: one pass per process count, the first being the main run's. */
  comparison: ComparisonPass[] | null;
  soak: RunRecord['soak'];
  store: RunRecord['store'];
  check: CompletionCheck | null;
  profiledLoad: RunRecord['profiledLoad'];
  notes: string[];
}

/** The server counts as settled below this CPU for this many seconds in a row. */
const QUIET = { cpuPct: 10, seconds: 3 };

/**
 * Starts a second server from source under `node --cpu-prof` (the measured one never is), runs
 * the profiled load through it and summarises the main thread's profile after start-up.
 */
async function profileServer(
  options: BenchOptions,
  profile: RunProfile,
  runDir: string,
  services: { redisUrl: string; databaseUrl: string },
  rate: number,
): Promise<ProfileSummary | null> {
  const dir = join(runDir, 'profile');
  await mkdir(dir, { recursive: true });
  const server = await startBatonServer({
    store: options.store,
    processes: 1,
    ...services,
    cpuProfDir: dir,
  });
  log(
    `profiling a second server (${server.build}): ${rate}/s for ${profile.profileSec} s, then a burst`,
  );
  try {
    await registerDefinitions(server.url);
    await runProfiledLoad(server.url, profile, options.payloadBytes, rate, profile.profileSec);
  } finally {
    await server.stop();
  }
  return readProfile(dir, server.readyAfterMs);
}

/**
 * One pass of `--compare-processes` on a fresh server of `processes` processes: the sustained phase
 * (no soak) and the burst, the sampler's labels suffixed per {@link comparisonPhase}.
 */
async function comparisonPass(
  options: BenchOptions,
  profile: RunProfile,
  sampler: RunSampler,
  services: { redisUrl: string; databaseUrl: string },
  processes: number,
): Promise<ComparisonPass> {
  const label = (base: string) => comparisonPhase(base, processes);
  const has = (p: BenchOptions['phases'][number]) => options.phases.includes(p);
  sampler.phase = label('baton-start');
  const server = await startBatonServer({ store: options.store, processes, ...services });
  log(`comparison: Baton server (${server.build}) with ${processes} processes on ${server.store}`);
  sampler.watchServer(server.pid, server.url);
  const pass: ComparisonPass = { processes, store: server.store, baton: null, burst: null };
  try {
    await registerDefinitions(server.url);
    if (has('sustained')) {
      sampler.phase = label('baton-sustained');
      const run = await runBatonSustained(
        server.url,
        profile,
        options.payloadBytes,
        0,
        (line) => log(`[${processes}p] ${line}`),
        () => undefined,
        false,
        (pid) => sampler.watchWorkers(pid),
      );
      pass.baton = run.sustained;
      if (profile.settleMaxSec > 0 && has('burst')) {
        const quiet = await waitForQuiet(sampler, label('settle'), QUIET, profile.settleMaxSec);
        log(`[${processes}p] settle before the burst: ${quiet.seconds} s`);
      }
    }
    if (has('burst')) {
      sampler.phase = label('baton-burst');
      pass.burst = await runBurst(server.url, profile, () => {
        sampler.phase = label(BURST_SATURATION_PHASE);
      });
      log(
        `[${processes}p] burst: ${pass.burst.saturation.requestsPerSecond} starts/s at saturation`,
      );
    }
  } finally {
    sampler.watchServer(null, null);
    await server.stop();
  }
  return pass;
}

async function runPhases(
  options: BenchOptions,
  profile: RunProfile,
  runDir: string,
  sampler: RunSampler,
  services: { redisUrl: string; databaseUrl: string },
): Promise<PhaseOutcome> {
  const out: PhaseOutcome = {
    phases: {
      burst: null,
      floor: null,
      baton: null,
      bullmq: null,
      metrics: null,
      profile: null,
      sizeCost: null,
    },
    comparison: null,
    soak: null,
    store: null,
    check: null,
    profiledLoad: null,
    notes: [],
  };
  const has = (p: BenchOptions['phases'][number]) => options.phases.includes(p);
  if (has('floor')) {
    sampler.phase = 'floor';
    const floor = await runFloor(services.redisUrl, {
      durationSec: profile.floorSec,
      connections: profile.burstConnections,
      bodyBytes: options.payloadBytes,
    });
    out.phases.floor = floor.saturation;
    log(`floor (Fastify + EVALSHA): ${floor.saturation.requestsPerSecond} requests/s`);
  }
  if (has('bullmq')) {
    sampler.phase = 'bullmq';
    out.phases.bullmq = await runBullmqPhase(services.redisUrl, profile, options.payloadBytes, log);
  }
  if (!has('sustained') && !has('burst') && !has('sizes')) return out;
  sampler.phase = 'baton-start';
  const server: BatonServer = await startBatonServer({
    store: options.store,
    processes: options.processes,
    ...services,
  });
  out.store = server.store;
  log(`Baton server (${server.build}) on ${server.store} at ${server.url}`);
  sampler.watchServer(server.pid, server.url);
  try {
    await registerDefinitions(server.url);
    // First, on the fresh server: after the sustained and burst phases, the sweeper goes on
    // re-deciding the thousands of workflows they leave running (about 2,000 operations a second
    // in a full run), which would fall into these measurements.
    if (has('sizes')) {
      sampler.phase = 'baton-sizes';
      out.phases.sizeCost = await runSizePhase(
        server.url,
        server.pid,
        {
          updates: profile.sizeUpdates,
          rate: profile.sizeRate,
          payloadBytes: options.payloadBytes,
          // A smoke run checks that the phase works; it does not read its figures.
          ...(options.smoke ? { idleMaxMs: 3_000 } : {}),
        },
        log,
      );
    }
    if (has('sustained')) {
      sampler.phase = 'baton-sustained';
      const run = await runBatonSustained(
        server.url,
        profile,
        options.payloadBytes,
        options.soakSeconds,
        log,
        (edge) => (sampler.phase = edge === 'start' ? 'soak' : 'baton-sustained'),
        options.smoke,
        (pid) => sampler.watchWorkers(pid),
      );
      out.phases.baton = run.sustained;
      out.check = run.check;
      if (run.soak) {
        const { durationSec: seconds, rate, verdict } = run.soak;
        out.soak = { seconds, rate, held: verdict.held };
      }
      const m = sampler.lastMetrics;
      out.phases.metrics = m && {
        queueDepth: m.queueDepth,
        starts: m.starts,
        completionsByStatus: m.completionsByStatus,
        updateLatencyMs: m.updateLatencyMs,
        pollLatencyMs: m.pollLatencyMs,
      };
    }
    if (has('burst')) {
      if (has('sustained') && profile.settleMaxSec > 0) {
        const quiet = await waitForQuiet(sampler, 'settle', QUIET, profile.settleMaxSec);
        out.notes.push(
          quiet.settled
            ? `Before the burst the server took ${quiet.seconds} s to finish the background work the sustained run left (indexing, archiving): its CPU stayed under ${QUIET.cpuPct} % for ${QUIET.seconds} s.`
            : `The server was still busy with the sustained run's background work when the burst began (its CPU had not stayed under ${QUIET.cpuPct} % for ${QUIET.seconds} s within ${quiet.seconds} s); the burst figures include that work.`,
        );
        log(`settle before the burst: ${quiet.seconds} s${quiet.settled ? '' : ' (not settled)'}`);
      }
      sampler.phase = 'baton-burst';
      const burst = await runBurst(server.url, profile, () => {
        sampler.phase = BURST_SATURATION_PHASE;
      });
      out.phases.burst = burst;
      log(
        `burst: ${burst.saturation.requestsPerSecond} starts/s at saturation; p99 ${burst.fixed.latency.p99Ms} ms at ${profile.burstFixedRate}/s offered`,
      );
    }
  } finally {
    sampler.watchServer(null, null);
    await server.stop();
  }
  if (options.compareProcesses) {
    out.comparison = [
      {
        processes: options.processes,
        store: server.store,
        baton: out.phases.baton,
        burst: out.phases.burst,
      },
    ];
    for (const [i, processes] of COMPARED_PROCESSES.filter(
      (p) => p !== options.processes,
    ).entries()) {
      // Empty stores: nothing the pass before left is worked through inside this one.
      const fresh = {
        redisUrl: redisDatabase(services.redisUrl, i + 1),
        databaseUrl: await freshPostgresDatabase(services.databaseUrl, `baton_compare_${i + 1}`),
      };
      out.comparison.push(await comparisonPass(options, profile, sampler, fresh, processes));
    }
  }
  if (profilesServer(options) && has('sustained')) {
    sampler.phase = 'profile';
    const rate = out.phases.baton?.heldRate ?? profile.plan.startRate;
    try {
      out.phases.profile = await profileServer(options, profile, runDir, services, rate);
      out.profiledLoad = { rate, seconds: profile.profileSec };
    } catch (e) {
      // The profile explains the figures; its failure must not lose them.
      log(`profiled server failed: ${(e as Error).message}`);
      out.notes.push(`No CPU profile: the profiled server failed (${(e as Error).message}).`);
    }
  }
  return out;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const profile = runProfile(options.smoke ? 'smoke' : options.quick ? 'quick' : 'full');
  const startedAt = new Date();
  const outDir = resolve(
    options.outDir ??
      (options.smoke ? await mkdtemp(join(tmpdir(), 'baton-bench-smoke-')) : 'results'),
  );
  const runDir = join(outDir, runFolderName(startedAt));
  await mkdir(runDir, { recursive: true });
  const machine = await describeMachine();
  log(`${machine.nproc} cores, ${machine.cpuModel}; results in ${runDir}`);
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const redisClient = new Redis(redis.url);
  const sampler = new RunSampler(redisClient);
  const postgresProbe = await watchPostgres(postgres.url, sampler);
  sampler.start();
  let outcome: PhaseOutcome;
  let postgresTables: PgTableStats[] | null = null;
  try {
    outcome = await runPhases(options, profile, runDir, sampler, {
      redisUrl: redis.url,
      databaseUrl: postgres.url,
    });
  } finally {
    sampler.stop();
    postgresTables = await readPostgresTables(postgresProbe);
    redisClient.disconnect();
    await Promise.allSettled([redis.stop(), postgres.stop()]);
  }
  const results = assembleResults({
    ...outcome,
    quick: options.quick,
    payloadBytes: options.payloadBytes,
    processes: options.processes,
    argv: process.argv.slice(2),
    startedAt,
    endedAt: new Date(),
    machine,
    profile,
    samples: sampler.samples,
    postgresTables,
    processComparison: outcome.comparison
      ? buildProcessComparison(outcome.comparison, sampler.samples)
      : null,
  });
  const files = await writeResults(outDir, runDir, results);
  log(`wrote ${files.join(', ')} (copied to ${join(outDir, 'latest')})`);
  for (const t of results.targets) {
    log(
      `${t.met === null ? '-   ' : t.met ? 'MET ' : 'MISS'} ${t.name}: ${t.actual} (want ${t.target})`,
    );
  }
  for (const note of results.notes) log(`note: ${note}`);
  if (!options.smoke) return 0;
  const failures = smokeFailures(results, outcome.check, files);
  for (const f of failures) console.error(`[bench:smoke] FAIL ${f}`);
  log(
    failures.length === 0
      ? `smoke passed: ${outcome.check?.checked} workflows completed`
      : 'smoke FAILED',
  );
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(e);
    process.exit(1);
  },
);
