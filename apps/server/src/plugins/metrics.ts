/**
 * Prometheus metrics (prom-client) on a registry per app: workflow starts and completions, queue
 * depth per queue (read on scrape), poll and update latency, HTTP request durations, and the
 * metrics Conductor publishes under its own names and labels (`workflow_start_success_total`,
 * `task_queue_depth`, `task_poll_total`, `task_execution_seconds`, ...; see
 * docs/conductor-compatibility.md#metrics).
 * @module
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isInternalQueue, isTerminalWorkflowStatus } from '@baton/engine';
import type {
  EventBus,
  ExecutionEvent,
  OperationStats,
  TaskQueue,
  TaskTimeoutAlert,
} from '@baton/engine';
import type { FastifyInstance } from 'fastify';
import { isTapped } from '../events/local-tap.js';

/** What routes record. */
export interface AppMetrics {
  registry: Registry;
  workflowStarted(name: string): void;
  /**
   * Starts a poll latency timer; call the result when the poll returns, saying whether the type
   * is known (has a TaskDef or handed out tasks). Unknown types share one label.
   */
  pollTimer(taskType: string): (known: boolean) => void;
  /** Starts an update latency timer. */
  updateTimer(status: string): () => void;
  /** Counts a task timeout this server found (see WorkflowExecutor.onTaskTimeout). */
  taskTimedOut(alert: TaskTimeoutAlert): void;
  /** A poll of `taskType` handed out `count` tasks. */
  polled(taskType: string, domain: string | undefined, count: number): void;
}

/** Running executions per workflow name, read at most every {@link RUNNING_REFRESH_MS}. */
export type RunningCounter = () => Promise<Record<string, number>>;
/** How long a `workflow_running` reading is reused (each reading is one search per name). */
export const RUNNING_REFRESH_MS = 30_000;
/** Conductor labels every metric with the owner app; Baton has none. */
const OWNER_APP = 'unknown';
const FAILED_WORKFLOW = new Set(['FAILED', 'TIMED_OUT', 'TERMINATED']);
const ENDED_TASK = new Set([
  'COMPLETED',
  'FAILED',
  'FAILED_WITH_TERMINAL_ERROR',
  'COMPLETED_WITH_ERRORS',
  'TIMED_OUT',
  'CANCELED',
  'SKIPPED',
]);
/** Distinct task types (and domains) the poll counters label before folding the rest. */
export const MAX_POLL_LABELS = 1000;
/** Task and workflow durations (seconds), from milliseconds to days. */
const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800, 3600, 86400];

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Most distinct values one label of one metric takes; later values share {@link OTHER_LABEL}. */
export const MAX_LABEL_VALUES = 1000;
/** The label of values past the cap, and of polls of task types that are not known. */
export const OTHER_LABEL = '_other';

/**
 * Caps the values of a label that clients choose (task types, workflow names of inline
 * definitions): the first {@link MAX_LABEL_VALUES} keep their own series, later ones share one, so
 * no client can grow `/metrics` and the server's memory without bound.
 */
export function labelCap(max: number = MAX_LABEL_VALUES): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return OTHER_LABEL;
    seen.add(value);
    return value;
  };
}

