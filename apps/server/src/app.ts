/**
 * `buildApp(deps)`: the Fastify application (never listens; `main.ts` does). Root-level concerns
 * (body parsing, errors, auth, metrics, OpenAPI, static web app, background work) are installed
 * here; each route family is an encapsulated plugin under `/api`.
 * @module
 */
import { hostname } from 'node:os';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SHARED_SCHEMAS } from '@baton/contract';
import type { AppDeps } from './deps.js';
import { installBodyParsers } from './plugins/body-parsers.js';
import {
  frameworkErrorHandler,
  installErrorHandling,
  requestLogSerializer,
  sendRouteNotFound,
} from './plugins/error-handler.js';
import { installAuth } from './plugins/auth.js';
import type { Permission } from './plugins/auth.js';
import { installOriginCheck } from './plugins/origin-check.js';
import { createTokenIssuer } from './plugins/tokens.js';
import {
  createLoginLimiter,
  DEFAULT_TOKEN_FAILURE_WINDOW_MS,
  DEFAULT_TOKEN_MAX_FAILURES,
} from './plugins/login-limiter.js';
import { installLifecycleLog } from './plugins/lifecycle-log.js';
import { createMetrics, installMetrics } from './plugins/metrics.js';
import type { RunningCounter } from './plugins/metrics.js';
import { registerOpenApi } from './plugins/openapi.js';
import { hasWebApp, registerWebStatic } from './plugins/web-static.js';
import { startBackgroundWork } from './background/background-work.js';
import type { BackgroundWork } from './background/background-work.js';
import { startRetention } from './background/retention.js';
import { startScheduler } from './background/scheduler.js';
import type { Scheduler } from './background/scheduler.js';
import type { Retention } from './background/retention.js';
import { startEventExecutionPruning } from './background/event-execution-pruning.js';
import type { EventExecutionPruning } from './background/event-execution-pruning.js';
import { startEvents } from './background/events.js';
import type { EventsWork } from './background/events.js';
import { createInProcessEventBus } from './events/in-process-event-bus.js';
import { apiRoutes } from './routes/api-routes.js';
import { clusterMetricsReader } from './cluster.js';
import { DEFAULT_POLL_LINGER_MS } from './routes/tasks/long-poll.js';
import { healthRoute, probeRoutes } from './routes/health.js';
import type { ReadinessProbe } from './routes/health.js';
import { sampleWorkerRoutes } from './sample-workers/routes.js';

/** One route as registered: its method, URL pattern and the permission it declares. */
export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered so far (including HEAD routes Fastify adds for GET routes). */
    routeTable: readonly RouteEntry[];
  }
}

/** Default maximum request body: 8 MiB. */
export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * The stores `/health/ready` probes: the queue (Redis on Redis + Postgres) and an execution read of
 * an id that does not exist (on Redis + Postgres a Redis miss falls back to the Postgres archive, so
 * it needs both).
 */
export function defaultReadiness(deps: AppDeps): ReadinessProbe[] {
  return [
    { name: 'queue', run: () => deps.queue.size('_health') },
    { name: 'executions', run: () => deps.executions.getExecution('_health_probe') },
  ];
}

/** Running executions per workflow name (one search per latest definition, at most 200). */
function runningCounter(deps: AppDeps): RunningCounter {
  return async () => {
    const defs = (await deps.definitions.listLatestWorkflowDefs()).slice(0, 200);
    const counts: Record<string, number> = {};
    for (const def of defs) {
      const found = await deps.executions.searchWorkflows({
        start: 0,
        size: 0,
        sort: [],
        freeText: '*',
        query: {
          type: 'and',
          items: [
            { type: 'condition', field: 'workflowType', op: '=', values: [def.name] },
            { type: 'condition', field: 'status', op: '=', values: ['RUNNING'] },
          ],
        },
      });
      counts[def.name] = found.totalHits;
    }
    return counts;
  };
}

