/**
 * Prometheus metrics (prom-client) on a registry per app: workflow starts and completions, queue
 * depth per queue (read on scrape), poll and update latency, HTTP request durations.
 * @module
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isTerminalWorkflowStatus } from '@baton/engine';
import type { EventBus, ExecutionEvent, TaskQueue, TaskTimeoutAlert } from '@baton/engine';
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
}

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
): AppMetrics & { close(): void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'baton_' });
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
  const count = (event: ExecutionEvent): void => {
    if (event.type === 'workflow' && isTerminalWorkflowStatus(event.status)) {
      completions.inc({ name: completedName(event.workflowName), status: event.status });
    }
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
  return {
    registry,
    workflowStarted: (name) => starts.inc({ name: startName(name) }),
    pollTimer: (taskType) => {
      const end = poll.startTimer();
      return (known) => end({ taskType: known ? pollType(taskType) : OTHER_LABEL });
    },
    updateTimer: (status) => update.startTimer({ status }),
    taskTimedOut: (alert) => timeouts.inc({ taskType: alert.taskDefName, policy: alert.policy }),
    close: () => unsubscribe?.(),
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
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    if (route === '/metrics') return;
    http.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
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
