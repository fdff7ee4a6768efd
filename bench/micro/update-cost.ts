/**
 * A/B tool for the cost of one task update against the size of its workflow: drives the engine in
 * this process on the Redis store (its own private redis-server), one operation at a time, and
 * prints this process's CPU µs and the heap bytes allocated per task update (the poll that claims
 * each task is not counted), for sequential workflows of N SIMPLE tasks and for the benchmark's
 * 13-step + sub-workflow shape (`bench/baton/workflow-defs.ts`).
 *
 * Per-update figures come from the updates of the second half of each workflow (the workflow then
 * holds between N/2 and N tasks), so the N = 1,000 row shows what an update costs in a big
 * execution. Allocation is the growth of the V8 heap across one update; an update during which a
 * garbage collection ran is left out of the bytes (not of the CPU). CPU and bytes are load-
 * independent enough to compare two builds on a shared machine: run A and B back to back.
 *
 * Usage:
 *   npx tsx --conditions=@baton/source bench/micro/update-cost.ts [--sizes 10,100,1000]
 *     [--updates 1500] [--shape sizes|bench|all] [--profile /tmp/update-cost.cpuprofile]
 * @module
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { Redis } from 'ioredis';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import {
  createWorkflowExecutor,
  type OperationStats,
  type TaskDef,
  type WorkflowDef,
  type WorkflowExecutor,
} from '@baton/engine';
import {
  createRedisClient,
  RedisEventBus,
  RedisExecutionStore,
  RedisKeys,
  RedisTaskQueue,
} from '@baton/stores';
import { openStores, type BenchStores } from '../../scripts/hot-paths/stores.js';
import { profiled } from '../../scripts/hot-paths/profile.js';
import {
  benchTaskDefs,
  benchWorkflowDefs,
  MAIN_WORKFLOW,
  WORKER_TASK_TYPES,
} from '../baton/workflow-defs.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000' },
    updates: { type: 'string', default: '1500' },
    shape: { type: 'string', default: 'all' },
    profile: { type: 'string' },
    'heap-profile': { type: 'string' },
    executors: { type: 'string', default: '1' },
  },
});

/**
 * Executors that share the Redis, each with its own connections and in-process copies, as server
 * processes do; every poll and every update goes to one of them at random (`--executors 2` shows
 * what a second process costs when nothing routes a workflow's work to one process).
 */
let executors: WorkflowExecutor[] = [];

function anyExecutor(): WorkflowExecutor {
  return executors[Math.floor(Math.random() * executors.length)] ?? executors[0]!;
}

const SIZE_TASK = 'update_cost_task';
const PAYLOAD = 'x'.repeat(256);

/** N SIMPLE tasks in sequence, each taking the previous one's output. */
function sequence(n: number): WorkflowDef {
  return {
    name: `update_cost_${n}`,
    version: 1,
    schemaVersion: 2,
    ownerEmail: 'bench@baton.local',
    timeoutSeconds: 0,
    tasks: Array.from({ length: n }, (_, i) => ({
      name: SIZE_TASK,
      taskReferenceName: `t${i + 1}`,
      type: 'SIMPLE' as const,
      inputParameters: { data: i === 0 ? '${workflow.input.data}' : `\${t${i}.output.data}` },
    })),
  };
}

/** One measured row. */
export interface UpdateCost {
  label: string;
  updates: number;
  cpuMicros: number;
  /** CPU µs of the polls that claimed the counted tasks (one task per poll). */
  pollCpuMicros: number;
  bytes: number;
  /** Updates whose bytes were counted (no GC ran during them). */
  bytesSamples: number;
  /** Bytes Redis received during the row (polls, starts and updates), per update. */
  redisBytesIn?: number;
}

let gcs = 0;
new PerformanceObserver((list) => {
  gcs += list.getEntries().length;
}).observe({ entryTypes: ['gc'] });

/** CPU µs of this process, user + system. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * Completes the open tasks of `workflowIds` one at a time (poll one, update it) until every
 * workflow ended; `measure(i)` says whether the i-th update of a workflow counts.
 */