/** Builds the app. Call `app.ready()` (or `inject`) before use and `app.close()` to stop it. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const options = deps.options ?? {};
  const instance = options.instance ?? hostname();
  const version = options.version ?? '0.1.0';
  const events = deps.events ?? createInProcessEventBus();
  const logger = options.logger ?? false;
  const app = Fastify({
    logger:
      typeof logger === 'object'
        ? {
            ...logger,
            serializers: {
              req: requestLogSerializer,
              ...(logger['serializers'] as Record<string, unknown> | undefined),
            },
          }
        : logger && { serializers: { req: requestLogSerializer } },
    frameworkErrors: frameworkErrorHandler(instance),
    logController: new LogController({ disableRequestLogging: options.logRequests !== true }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The route table (method, URL, declared permission), for the role matrix test.
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routeTable.push({ method, url: route.url, permission: route.config?.permission });
    }
  });
  app.decorate('routeTable', routeTable);
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  installBodyParsers(app);
  installErrorHandling(app, instance);
  installOriginCheck(app, {
    trustedHosts: options.trustedHosts ?? [],
    keysConfigured: (options.apiKeys ?? []).length > 0,
  });
  const tokens = createTokenIssuer(options.apiKeys ?? []);
  installAuth(app, options.apiKeys ?? [], tokens);
  const metrics = createMetrics(deps.queue, events, runningCounter(deps), () =>
    deps.executor.operationStats(),
  );
  installMetrics(
    app,
    metrics,
    options.clusterMetrics ? clusterMetricsReader(metrics.registry) : undefined,
  );
  // Each timeout is counted and logged once (an ALERT_ONLY one leaves its task running).
  const stopTimeouts = deps.executor.onTaskTimeout((alert) => {
    metrics.taskTimedOut(alert);
    app.log.warn(
      {
        workflowId: alert.workflowId,
        taskId: alert.taskId,
        taskType: alert.taskDefName,
        referenceTaskName: alert.referenceTaskName,
        policy: alert.policy,
      },
      alert.policy === 'ALERT_ONLY'
        ? 'task timed out; ALERT_ONLY: it keeps running'
        : `task timed out; ${alert.policy}`,
    );
  });
  await registerOpenApi(app, version);
  const stopLifecycleLog = installLifecycleLog(app.log, events);

  const check = async () => {
    await deps.queue.size('_health');
    return true;
  };
  healthRoute(app, check);
  probeRoutes(app, deps.readiness ?? defaultReadiness(deps));
  const openStreams = new Set<() => void>();
  await app.register(
    async (api) => {
      apiRoutes(
        api,
        { ...deps, events },
        {
          metrics,
          version,
          check,
          openStreams,
          heartbeatMs: options.sseHeartbeatMs ?? 15_000,
          pollLingerMs: options.pollLingerMs ?? DEFAULT_POLL_LINGER_MS,
          tokens,
          tokenTtlMs: options.tokenTtlMs,
          loginLimiter: createLoginLimiter({
            maxFailures: options.tokenLimit?.maxFailures ?? DEFAULT_TOKEN_MAX_FAILURES,
            windowMs: options.tokenLimit?.windowMs ?? DEFAULT_TOKEN_FAILURE_WINDOW_MS,
          }),
        },
      );
    },
    { prefix: '/api' },
  );
  const sampleWorkers = options.sampleWorkers;
  if (sampleWorkers !== undefined) {
    await app.register(async (api) => sampleWorkerRoutes(api, sampleWorkers), { prefix: '/api' });
    app.addHook('preClose', () => sampleWorkers.disable());
  }

  const notFound = sendRouteNotFound;
  if (hasWebApp(options.webDir)) {
    await registerWebStatic(app, options.webDir, (req, reply) => notFound(req, reply, instance));
  } else {
    app.setNotFoundHandler((req, reply) => notFound(req, reply, instance));
  }

  let background: BackgroundWork | undefined;
  if (options.background) {
    const bgOptions = options.background;
    app.addHook('onReady', async () => {
      background = startBackgroundWork(deps.executor, deps.queue, app.log, bgOptions);
    });
  }
  let eventsWork: EventsWork | undefined;
  const eventHandlers = deps.eventHandlers;
  if (options.background && eventHandlers) {
    const intervalMs = options.background.systemTaskIntervalMs;
    app.addHook('onReady', async () => {
      eventsWork = startEvents(
        { executor: deps.executor, queue: deps.queue, handlers: eventHandlers, log: app.log },
        metrics.registry,
        intervalMs !== undefined ? { intervalMs } : {},
      );
      options.nats?.startConsuming(
        { ...eventsWork.deps, queue: deps.queue, log: app.log },
        options.natsRefreshMs,
      );
    });
  }
  let scheduler: Scheduler | undefined;
  const schedules = deps.schedules;
  if (options.background && schedules && options.scheduler !== false) {
    const schedulerOptions = options.scheduler ?? {};
    app.addHook('onReady', async () => {
      scheduler = startScheduler(
        { executor: deps.executor, schedules, log: app.log },
        schedulerOptions,
      );
    });
  }
  let retention: Retention | undefined;
  if (options.retention) {
    const retentionOptions = options.retention;
    app.addHook('onReady', async () => {
      retention = startRetention(deps.executor, deps.executions, app.log, retentionOptions);
    });
  }
  let eventPruning: EventExecutionPruning | undefined;
  const eventHandlerStore = deps.eventHandlers;
  if (options.eventExecutionPruning && eventHandlerStore) {
    const pruningOptions = options.eventExecutionPruning;
    app.addHook('onReady', async () => {
      eventPruning = startEventExecutionPruning(eventHandlerStore, app.log, pruningOptions);
    });
  }
  app.addHook('preClose', async () => {
    for (const close of [...openStreams]) close();
  });
  app.addHook('onClose', async () => {
    await background?.stop();
    await scheduler?.stop();
    await options.nats?.close();
    await eventsWork?.stop();
    stopTimeouts();
    await retention?.stop();
    await eventPruning?.stop();
    metrics.close();
    stopLifecycleLog();
  });
  return app;
}
