/**
 * Writes the Markdown report of a run from its results.
 * @module
 */
import type { BenchResults, Extremes, SizeCostRow } from './results.js';
import type { LatencySummary } from '../stats/percentiles.js';
import type { PgTableStats } from '../stack/postgres-stats.js';
import { renderGaps } from './gaps.js';
import { renderProcessComparison } from './process-comparison.js';
import type { RedoneWork } from '../stats/redone-work.js';

const n = (v: number | null | undefined, unit = '') =>
  v === null || v === undefined ? '–' : `${v.toLocaleString('en-US')}${unit}`;
const lat = (l: LatencySummary) => `${l.p50Ms} / ${l.p95Ms} / ${l.p99Ms}`;
const ext = (e: Extremes, unit: string) => `${n(e.start)} / ${n(e.end)} / ${n(e.max)} ${unit}`;

function table(header: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/**
 * The report section on the largest Postgres tables at the end of the run: size, live and dead
 * rows, so that a long soak shows whether table growth or vacuum lag could explain slowing.
 */
export function renderPostgresTables(tables: readonly PgTableStats[] | null): string[] {
  if (tables === null) return [];
  const head = ['## Postgres tables at the end of the run', ''];
  if (tables.length === 0) return [...head, 'No user tables.', ''];
  return [
    ...head,
    'Largest first (`pg_total_relation_size`: heap, TOAST and indexes); rows are the `pg_stat_user_tables` estimates.',
    '',
    table(
      ['table', 'total MB', 'indexes MB', 'live rows', 'dead rows', 'dead %', 'autovacuums'],
      tables.map((t) => [
        t.table,
        mb(t.totalBytes),
        mb(t.indexBytes),
        n(t.liveRows),
        n(t.deadRows),
        t.liveRows + t.deadRows > 0
          ? ((100 * t.deadRows) / (t.liveRows + t.deadRows)).toFixed(1)
          : '–',
        t.autovacuums,
      ]),
    ),
    '',
  ];
}

/** The report text. */
/** The per-update cost section (`bench/phases/size-phase.ts`); nothing when it did not run. */
export function renderSizeCost(rows: readonly SizeCostRow[] | null): string[] {
  if (!rows || rows.length === 0) return [];
  const cpus = rows
    .map((row) => row.serverCpuMsPerUpdateAboveIdle)
    .filter((v): v is number => v !== null);
  const spread =
    cpus.length > 1 && Math.min(...cpus) > 0 ? Math.max(...cpus) / Math.min(...cpus) : null;
  return [
    '## 5. Per-update cost against workflow size',
    '',
    "Workflows of N SIMPLE tasks in sequence, then a task of another type that is never polled (no measured update ends a workflow); one worker in the benchmark process polls a task and completes it at a fixed pace. Every size's workflows first run their first half unmeasured; the updates of their second half (the execution then holds N/2 to N tasks) are measured in rounds that take the sizes in turn, so a drift of the machine's speed falls on every size alike. Server CPU is every server process's, from `/proc`, per task execution (its poll and its update); the server's idle CPU rate (its background loops and the sampler's scrapes, read a second at a time before the rounds until two seconds agree, so the catching-up the unmeasured halves left is over) is taken out, since at this pace it would otherwise dominate.",
    '',
    table(
      [
        'tasks per workflow',
        'measured updates',
        'pace /s',
        'server CPU ms per task execution, above idle (in all)',
        'server idle CPU ms/s',
        'update p50 / p99 ms',
      ],
      rows.map((row) => [
        n(row.tasks),
        row.updates,
        row.seconds > 0 ? n(Math.round((row.updates / row.seconds) * 10) / 10) : '–',
        `${n(row.serverCpuMsPerUpdateAboveIdle)} (${n(row.serverCpuMsPerUpdate)})`,
        n(row.serverIdleCpuMsPerSecond),
        `${n(row.updateP50Ms)} / ${n(row.updateP99Ms)}`,
      ]),
    ),
    '',
    spread === null
      ? ''
      : `Largest ÷ smallest server CPU per task execution above idle: ${spread.toFixed(2)}× (flat would be 1×; the target is within 2×).`,
    '',
    ...rows.flatMap((row) =>
      row.redone ? [`- ${n(row.tasks)} tasks per workflow: ${redoneSentence(row.redone)}`] : [],
    ),
    ...(rows.some((row) => row.redone) ? [''] : []),
  ];
}

/** Redone work over a window, in words. */
export function redoneSentence(w: RedoneWork): string {
  const f = (v: number | null) => (v === null ? '–' : String(v));
  return `${f(w.conflictsPerTask)} conflicts and ${f(w.staleRetriesPerTask)} stale-copy retries per task execution, hot-table miss ratio ${f(w.hotTableMissRatio)} (${n(w.delta.conflicts)} conflicts, ${n(w.delta.staleRetries)} retries, ${n(w.delta.hotTableHits)} hits, ${n(w.delta.hotTableMisses)} misses over ${n(w.tasks)} task executions).`;
}

/** The sustained section's redone-work line; nothing when it was not measured. */
export function renderRedoneWork(w: RedoneWork | null | undefined): string[] {
  if (!w) return [];
  return [
    `Redone work over the reported step (\`/metrics\` counters at its start and end, every server process): ${redoneSentence(w)}`,
    '',
  ];
}

export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [];
  out.push(`# Baton benchmark, ${r.startedAt}${r.quick ? ' (quick)' : ''}`, '');
  out.push(`Command: \`${r.command}\`  `);
  out.push(
    `Measured configuration: Baton server (${r.serverProcesses === 1 ? 'one process' : `${r.serverProcesses} processes`}) on **${r.measuredStore ?? 'not started'}**, payload ${r.payloadBytes} bytes per task output, run took ${r.durationSec} s.  `,
  );
  const m = r.machine;
  out.push(
    `Machine: ${m.nproc} cores (${m.cpuModel}), ${m.memoryGb} GB RAM, Linux ${m.kernel}; Node ${m.node}; ${m.redis}; ${m.postgres}. Server, Redis, Postgres, workers and load generator all share this machine.`,
    '',
    '![throughput and latency against offered load](chart.svg)',
    '',
    '## Targets',
    '',
    table(
      ['target', 'wanted', 'measured', 'met', 'how far'],
      r.targets.map((t) => [
        t.name,
        t.target,
        t.actual,
        t.met === null ? 'not measured' : t.met ? 'yes' : '**no**',
        t.factor === null ? '' : `${t.factor}×`,
      ]),
    ),
    '',
    '## Headline',
    '',
    table(
      ['figure', 'value'],
      [
        ['workflow starts/s at saturation', n(r.startsPerSecond)],
        [
          'start latency p50/p95/p99 at the fixed rate (ms)',
          `${n(r.startP50Ms)} / ${n(r.startP95Ms)} / ${n(r.startP99Ms)}`,
        ],
        [
          '13-step+sub workflows completed/s (highest rate held)',
          `${n(r.workflowsPerSecond)}${r.sustainedHeld ? '' : ' (no step held; best completion rate shown)'}`,
        ],
        [
          'task executions/s at that rate (peak in any step)',
          `${n(r.taskExecutionsPerSecond)} (${n(r.peakTaskExecutionsPerSecond)})`,
        ],
        ['task updates/s at that rate', n(r.taskUpdatesPerSecond)],
        [
          'task update latency p50/p95/p99 (ms)',
          `${n(r.taskUpdateP50Ms)} / ${n(r.taskUpdateP95Ms)} / ${n(r.taskUpdateP99Ms)}`,
        ],
        ['start latency p99 during the sustained run (ms)', n(r.sustainedStartP99Ms)],
        ['task data (input + output) MB/s', n(r.taskDataMBps)],
        ['BullMQ flows completed/s (highest rate held)', n(r.bullmqWorkflowsPerSecond)],
        ['Baton ÷ BullMQ', n(r.ratioVsBullmq, '×')],
        ['floor: Fastify + EVALSHA requests/s', n(r.floorRequestsPerSecond)],
        ['task updates/s as a fraction of the floor', n(r.taskUpdatesFractionOfFloor)],
      ],
    ),
    '',
    ...renderGaps(r),
  );
  if (r.burst) {
    out.push(
      '## 1. Start burst (autocannon, `POST /api/workflow`, 1-task workflow)',
      '',
      table(
        ['load', 'starts/s (2xx)', 'p50 / p95 / p99 ms', 'max ms', 'non-2xx', 'errors'],
        [r.burst.fixed, r.burst.saturation].map((b) => [
          b.offeredRate === null ? 'saturation' : `${b.offeredRate}/s offered`,
          n(b.requestsPerSecond),
          lat(b.latency),
          b.latency.maxMs,
          b.non2xx,
          b.errors,
        ]),
      ),
      '',
    );
  }
  if (r.baton) {
    out.push(
      '## 2. Sustained: 13-step workflow with a 1-step sub-workflow (Baton)',
      '',
      'Instant workers in a separate process (`TaskRunner`, batch polls of 10, 100 ms long-poll). Latencies are measured by the clients; completed/s is over the second half of each step.',
      '',
      table(
        [
          'offered wf/s',
          'held',
          'started/s',
          'completed/s',
          'tasks/s',
          'update p50/p95/p99 ms',
          'start p50/p95/p99 ms',
          'MB/s',
          'backlog end (growth/s)',
          'why not held',
        ],
        [...r.baton.steps, ...(r.baton.hold ? [r.baton.hold] : [])].map((s, i) => [
          `${s.rate}${i >= r.baton!.steps.length ? ` (hold ${s.durationSec} s)` : ''}`,
          s.verdict.held ? 'yes' : 'no',
          s.verdict.startedPerSecond.toFixed(1),
          s.verdict.completedPerSecond.toFixed(1),
          (s.extra.workers.tasks / Math.max(1e-9, s.extra.workers.seconds)).toFixed(0),
          lat(s.extra.workers.update),
          lat(s.start.latency),
          (
            (s.extra.workers.bytesIn + s.extra.workers.bytesOut) /
            Math.max(1e-9, s.extra.workers.seconds) /
            1e6
          ).toFixed(2),
          `${s.verdict.backlogEnd} (${s.verdict.backlogGrowthPerSecond.toFixed(1)})`,
          s.verdict.reasons.join('; ') + (s.drainSec === null ? ' backlog did not drain' : ''),
        ]),
      ),
      '',
      `Completions counted from ${r.baton.steps[0]?.extra.completionSource === 'workers' ? "the workers' count of the last step (the server's /metrics had no completions)" : "the server's /metrics (`baton_workflow_completions_total`)"}.`,
      '',
      ...renderRedoneWork(r.redoneWork),
    );
  }
  if (r.bullmq) {
    out.push(
      '## 3. Same shape in BullMQ flows (FlowProducer, same Redis)',
      '',
      'A chain of 14 jobs per flow (12 steps, the sub-flow step and its parent), instant workers in a separate process, `removeOnComplete`.',
      '',
      table(
        [
          'offered flows/s',
          'held',
          'added/s',
          'completed/s',
          'jobs/s',
          'add p50/p95/p99 ms',
          'backlog end (growth/s)',
          'why not held',
        ],
        [...r.bullmq.steps, ...(r.bullmq.hold ? [r.bullmq.hold] : [])].map((s) => [
          s.rate,
          s.verdict.held ? 'yes' : 'no',
          s.verdict.startedPerSecond.toFixed(1),
          s.verdict.completedPerSecond.toFixed(1),
          s.extra.jobsPerSecond,
          lat(s.start.latency),
          `${s.verdict.backlogEnd} (${s.verdict.backlogGrowthPerSecond.toFixed(1)})`,
          s.verdict.reasons.join('; '),
        ]),
      ),
      '',
    );
  }
  if (r.floor) {
    out.push(
      '## 4. Floor: bare Fastify route + one EVALSHA',
      '',
      `${n(r.floor.requestsPerSecond)} requests/s at saturation (p50/p95/p99 ${lat(r.floor.latency)} ms), same autocannon settings as the burst.`,
      '',
    );
  }
  out.push(...renderSizeCost(r.sizeCost));
  out.push(...renderProcessComparison(r.processComparison ?? null));
  const pct = (c: { mean: number | null; max: number | null }) => `${n(c.mean)} / ${n(c.max)} %`;
  out.push(
    '## CPU (% of one core, mean / max)',
    '',
    table(
      ['figure', 'mean / max'],
      [
        ['Baton server during the sustained run', pct(r.cpu.serverSustained)],
        ['Redis during the Baton sustained run', pct(r.cpu.redisSustained)],
        ['Postgres during the Baton sustained run', pct(r.cpu.postgresSustained)],
        [
          `the whole machine during the Baton sustained run (of ${r.machine.nproc * 100} %)`,
          pct(r.cpu.machineSustained),
        ],
        ...(r.cpu.postgresSoak ? [['Postgres during the soak', pct(r.cpu.postgresSoak)]] : []),
        ['Redis during the BullMQ run', pct(r.cpu.redisBullmq)],
      ],
    ),
    '',
    `CPU per task execution in the sustained run: server ${n(r.cpu.serverMsPerTask)} ms, Redis ${n(r.cpu.redisMsPerTask)} ms, Postgres ${n(r.cpu.postgresMsPerTask)} ms (the postmaster and all its processes). ` +
      (r.cpu.serverMsPerTask
        ? `Server CPU counts every server process. A server process (Node runs the engine on one thread) can therefore do at most about ${Math.round(1000 / r.cpu.serverMsPerTask)} task executions per second with a core to itself.`
        : ''),
    '',
    `Highest 1-minute load average during the run: ${r.cpu.maxLoadAvg1} on ${r.machine.nproc} cores (the benchmark's own processes and threads count). Busy CPU that none of the benchmark's processes used (kernel time outside them, other programs), mean / max over the measured phases: ${pct(r.cpu.unattributed)}.`,
    '',
    '## Memory',
    '',
    table(
      ['figure', 'start / end / max'],
      [
        ['server RSS over the run', ext(r.memory.serverRssMb, 'MB')],
        ['Redis used_memory over the run', ext(r.memory.redisUsedMb, 'MB')],
        ...(r.memory.soak
          ? [
              [
                `soak ${r.memory.soak.seconds} s at ${r.memory.soak.rate}/s${r.memory.soak.held ? '' : ' (backlog grew)'}: server RSS`,
                ext(r.memory.soak.serverRssMb, 'MB'),
              ],
              [
                `soak ${r.memory.soak.seconds} s at ${r.memory.soak.rate}/s: Redis used_memory`,
                ext(r.memory.soak.redisUsedMb, 'MB'),
              ],
            ]
          : []),
      ],
    ),
    '',
    ...renderPostgresTables(r.postgresTables),
  );
  if (r.metrics) {
    out.push(
      "## The server's /metrics at the end of the sustained run",
      '',
      `Workflows completed by status: ${JSON.stringify(r.metrics.completionsByStatus)}; starts by name: ${JSON.stringify(r.metrics.starts)}.  `,
      `Update latency from the server histogram (ms, cumulative): ${JSON.stringify(r.metrics.updateLatencyMs)}; poll (includes long-poll wait): ${JSON.stringify(r.metrics.pollLatencyMs)}.  `,
      `Queue depth per task type: ${JSON.stringify(r.metrics.queueDepth)}.`,
      '',
    );
  }
  if (r.profile) {
    out.push(
      '## Where the server spends its time (`node --cpu-prof`)',
      '',
      `${r.profiledLoad ? `A second server, started after the measured phases so that profiling slows none of their figures, ran one sustained step at ${r.profiledLoad.rate} workflows/s for ${r.profiledLoad.seconds} s and then a start burst at saturation. ` : ''}It ran from source (tsx) so frames name their package. Profiled ${r.profile.totalMs} ms after start-up; the server was busy ${r.profile.busyPct} % of it. Self time, top entries; \`(native)\` are V8/libuv builtins such as socket writes.`,
      '',
      table(
        ['package', 'self ms', 'self %'],
        r.profile.packages.map((p) => [p.name, p.selfMs, p.selfPct]),
      ),
      '',
      table(
        ['function', 'self ms', 'self %'],
        r.profile.functions.map((p) => [`\`${p.name}\``, p.selfMs, p.selfPct]),
      ),
      '',
      "Baton's own functions by total time (callees included), i.e. the hot paths:",
      '',
      table(
        ['function', 'total ms', 'total %'],
        r.profile.batonTotals.map((p) => [`\`${p.name}\``, p.selfMs, p.selfPct]),
      ),
      '',
    );
  }
  if (r.notes.length > 0) out.push('## Notes', '', ...r.notes.map((t) => `- ${t}`), '');
  return out.join('\n');
}