async function drive(
  executor: WorkflowExecutor,
  taskTypes: readonly string[],
  workflowIds: string[],
  measure: (taskIndex: number) => boolean,
  row: UpdateCost,
  systemTasks = false,
): Promise<void> {
  const done = new Map<string, number>(workflowIds.map((id) => [id, 0]));
  let idle = 0;
  while (idle < 50) {
    let progressed = false;
    for (const type of taskTypes) {
      const cpuPollBefore = cpuNow();
      const tasks = await anyExecutor().pollTasks(type, { count: 1, workerId: 'micro' });
      const pollCpu = cpuNow() - cpuPollBefore;
      for (const task of tasks) {
        progressed = true;
        const index = done.get(task.workflowInstanceId) ?? 0;
        done.set(task.workflowInstanceId, index + 1);
        const counted = measure(index);
        const gcBefore = gcs;
        const heapBefore = getHeapStatistics().used_heap_size;
        const cpuBefore = cpuNow();
        await anyExecutor().updateTask({
          taskId: task.taskId,
          workflowInstanceId: task.workflowInstanceId,
          status: 'COMPLETED',
          outputData: { data: PAYLOAD },
        });
        const cpu = cpuNow() - cpuBefore;
        const heap = getHeapStatistics().used_heap_size - heapBefore;
        if (counted) {
          row.updates += 1;
          row.cpuMicros += cpu;
          row.pollCpuMicros += tasks.length > 0 ? pollCpu / tasks.length : 0;
          if (gcs === gcBefore && heap >= 0) {
            row.bytes += heap;
            row.bytesSamples += 1;
          }
        }
      }
    }
    if (!progressed && systemTasks)
      progressed = (await anyExecutor().runSystemTasks('SUB_WORKFLOW', 20)) > 0;
    idle = progressed ? 0 : idle + 1;
    if (!progressed) await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function newRow(label: string): UpdateCost {
  return { label, updates: 0, cpuMicros: 0, pollCpuMicros: 0, bytes: 0, bytesSamples: 0 };
}

async function measureSize(executor: WorkflowExecutor, n: number, updates: number) {
  const row = newRow(`${n} tasks in sequence`);
  // Half of each workflow's updates count: enough workflows to reach `updates` of them.
  const workflows = Math.max(1, Math.ceil(updates / Math.max(1, Math.floor(n / 2))));
  const batch = Math.min(workflows, 20);
  for (let started = 0; started < workflows; started += batch) {
    const ids: string[] = [];
    for (let i = 0; i < Math.min(batch, workflows - started); i += 1) {
      ids.push(
        await executor.startWorkflow({
          name: `update_cost_${n}`,
          version: 1,
          input: { data: PAYLOAD },
        }),
      );
    }
    await drive(executor, [SIZE_TASK], ids, (i) => i >= n - Math.floor(n / 2), row);
    await assertCompleted(executor, ids);
  }
  return row;
}

async function measureBench(executor: WorkflowExecutor, updates: number) {
  const row = newRow('13-step + sub-workflow (bench shape)');
  const workflows = Math.ceil(updates / WORKER_TASK_TYPES.length);
  const batch = 20;
  for (let started = 0; started < workflows; started += batch) {
    const ids: string[] = [];
    for (let i = 0; i < Math.min(batch, workflows - started); i += 1) {
      ids.push(
        await executor.startWorkflow({ name: MAIN_WORKFLOW, version: 1, input: { data: PAYLOAD } }),
      );
    }
    await drive(executor, WORKER_TASK_TYPES, ids, () => true, row, true);
    await assertCompleted(executor, ids);
  }
  return row;
}

async function assertCompleted(executor: WorkflowExecutor, ids: string[]): Promise<void> {
  for (const id of ids) {
    const wf = await executor.getWorkflow(id, { includeTasks: false });
    if (wf.status !== 'COMPLETED') throw new Error(`workflow ${id} ended ${wf.status}`);
  }
}

function createExecutor(stores: BenchStores): WorkflowExecutor {
  const unused = async (): Promise<never> => {
    throw new Error('not used by this benchmark');
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

/** Redis's `total_net_input_bytes`. */
async function redisBytesIn(redis: Redis): Promise<number> {
  const info = await redis.info('stats');
  return Number(/total_net_input_bytes:(\d+)/.exec(info)?.[1] ?? 0);
}

async function withRedisBytes(
  redis: Redis,
  measure: () => Promise<UpdateCost>,
): Promise<UpdateCost> {
  const before = await redisBytesIn(redis);
  const row = await measure();
  // Every operation of the row counts, the uncounted updates included.
  row.redisBytesIn = (await redisBytesIn(redis)) - before;
  return row;
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/**
 * Runs `fn` under V8's sampling heap profiler, writes the `.heapprofile` (Chrome DevTools opens
 * it) and prints the functions that allocated the most.
 */
async function heapProfiled(fn: () => Promise<void>, file: string): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await fn();
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as {
    profile: { head: HeapNode };
  };
  session.disconnect();
  await writeFile(file, JSON.stringify(profile));
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-3).join('/')}:${lineNumber + 1}`;
    bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${site}`);
  }
}

let statsBefore: OperationStats | undefined;

