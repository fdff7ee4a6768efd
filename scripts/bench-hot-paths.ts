/**
 * Micro-benchmark of the engine's hot paths in one process, without HTTP: workflow starts per
 * second, and poll+update pairs per second through a 13-step sequential workflow of worker tasks.
 * With `--profile` each phase runs under the V8 CPU profiler and the top self-time functions are
 * printed (profiles are written to `--profile-dir` for Chrome DevTools / speedscope).
 *
 * Usage:
 *   npx tsx --conditions=@baton/source scripts/bench-hot-paths.ts [--store memory|pglite|redis|redis-postgres]
 *     [--starts 3000] [--workflows 300] [--concurrency 32] [--profile] [--profile-dir /tmp]
 * Redis and Postgres are private instances on free ports, started and stopped by the script.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createWorkflowExecutor, type WorkflowDef, type WorkflowExecutor } from '@baton/engine';
import { printSelfTime, profiled, topSelfTime } from './hot-paths/profile.js';
import {
  openStores,
  redisCpuSeconds,
  STORE_KINDS,
  type BenchStores,
  type StoreKind,
} from './hot-paths/stores.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'memory' },
    starts: { type: 'string', default: '3000' },
    workflows: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '32' },
    steps: { type: 'string', default: '13' },
    profile: { type: 'boolean', default: false },
    'redis-stats': { type: 'boolean', default: false },
    'profile-dir': { type: 'string', default: '/tmp' },
  },
});
const store = values.store as StoreKind;
if (!STORE_KINDS.includes(store))
  throw new Error(`--store must be one of ${STORE_KINDS.join('|')}`);
const concurrency = Number(values.concurrency);
const steps = Number(values.steps);

const START_WORKFLOW = 'bench_hot_start';
const RUN_WORKFLOW = 'bench_hot_run';
const START_TASK = 'bench_hot_start_task';
const RUN_TASK = 'bench_hot_task';

function definition(name: string, taskType: string, count: number): WorkflowDef {
  return {
    name,
    version: 1,
    schemaVersion: 2,
    ownerEmail: 'bench@example.com',
    inputParameters: ['n'],
    tasks: Array.from({ length: count }, (_, i) => ({
      name: taskType,
      taskReferenceName: `step_${i + 1}`,
      type: 'SIMPLE',
      inputParameters: { n: '${workflow.input.n}', previous: i ? `\${step_${i}.output}` : null },
    })),
  };
}

function createExecutor(stores: BenchStores): WorkflowExecutor {
  const unused = async (): Promise<never> => {
    throw new Error('not used by the benchmark');
  };
  return createWorkflowExecutor({
    executions: stores.executions,
    definitions: stores.definitions,
    queue: stores.queue,
    ...(stores.events ? { events: stores.events } : {}),
    clock: { now: () => Date.now() },
    ids: { newId: () => randomUUID() },
    evaluator: { evaluate: unused },
    jq: { transform: unused },
    http: { call: unused },
  });
}

/** Runs `total` jobs with `concurrency` in flight; returns the elapsed milliseconds. */
async function inParallel(total: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await job(next++);
    }),
  );
  return performance.now() - began;
}

/** Operations done and the wall time they took. */
interface Run {
  ops: number;
  ms: number;
}

async function measureStarts(executor: WorkflowExecutor, total: number): Promise<Run> {
  const ms = await inParallel(total, async (i) => {
    await executor.startWorkflow({ name: START_WORKFLOW, version: 1, input: { n: i } });
  });
  return { ops: total, ms };
}

/** Workers poll one task at a time and complete it until every workflow ended. */
async function measurePairs(executor: WorkflowExecutor, workflows: number): Promise<Run> {
  const ids: string[] = [];
  for (let i = 0; i < workflows; i += 1) {
    ids.push(await executor.startWorkflow({ name: RUN_WORKFLOW, version: 1, input: { n: i } }));
  }
  const expected = workflows * steps;
  let done = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (done < expected) {
        const [task] = await executor.pollTasks(RUN_TASK, { count: 1, workerId: `w${w}` });
        if (!task) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        await executor.updateTask({
          taskId: task.taskId,
          workflowInstanceId: task.workflowInstanceId,
          status: 'COMPLETED',
          outputData: { step: task.referenceTaskName, payload: 'x'.repeat(64) },
        });
        done += 1;
      }
    }),
  );
  const ms = performance.now() - began;
  const last = await executor.getWorkflow(ids[ids.length - 1] as string, { includeTasks: false });
  if (last.status !== 'COMPLETED') throw new Error(`workflow ended ${last.status}, not COMPLETED`);
  return { ops: expected, ms };
}

