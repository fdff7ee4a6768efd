/**
 * Child-process entry: instant BullMQ workers, one per flow queue, each returning `{ data }` (a
 * random string of PAYLOAD_BYTES). Counts processed jobs per queue; the parent reads them with
 * `{ type: 'snapshot' }`. Env: REDIS_URL, PREFIX, CONCURRENCY, PAYLOAD_BYTES.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import { serveRequests } from '../stack/fork-ts.js';
import { FLOW_QUEUES } from './flow-shape.js';

const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = process.env.PREFIX ?? 'bench';
const concurrency = Number(process.env.CONCURRENCY ?? '50');
const payloadBytes = Number(process.env.PAYLOAD_BYTES ?? '256');
const POOL = Array.from({ length: 512 }, () =>
  randomBytes(Math.ceil(payloadBytes / 2))
    .toString('hex')
    .slice(0, payloadBytes),
);

const processed: Record<string, number> = {};
const connection = {
  host: redisUrl.hostname,
  port: Number(redisUrl.port),
  maxRetriesPerRequest: null,
};
const workers = FLOW_QUEUES.map(
  (queueName) =>
    new Worker(
      queueName,
      async () => {
        processed[queueName] = (processed[queueName] ?? 0) + 1;
        return { data: POOL[Math.floor(Math.random() * POOL.length)] ?? '' };
      },
      { connection, prefix, concurrency },
    ),
);
for (const w of workers) w.on('error', (e) => console.error('[bullmq worker]', e.message));

serveRequests(async (msg) => {
  if (msg.type === 'snapshot') return { processed: { ...processed } };
  return { error: `unknown request ${msg.type}` };
});

void Promise.all(workers.map((w) => w.waitUntilReady())).then(() =>
  process.send?.({ type: 'ready', pid: process.pid }),
);
process.once('SIGTERM', () => {
  void Promise.all(workers.map((w) => w.close())).then(() => process.exit(0));
});
