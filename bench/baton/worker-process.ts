/**
 * Child-process entry: instant Baton workers for every benchmark task type, through the real
 * `TaskRunner` (batch polls of 10, 100 ms long-poll; reports by update-v2, which hands back the
 * next task). Each returns `{ data }`, a random string of
 * `PAYLOAD_BYTES` characters. Requests go through `createNodeTransport()` (undici's pooled
 * `request`, far less CPU per call than `fetch`), wrapped to record poll and update latencies; the
 * parent reads and resets the counters with `{ type: 'snapshot' }`.
 * Env: BATON_URL, PAYLOAD_BYTES, TASK_TYPES (comma-separated), CONCURRENCY.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { BatonClient } from '@baton/client';
import type { Transport } from '@baton/client';
import { createNodeTransport } from '@baton/client/node';
import { TaskRunner } from '@baton/client/worker';
import { LatencyRecorder } from '../stats/percentiles.js';
import { serveRequests } from '../stack/fork-ts.js';
import type { WorkerSnapshot } from './worker-snapshot.js';

const url = process.env.BATON_URL ?? '';
const payloadBytes = Number(process.env.PAYLOAD_BYTES ?? '256');
const taskTypes = (process.env.TASK_TYPES ?? '').split(',').filter((t) => t !== '');
const concurrency = Number(process.env.CONCURRENCY ?? '50');

// A pool of random payloads: fresh random bytes per task would spend this core on crypto.
const POOL = Array.from({ length: 512 }, () =>
  randomBytes(Math.ceil(payloadBytes / 2))
    .toString('hex')
    .slice(0, payloadBytes),
);

const update = new LatencyRecorder();
const poll = new LatencyRecorder();
let tasksByType: Record<string, number> = {};
let bytesIn = 0;
let bytesOut = 0;
let failedRequests = 0;
let windowStart = Date.now();

const nodeTransport = createNodeTransport();
// Latency is to the response headers; the body is read after `send` resolves.
const timedTransport: Transport = {
  async send(req) {
    const started = performance.now();
    const res = await nodeTransport.send(req);
    const ms = performance.now() - started;
    if (res.status < 200 || res.status > 299) failedRequests += 1;
    // update-v2 (the TaskRunner's report) includes claiming the worker's next task.
    if (req.method === 'POST' && /\/api\/tasks(\/update-v2)?\/?$/.test(req.url)) update.record(ms);
    else if (req.url.includes('/tasks/poll/')) poll.record(ms);
    return res;
  },
};

const client = new BatonClient({ baseUrl: url, transport: timedTransport });
const runner = new TaskRunner({
  client,
  batchSize: 10,
  pollTimeoutMs: 100,
  workerId: `bench-${process.pid}`,
  logger: {
    info: () => undefined,
    warn: (m) => console.warn(`[workers] ${m}`),
    error: (m, e) => console.error(`[workers] ${m}`, e),
  },
  workers: taskTypes.map((taskDefName) => ({
    taskDefName,
    concurrency,
    pollInterval: 0,
    execute: (task) => {
      tasksByType[taskDefName] = (tasksByType[taskDefName] ?? 0) + 1;
      bytesIn += JSON.stringify(task.inputData ?? {}).length;
      const data = POOL[Math.floor(Math.random() * POOL.length)] ?? '';
      bytesOut += data.length + 11;
      return { status: 'COMPLETED', outputData: { data } };
    },
  })),
});

function snapshot(reset: boolean): WorkerSnapshot {
  const now = Date.now();
  const snap: WorkerSnapshot = {
    seconds: (now - windowStart) / 1000,
    tasksByType,
    tasks: Object.values(tasksByType).reduce((a, b) => a + b, 0),
    bytesIn,
    bytesOut,
    failedRequests,
    update: update.summary(),
    poll: poll.summary(),
  };
  if (reset) {
    update.reset();
    poll.reset();
    tasksByType = {};
    bytesIn = 0;
    bytesOut = 0;
    failedRequests = 0;
    windowStart = now;
  }
  return snap;
}

serveRequests(async (msg) => {
  if (msg.type === 'snapshot') return { snapshot: snapshot(msg.reset === true) };
  return { error: `unknown request ${msg.type}` };
});

runner.start();
process.send?.({ type: 'ready', pid: process.pid });
process.once('SIGTERM', () => {
  void runner.stop().then(() => process.exit(0));
});