/** Creates the metrics and wires completion counting to the event bus. Returns an unsubscribe. */
export function createMetrics(
  queue: TaskQueue,
  events: EventBus | undefined,
  running?: RunningCounter,
  operationStats?: () => OperationStats,
): AppMetrics & { close(): void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'baton_' });
  if (operationStats) operationCounters(registry, operationStats);
  const starts = new Counter({
    name: 'baton_workflow_starts_total',
    help: 'Workflows started, by definition name',
    labelNames: ['name'],
    registers: [registry],
  });
  const completions = new Counter({
    name: 'baton_workflow_completions_total',
    help: 'Workflows this server brought to a terminal status, by definition name and status',
    labelNames: ['name', 'status'],
    registers: [registry],
  });
  new Gauge({
    name: 'baton_queue_depth',
    help: 'Messages in each queue (due, delayed and leased), read on scrape',
    labelNames: ['queue'],
    registers: [registry],
    // Every process of a multi-process server reads the same queues.
    aggregator: 'max',
    async collect() {
      this.reset();
      for (const [name, size] of Object.entries(await queue.sizes()))
        this.set({ queue: name }, size);
    },
  });
  const poll = new Histogram({
    name: 'baton_task_poll_duration_seconds',
    help: 'Task poll latency, including long-poll waiting',
    labelNames: ['taskType'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const update = new Histogram({
    name: 'baton_task_update_duration_seconds',
    help: 'Task update latency, by result status',
    labelNames: ['status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  // Conductor's `task_timeout` counter, tagged with the task definition's name; ours adds the policy.
  const timeouts = new Counter({
    name: 'baton_task_timeout_total',
    help: 'Task timeouts (timeoutSeconds or pollTimeoutSeconds) this server found, by task definition name and timeout policy; ALERT_ONLY ones leave the task running',
    labelNames: ['taskType', 'policy'],
    registers: [registry],
  });
  const completedName = labelCap();
  const conductor = conductorMetrics(registry, queue, running);
  const count = (event: ExecutionEvent): void => {
    if (event.type === 'workflow' && isTerminalWorkflowStatus(event.status)) {
      completions.inc({ name: completedName(event.workflowName), status: event.status });
    }
    conductor.observe(event);
  };
  // With a tapped bus each server counts the workflows it finished itself; otherwise every event
  // of the bus (one process, or tests).
  const unsubscribe = events
    ? isTapped(events)
      ? events.tap((batch) => batch.forEach(count))
      : events.subscribe(count)
    : undefined;
  const startName = labelCap();
  const pollType = labelCap();
  const updateChild = childCache((status) => update.labels(status));
  return {
    registry,
    workflowStarted: (name) => starts.inc({ name: startName(name) }),
    pollTimer: (taskType) => {
      const end = poll.startTimer();
      return (known) => end({ taskType: known ? pollType(taskType) : OTHER_LABEL });
    },
    updateTimer: (status) => updateChild(status).startTimer(),
    taskTimedOut: (alert) => timeouts.inc({ taskType: alert.taskDefName, policy: alert.policy }),
    polled: conductor.polled,
    close: () => unsubscribe?.(),
  };
}

/**
 * The child metric of each label combination, made once: prom-client hashes the label object of
 * every `observe`/`inc` call, which the hot paths (each HTTP request, poll and task update) need
 * not pay. Values are the metric's label values in its `labelNames` order; the cache holds as
 * many children as the metric has series.
 */
function childCache<C>(make: (...values: string[]) => C): (...values: string[]) => C {
  const children = new Map<string, C>();
  return (...values) => {
    const key = values.join('\u0000');
    let child = children.get(key);
    if (child === undefined) {
      child = make(...values);
      children.set(key, child);
    }
    return child;
  };
}

/**
 * `read`, called at most once per `maxAgeMs` and never twice at once. The caller that starts a
 * read waits for it; callers that come while it runs get the last value at once (they wait only
 * when there is none yet). A failed read gives the last value (it fails only when there is none)
 * and is not kept: the next call tries again.
 * Scrapes come every second or so from several sources, and a read (the `workflow_running` searches,
 * each of which first brings the search index up to date) can take longer than that on a busy
 * server: without this, each scrape would start another one, and their index passes would keep
 * the server busier still.
 */
export function cachedReading<T>(
  read: () => Promise<T>,
  maxAgeMs: number,
  now: () => number = Date.now,
): () => Promise<T> {
  let last: { value: T; at: number } | undefined;
  let inFlight: Promise<T> | undefined;
  return async () => {
    if (last && now() - last.at < maxAgeMs) return last.value;
    if (inFlight) return last ? last.value : inFlight;
    inFlight = read();
    try {
      const value = await inFlight;
      last = { value, at: now() };
      return value;
    } catch (error) {
      if (last) return last.value;
      throw error;
    } finally {
      inFlight = undefined;
    }
  };
}

/** Conductor's metric names and labels, as Micrometer's Prometheus registry exposes them. */
function conductorMetrics(registry: Registry, queue: TaskQueue, running?: RunningCounter) {
  const registers = [registry];
  const startSuccess = new Counter({
    name: 'workflow_start_success_total',
    help: 'Executions started (Conductor name), by workflow name and version',
    labelNames: ['workflowName', 'version', 'ownerApp'],
    registers,
  });
  const failure = new Counter({
    name: 'workflow_failure_total',
    help: 'Executions that ended FAILED, TIMED_OUT or TERMINATED (Conductor name)',
    labelNames: ['workflowName', 'status', 'ownerApp'],
    registers,
  });
  const execution = new Histogram({
    name: 'workflow_execution_seconds',
    help: 'Duration of ended executions (Conductor name)',
    labelNames: ['workflowName', 'ownerApp'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const readRunning = running && cachedReading(running, RUNNING_REFRESH_MS);
  new Gauge({
    name: 'workflow_running',
    help: `Running executions by workflow name (Conductor name), read at most every ${RUNNING_REFRESH_MS / 1000} s`,
    labelNames: ['workflowName', 'ownerApp'],
    registers,
    aggregator: 'max',
    async collect() {
      if (readRunning === undefined) return;
      // An unavailable search index leaves this gauge out, not the whole scrape.
      const values = await readRunning().catch(() => undefined);
      this.reset();
      if (values === undefined) return;
      for (const [workflowName, n] of Object.entries(values))
        this.set({ workflowName, ownerApp: OWNER_APP }, n);
    },
  });
  new Gauge({
    name: 'task_queue_depth',
    help: 'Tasks waiting in each task queue (Conductor name), read on scrape',
    labelNames: ['taskType', 'ownerApp'],
    registers,
    aggregator: 'max',
    async collect() {
      this.reset();
      for (const [name, size] of Object.entries(await queue.sizes())) {
        if (isInternalQueue(name)) continue;
        this.set({ taskType: name, ownerApp: OWNER_APP }, size);
      }
    },
  });
  const poll = new Counter({
    name: 'task_poll_total',
    help: 'Poll requests by task type (Conductor name)',
    labelNames: ['taskType'],
    registers,
  });
  const pollCount = new Counter({
    name: 'task_poll_count_total',
    help: 'Tasks handed to workers by polls (Conductor name)',
    labelNames: ['taskType', 'domain'],
    registers,
  });
  const taskExecution = new Histogram({
    name: 'task_execution_seconds',
    help: 'Time from start to end of each ended task attempt (Conductor name)',
    labelNames: ['taskType', 'includeRetries', 'status'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const queueWait = new Histogram({
    name: 'task_queue_wait_seconds',
    help: 'Time tasks waited in their queue before a worker or the server took them (Conductor name)',
    labelNames: ['taskType'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const timeout = new Counter({
    name: 'task_timeout_total',
    help: 'Tasks that timed out (Conductor name)',
    labelNames: ['taskType'],
    registers,
  });
  // Poll labels come from the request path: past MAX_POLL_LABELS distinct values, polls of new
  // types are counted under "_other" so a client inventing names cannot grow the registry.
  const pollLabels = new Set<string>();
  const pollLabel = (value: string): string => {
    if (pollLabels.has(value)) return value;
    if (pollLabels.size >= MAX_POLL_LABELS) return '_other';
    pollLabels.add(value);
    return value;
  };
  const pollChild = childCache((taskType) => poll.labels(taskType));
  const pollCountChild = childCache((taskType, domain) => pollCount.labels(taskType, domain));
  const queueWaitChild = childCache((taskType) => queueWait.labels(taskType));
  const taskExecutionChild = childCache((taskType, status) =>
    taskExecution.labels(taskType, 'false', status),
  );
  return {
    polled(taskType: string, domain: string | undefined, n: number): void {
      const type = pollLabel(taskType);
      pollChild(type).inc();
      if (n > 0) {
        const where = domain ? pollLabel(`domain:${domain}`) : 'NO_DOMAIN';
        pollCountChild(type, where.replace(/^domain:/, '')).inc(n);
      }
    },
    observe(event: ExecutionEvent): void {
      if (event.type === 'workflow') {
        const labels = { workflowName: event.workflowName, ownerApp: OWNER_APP };
        if (event.started) {
          startSuccess.inc({ ...labels, version: String(event.workflowVersion) });
        }
        if (FAILED_WORKFLOW.has(event.status)) failure.inc({ ...labels, status: event.status });
        if (isTerminalWorkflowStatus(event.status) && event.startTime) {
          execution.observe(labels, Math.max(0, event.time - event.startTime) / 1000);
        }
        return;
      }
      const { taskType, status } = event;
      if (status === 'TIMED_OUT') timeout.inc({ taskType });
      if (status === 'IN_PROGRESS' && event.startTime && event.scheduledTime) {
        queueWaitChild(taskType).observe(Math.max(0, event.startTime - event.scheduledTime) / 1000);
      }
      if (ENDED_TASK.has(status) && event.startTime && event.endTime) {
        const seconds = Math.max(0, event.endTime - event.startTime) / 1000;
        taskExecutionChild(taskType, status).observe(seconds);
      }
    },
  };
}

/**
 * Adds HTTP request duration recording and the `/metrics` route to the root instance. `read`
 * gives the exposition text (default: this process's registry; a multi-process server's workers
 * read the whole group's).
 */
export function installMetrics(
  app: FastifyInstance,
  metrics: AppMetrics,
  read: () => Promise<string> = () => metrics.registry.metrics(),
): void {
  const http = new Histogram({
    name: 'baton_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: LATENCY_BUCKETS,
    registers: [metrics.registry],
  });
  const httpChild = childCache((method, route, statusCode) =>
    http.labels(method, route, statusCode),
  );
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    if (route === '/metrics') return;
    httpChild(request.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
  });
  app.get(
    '/metrics',
    { config: { permission: 'read' }, schema: { hide: true } },
    async (_request, reply) => {
      const body = await read();
      return reply.type(metrics.registry.contentType).send(body);
    },
  );
}

/**
 * The engine's counts of redone work (issue 20): read on scrape from `operationStats()`, summed over
 * the processes of a multi-process server, so a benchmark can divide them by task executions.
 */
function operationCounters(registry: Registry, stats: () => OperationStats): void {
  const counter = (name: string, help: string, read: (s: OperationStats) => number): void => {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read(stats()));
      },
    });
  };
  counter(
    'baton_execution_conflicts_total',
    'Execution saves refused because another writer saved first; each operation ran again',
    (s) => s.conflicts,
  );
  counter(
    'baton_execution_stale_copy_retries_total',
    'Operations run again on a fresh read after starting from the in-process copy of an execution',
    (s) => s.staleCopies,
  );
  counter(
    'baton_hot_table_hits_total',
    'Operations that started from the task table this process kept (no task list read)',
    (s) => s.hotTableHits,
  );
  counter(
    'baton_hot_table_misses_total',
    'Operations that read every task of the execution to build its task table',
    (s) => s.hotTableMisses,
  );
}