/** The redone-work counts of every executor, summed. */
function summedStats(): OperationStats {
  const sum: OperationStats = { conflicts: 0, staleCopies: 0, hotTableHits: 0, hotTableMisses: 0 };
  for (const e of executors) {
    const s = e.operationStats();
    sum.conflicts += s.conflicts;
    sum.staleCopies += s.staleCopies;
    sum.hotTableHits += s.hotTableHits;
    sum.hotTableMisses += s.hotTableMisses;
  }
  return sum;
}

/** Another set of Redis stores on the same Redis, as a second server process opens. */
function peerStores(port: number, definitions: BenchStores['definitions']): BenchStores {
  const client = createRedisClient({ type: 'standalone', url: `redis://127.0.0.1:${port}` });
  const keys = new RedisKeys();
  const queue = new RedisTaskQueue({ client, keys });
  const events = new RedisEventBus(client, keys);
  return {
    executions: new RedisExecutionStore({ client, keys, queue }),
    definitions,
    queue,
    events,
    async close() {
      await Promise.allSettled([queue.close(), events.close()]);
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** The executor's redone-work counts since the previous call (see OperationStats). */
function printStats(): void {
  const now = summedStats();
  const before = statsBefore ?? {
    conflicts: 0,
    staleCopies: 0,
    hotTableHits: 0,
    hotTableMisses: 0,
  };
  statsBefore = now;
  console.log(
    `${''.padEnd(40)} task tables: ${now.hotTableHits - before.hotTableHits} hits, ` +
      `${now.hotTableMisses - before.hotTableMisses} misses; ` +
      `${now.staleCopies - before.staleCopies} stale-copy reruns, ${now.conflicts - before.conflicts} conflicts`,
  );
}

function print(row: UpdateCost): void {
  const cpu = row.updates ? row.cpuMicros / row.updates : 0;
  const poll = row.updates ? row.pollCpuMicros / row.updates : 0;
  const bytes = row.bytesSamples ? row.bytes / row.bytesSamples : 0;
  console.log(
    `${row.label.padEnd(40)} ${cpu.toFixed(0).padStart(6)} µs CPU/update  ` +
      `${poll.toFixed(0).padStart(5)} µs/poll  ` +
      `${(bytes / 1024).toFixed(1).padStart(8)} KiB/update  (${row.updates} updates, ` +
      `${row.bytesSamples} without GC; Redis received ${((row.redisBytesIn ?? 0) / 1024).toFixed(0)} KiB in all)`,
  );
}

async function main(): Promise<void> {
  const sizes = (values.sizes ?? '').split(',').filter(Boolean).map(Number);
  const updates = Number(values.updates);
  const shape = values.shape ?? 'all';
  const stores = await openStores('redis');
  const redis = new Redis(stores.redisPort ?? 0, '127.0.0.1');
  const peers = Array.from({ length: Math.max(1, Number(values.executors)) - 1 }, () =>
    peerStores(stores.redisPort ?? 0, stores.definitions),
  );
  try {
    const taskDefs: TaskDef[] = [
      ...benchTaskDefs(),
      { name: SIZE_TASK, retryCount: 0, timeoutSeconds: 0, responseTimeoutSeconds: 600 },
    ];
    await stores.definitions.saveTaskDefs(taskDefs);
    for (const def of [...benchWorkflowDefs(), ...[...new Set([10, ...sizes])].map(sequence)]) {
      await stores.definitions.saveWorkflowDef(def, { overwrite: true });
    }
    const executor = createExecutor(stores);
    executors = [executor, ...peers.map(createExecutor)];
    const run = async (): Promise<void> => {
      // Warm-up: JIT and caches, not counted.
      await measureSize(executor, 10, 200);
      statsBefore = summedStats();
      console.log(
        `store redis, in process, one operation at a time, ${PAYLOAD.length}-byte outputs, ` +
          `${executors.length} executor(s) on one Redis, each operation to one at random`,
      );
      if (shape !== 'bench') {
        for (const n of sizes) {
          print(await withRedisBytes(redis, () => measureSize(executor, n, updates)));
          printStats();
        }
      }
      if (shape !== 'sizes') {
        print(await withRedisBytes(redis, () => measureBench(executor, updates)));
        printStats();
      }
    };
    if (values['heap-profile']) {
      await heapProfiled(run, values['heap-profile']);
      console.log(`heap profile: ${values['heap-profile']}`);
    } else if (values.profile) {
      await profiled(run, values.profile);
      console.log(`profile: ${values.profile}`);
    } else {
      await run();
    }
  } finally {
    for (const peer of peers) await peer.close();
    redis.disconnect();
    await stores.close();
  }
}

await main();
