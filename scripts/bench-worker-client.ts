/**
 * CPU per task of a Node worker process, through global `fetch` and through `createNodeTransport()`.
 * A tiny fake Baton API (a child process on `node:http`) answers batch polls with as many small
 * tasks as asked for and task updates with the task id; a `TaskRunner` with instant workers runs
 * in a fresh child process per measurement, and reports its `process.cpuUsage()` per task and its
 * tasks per second after a warm-up. The variants alternate, so drift in the machine hits both.
 *
 * Usage:
 *   npx tsx --conditions=@baton/source scripts/bench-worker-client.ts
 *     [--tasks 10000] [--warmup 2000] [--rounds 3] [--concurrency 50] [--batch 10]
 * @module
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BatonClient } from '@baton/client';
import { createNodeTransport } from '@baton/client/node';
import { TaskRunner } from '@baton/client/worker';

const VARIANTS = ['fetch', 'node'] as const;
type Variant = (typeof VARIANTS)[number];
const TASK_TYPE = 'bench_worker_client';

interface Measurement {
  variant: Variant;
  tasks: number;
  cpuUsPerTask: number;
  tasksPerSecond: number;
}

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'main' },
    variant: { type: 'string', default: 'fetch' },
    url: { type: 'string', default: '' },
    tasks: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '50' },
    batch: { type: 'string', default: '10' },
  },
});

/** A task shaped like the server's, with a few input fields. */
function taskJson(n: number): string {
  return JSON.stringify({
    taskType: TASK_TYPE,
    status: 'IN_PROGRESS',
    referenceTaskName: `step_${n % 13}`,
    retryCount: 0,
    seq: n % 13,
    pollCount: 1,
    taskDefName: TASK_TYPE,
    scheduledTime: 1_700_000_000_000 + n,
    startTime: 1_700_000_000_000 + n,
    workflowInstanceId: `wf-${Math.floor(n / 13)}`,
    workflowType: 'bench',
    taskId: `task-${n}`,
    workerId: 'bench',
    inputData: { n, name: 'Ada', items: [1, 2, 3] },
  });
}

/** The fake API: batch polls always return `count` tasks; updates answer with the task id. */
async function serveApi(): Promise<void> {
  let next = 0;
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    if (req.method === 'GET' && url.startsWith('/api/tasks/poll/batch/')) {
      req.resume();
      const count = Number(new URL(url, 'http://api').searchParams.get('count') ?? '1');
      const tasks = Array.from({ length: count }, () => taskJson(next++));
      res.writeHead(200, { 'content-type': 'application/json' }).end(`[${tasks.join(',')}]`);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && url === '/api/tasks') {
        const { taskId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { taskId: string };
        res.writeHead(200, { 'content-type': 'text/plain' }).end(taskId);
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send?.({ port: (server.address() as AddressInfo).port });
}

/** Runs `warmup + tasks` tasks through a TaskRunner and measures the last `tasks`. */
async function runWorker(variant: Variant, url: string): Promise<void> {
  const warmup = Number(values.warmup);
  const target = warmup + Number(values.tasks);
  const transport = variant === 'node' ? createNodeTransport() : undefined;
  const client = new BatonClient({ baseUrl: url, transport });
  let executed = 0;
  let mark = { cpu: process.cpuUsage(), at: performance.now() };
  let reached: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (reached = resolve));
  const runner = new TaskRunner({
    client,
    batchSize: Number(values.batch),
    pollTimeoutMs: 100,
    workerId: 'bench',
    logger: {
      info: () => undefined,
      warn: (m, e) => console.warn(`[worker] ${m}`, e ?? ''),
      error: (m, e) => console.error(`[worker] ${m}`, e ?? ''),
    },
    workers: [
      {
        taskDefName: TASK_TYPE,
        concurrency: Number(values.concurrency),
        pollInterval: 0,
        execute: () => {
          executed += 1;
          if (executed === warmup) mark = { cpu: process.cpuUsage(), at: performance.now() };
          if (executed === target) reached();
          return { status: 'COMPLETED', outputData: { data: 'x'.repeat(64) } };
        },
      },
    ],
  });
  runner.start();
  await done;
  // Stopping waits for the updates in flight, so every counted task has been reported.
  await runner.stop();
  const cpu = process.cpuUsage(mark.cpu);
  const seconds = (performance.now() - mark.at) / 1000;
  const tasks = executed - warmup;
  await transport?.close();
  const measurement: Measurement = {
    variant,
    tasks,
    cpuUsPerTask: (cpu.user + cpu.system) / tasks,
    tasksPerSecond: tasks / seconds,
  };
  process.send?.(measurement, () => process.exit(0));
}

function forkSelf(args: string[]): ChildProcess {
  return fork(fileURLToPath(import.meta.url), args, {
    execArgv: ['--import', 'tsx', '--conditions=@baton/source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function firstMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (msg) => resolve(msg as T));
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before answering`)));
  });
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const api = forkSelf(['--role', 'api']);
  const { port } = await firstMessage<{ port: number }>(api);
  const url = `http://127.0.0.1:${port}`;
  const results: Measurement[] = [];
  console.log(
    `${values.tasks} tasks after ${values.warmup} warm-up, concurrency ${values.concurrency}, batch ${values.batch}`,
  );
  try {
    for (let round = 1; round <= Number(values.rounds); round += 1) {
      for (const variant of VARIANTS) {
        const worker = forkSelf([
          '--role',
          'worker',
          '--variant',
          variant,
          '--url',
          url,
          ...passThrough(),
        ]);
        const m = await firstMessage<Measurement>(worker);
        results.push(m);
        console.log(
          `round ${round} ${variant.padEnd(5)} ${m.cpuUsPerTask.toFixed(0).padStart(5)} µs CPU/task  ${m.tasksPerSecond.toFixed(0).padStart(6)} tasks/s`,
        );
      }
    }
  } finally {
    api.kill();
  }
  for (const variant of VARIANTS) {
    const mine = results.filter((m) => m.variant === variant);
    console.log(
      `median ${variant.padEnd(5)} ${median(mine.map((m) => m.cpuUsPerTask))
        .toFixed(0)
        .padStart(5)} µs CPU/task  ${median(mine.map((m) => m.tasksPerSecond))
        .toFixed(0)
        .padStart(6)} tasks/s`,
    );
  }
}

/** The measurement options, handed on to each worker child. */
function passThrough(): string[] {
  return ['tasks', 'warmup', 'concurrency', 'batch'].flatMap((k) => [
    `--${k}`,
    String(values[k as keyof typeof values]),
  ]);
}

if (values.role === 'api') await serveApi();
else if (values.role === 'worker') await runWorker(values.variant as Variant, values.url ?? '');
else await main();