/**
 * Runs a phase and prints its rate and the CPU time per operation of this process and of
 * redis-server: on a loaded machine the rate varies a lot, CPU per operation much less.
 */
async function phase(stores: BenchStores, name: string, fn: () => Promise<Run>): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const redisBefore = stores.redisPort ? redisCpuSeconds(stores.redisPort) : null;
  const file = join(
    values['profile-dir']!,
    `bench-hot-paths-${store}-${name.replace(/\W+/g, '-')}.cpuprofile`,
  );
  const { result, profile } = values.profile
    ? await profiled(fn, file)
    : { result: await fn(), profile: undefined };
  const cpu = process.cpuUsage(cpuBefore);
  const redisAfter = stores.redisPort ? redisCpuSeconds(stores.redisPort) : null;
  const perOp = (seconds: number): string => `${((seconds * 1e6) / result.ops).toFixed(0)} µs/op`;
  const parts = [
    `${name}: ${((result.ops * 1000) / result.ms).toFixed(0)}/s`,
    `node CPU ${perOp((cpu.user + cpu.system) / 1e6)}`,
  ];
  if (redisBefore !== null && redisAfter !== null) {
    parts.push(`redis CPU ${perOp(redisAfter - redisBefore)}`);
  }
  console.log(parts.join(', ') + (profile ? ` (profiled: ${file})` : ''));
  if (profile) printSelfTime(name, topSelfTime(profile));
  if (values['redis-stats'] && stores.redisPort)
    await printRedisCalls(stores.redisPort, result.ops);
}

/** Redis commands per operation in the phase just run (`INFO commandstats`, then reset). */
async function printRedisCalls(port: number, ops: number): Promise<void> {
  const client = new Redis(port, '127.0.0.1');
  try {
    const info = await client.info('commandstats');
    await client.config('RESETSTAT');
    const rows = [...info.matchAll(/^cmdstat_(\S+?):calls=(\d+),usec=(\d+)/gm)]
      .map(([, cmd, calls, usec]) => ({
        cmd,
        calls: Number(calls) / ops,
        usec: Number(usec) / ops,
      }))
      .filter((row) => row.calls >= 0.05)
      .sort((a, b) => b.usec - a.usec);
    for (const row of rows) {
      console.log(`  ${row.cmd}: ${row.calls.toFixed(2)} calls/op, ${row.usec.toFixed(0)} µs/op`);
    }
  } finally {
    client.disconnect();
  }
}

async function main(): Promise<void> {
  const stores = await openStores(store);
  try {
    await stores.definitions.saveTaskDefs([
      { name: START_TASK, retryCount: 0, responseTimeoutSeconds: 600, timeoutSeconds: 0 },
      { name: RUN_TASK, retryCount: 0, responseTimeoutSeconds: 600, timeoutSeconds: 0 },
    ]);
    for (const def of [
      definition(START_WORKFLOW, START_TASK, steps),
      definition(RUN_WORKFLOW, RUN_TASK, steps),
    ]) {
      await stores.definitions.saveWorkflowDef(def, { overwrite: true });
    }
    const executor = createExecutor(stores);
    console.log(`store ${store}, concurrency ${concurrency}, ${steps} sequential steps`);
    await measureStarts(executor, Math.min(200, Number(values.starts))); // warm-up
    await phase(stores, 'starts', () => measureStarts(executor, Number(values.starts)));
    await phase(stores, 'poll+update pairs', () =>
      measurePairs(executor, Number(values.workflows)),
    );
  } finally {
    await stores.close();
  }
}

await main();
