/**
 * What `buildApp` needs: the executor and the stores it runs on, plus options.
 * @module
 */
import type { NatsEvents } from './events/nats-events.js';
import type {
  DefinitionStore,
  EventHandlerStore,
  EventBus,
  ExecutionStore,
  ScheduleStore,
  TaskQueue,
  WorkflowExecutor,
} from '@baton/engine';
import type { ApiKey } from './plugins/auth.js';
import type { ReadinessProbe } from './routes/health.js';
import type { BackgroundOptions } from './background/background-work.js';
import type { SampleWorkersControl } from './sample-workers/controller.js';
import type { RetentionOptions } from './background/retention.js';
import type { SchedulerOptions } from './background/scheduler.js';
import type { EventExecutionPruningOptions } from './background/event-execution-pruning.js';

export interface AppOptions {
  /** Max request body in bytes (default 8 MiB); larger bodies get 413. */
  bodyLimit?: number;
  /** API keys; none means the server is open. */
  apiKeys?: readonly ApiKey[];
  /**
   * Host names the server is reached by besides loopback names and IP addresses: with no API keys
   * other `Host` headers are refused, and `Origin`s on these names may change state (see
   * plugins/origin-check.ts).
   */
  trustedHosts?: readonly string[];
  /** Directory of the built web app to serve at `/`; null or absent disables it. */
  webDir?: string | null;
  /** Background sweeper and system-task workers; false (the default) disables them. */
  background?: BackgroundOptions | false;
  /** Fastify logger option (default false). */
  logger?: boolean | Record<string, unknown>;
  /** Log every request and reply (costly on the hot paths; main.ts enables it at debug/trace). */
  logRequests?: boolean;
  /** Reported by `/api/version`. */
  version?: string;
  /** `instance` in error bodies (default: the host name). */
  instance?: string;
  /** SSE heartbeat interval (default 15 s). */
  sseHeartbeatMs?: number;
  /**
   * How long a batch poll that already holds tasks waits for the batch to fill (default 20 ms;
   * a value at least the poll's timeout gives Conductor's wait-until-full behaviour).
   */
  pollLingerMs?: number;
  /** Life of a `POST /api/token` token whose request names none (default one hour). */
  tokenTtlMs?: number;
  /**
   * Failed `POST /api/token` attempts one client address may make within `windowMs` before it is
   * answered 429 (default 5 in 5 minutes; `maxFailures` 0: no limit).
   */
  tokenLimit?: { maxFailures: number; windowMs: number };
  /** Remove finished executions older than `maxAgeMs` (absent: keep them forever). */
  retention?: RetentionOptions;
  /** Remove old event handler failure records (absent: keep them all). */
  eventExecutionPruning?: EventExecutionPruningOptions;
  /** This is a worker of a multi-process server: `/metrics` serves the whole group's metrics. */
  clusterMetrics?: boolean;
  /** The built-in sample workers, switchable at `/api/sample-workers` (absent: no route). */
  sampleWorkers?: SampleWorkersControl;
  /**
   * NATS for `nats:` events: with background work, the server subscribes to the subjects of the
   * active handlers. The app closes it.
   */
  nats?: NatsEvents;
  /**
   * The scheduler loop (with background work and a schedule store); false: schedules are kept
   * and served but this server starts none.
   */
  scheduler?: SchedulerOptions | false;
  /** How often the NATS subscriptions are matched to the handlers, ms (default 5000). */
  natsRefreshMs?: number;
}

export interface AppDeps {
  executor: WorkflowExecutor;
  executions: ExecutionStore;
  definitions: DefinitionStore;
  /** Event handlers (`/api/event`); absent: no such routes. */
  eventHandlers?: EventHandlerStore;
  /** Workflow schedules (`/api/scheduler`); absent: no such routes. */
  schedules?: ScheduleStore;
  queue: TaskQueue;
  /** Live execution events for `/api/events` and metrics. */
  events?: EventBus;
  /** What `/health/ready` probes (default: the queue and an execution read). */
  readiness?: ReadinessProbe[];
  options?: AppOptions;
}
