/**
 * Several server processes on one port (`BATON_PROCESSES`), so one machine's cores all run the
 * engine: Node runs each server on one thread, and servers are stateless (they share Redis and
 * Postgres), so the primary only forks workers, restarts any that die, forwards shutdown signals
 * and answers `/metrics` for the whole group. Connections are spread by Node's cluster module.
 * @module
 */
import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const METRICS_REQUEST = 'baton:cluster-metrics-request';
const METRICS_REPLY = 'baton:cluster-metrics-reply';
const SNAPSHOT_REQUEST = 'baton:metrics-snapshot-request';
const SNAPSHOT_REPLY = 'baton:metrics-snapshot-reply';
/**
 * How long a scrape waits for the processes' metrics. One whose event loop is too busy to answer
 * in time is counted with the metrics it sent last, so that `/metrics` keeps answering while the
 * server is overloaded (when it matters most) instead of timing out.
 */
export const METRICS_WAIT_MS = 2_000;
/** A worker that dies sooner than this after its start is restarted after a pause. */
const QUICK_DEATH_MS = 5_000;
const RESTART_PAUSE_MS = 1_000;

interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}

interface MetricsReply {
  type: typeof METRICS_REPLY;
  id: number;
  body?: string;
  error?: string;
}

interface SnapshotRequest {
  type: typeof SNAPSHOT_REQUEST;
  id: number;
}

interface SnapshotReply {
  type: typeof SNAPSHOT_REPLY;
  id: number;
  /** `registry.getMetricsAsJSON()` of the process. */
  metrics: object[];
}

/**
 * The primary's side of a scrape: asks every process for its metrics, waits up to `waitMs` for
 * their answers, and sums them (prom-client's aggregation: counters and histograms summed, gauges
 * as each one declares). A process that has not answered by then is counted with its last
 * answer; one that never answered is left out.
 */
export class MetricsGatherer {
  private readonly latest = new Map<number, object[]>();
  private readonly waiting = new Map<number, { pending: Set<number>; finish: () => void }>();
  private nextId = 1;

  constructor(
    private readonly ask: (processId: number, request: SnapshotRequest) => void,
    private readonly waitMs: number = METRICS_WAIT_MS,
  ) {}

  /** Takes a process's answer (late ones too: they refresh its last metrics). */
  received(processId: number, reply: SnapshotReply): void {
    this.latest.set(processId, reply.metrics);
    const round = this.waiting.get(reply.id);
    if (!round) return;
    round.pending.delete(processId);
    if (round.pending.size === 0) round.finish();
  }

  /** Drops a process that exited. */
  forget(processId: number): void {
    this.latest.delete(processId);
  }

  /** The group's metrics in Prometheus text, from the processes `processIds`. */
  async gather(processIds: number[]): Promise<string> {
    const id = this.nextId++;
    await new Promise<void>((resolve) => {
      const pending = new Set(processIds);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve();
      };
      const timer = setTimeout(finish, this.waitMs);
      this.waiting.set(id, { pending, finish });
      for (const processId of processIds) this.ask(processId, { type: SNAPSHOT_REQUEST, id });
      if (pending.size === 0) finish();
    });
    const answers = processIds.flatMap((p) => {
      const metrics = this.latest.get(p);
      return metrics ? [metrics] : [];
    });
    return AggregatorRegistry.aggregate(answers).metrics();
  }
}

/** True in a worker of a multi-process server. */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/**
 * Runs the primary of a multi-process server: forks `processes` workers (each runs `main` as a
 * normal server) and keeps that many running until SIGINT/SIGTERM, which it passes on.
 */
export function runPrimary(processes: number, log: (line: string) => void): void {
  const gatherer = new MetricsGatherer((processId, request) => {
    const worker = cluster.workers?.[processId];
    if (worker?.isConnected()) worker.send(request);
  });
  const startedAt = new Map<number, number>();
  let stopping = false;
  const fork = (): void => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.on('message', (message: MetricsRequest | SnapshotReply) => {
      if (message?.type === SNAPSHOT_REPLY) {
        gatherer.received(worker.id, message);
        return;
      }
      if (message?.type !== METRICS_REQUEST) return;
      const ids = Object.values(cluster.workers ?? {}).flatMap((w) => (w ? [w.id] : []));
      gatherer.gather(ids).then(
        (body) => worker.send({ type: METRICS_REPLY, id: message.id, body } satisfies MetricsReply),
        (error: unknown) =>
          worker.send({
            type: METRICS_REPLY,
            id: message.id,
            error: String(error),
          } satisfies MetricsReply),
      );
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    gatherer.forget(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(`server process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, lived < QUICK_DEATH_MS ? RESTART_PAUSE_MS : 0);
  });
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, stopping ${processes} server processes`);
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill(signal);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  log(`starting ${processes} server processes (primary ${process.pid})`);
  for (let i = 0; i < processes; i += 1) fork();
}

/**
 * In a worker: makes `registry` part of the group's metrics, and returns a reader of the group's
 * metrics in Prometheus text (counters and histograms summed over the processes; gauges as each
 * one declares).
 */
export function clusterMetricsReader(registry: Registry): () => Promise<string> {
  process.on('message', (message: SnapshotRequest) => {
    if (message?.type !== SNAPSHOT_REQUEST) return;
    registry.getMetricsAsJSON().then(
      (metrics) =>
        process.send?.({ type: SNAPSHOT_REPLY, id: message.id, metrics } satisfies SnapshotReply),
      () => undefined,
    );
  });
  const pending = new Map<
    number,
    { resolve: (body: string) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  process.on('message', (message: MetricsReply) => {
    if (message?.type !== METRICS_REPLY) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.body ?? '');
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the primary process did not answer with the metrics in time'));
      }, 10_000);
      pending.set(id, {
        resolve: (body) => {
          clearTimeout(timer);
          resolve(body);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
    });
}
