/**
 * Every route family under `/api`, each in its own module.
 * @module
 */
import type { EventBus } from '@baton/engine';
import type { AppDeps } from '../deps.js';
import type { AppMetrics } from '../plugins/metrics.js';
import type { App } from './common.js';
import { workflowDefRoutes } from './metadata/workflow-defs.js';
import { workflowTestRoutes } from './metadata/workflow-tests.js';
import { taskDefRoutes } from './metadata/task-defs.js';
import { startRoutes } from './workflow/start.js';
import { readRoutes } from './workflow/read.js';
import { controlRoutes } from './workflow/control.js';
import { searchRoutes } from './workflow/search.js';
import { bulkRoutes } from './workflow/bulk.js';
import { executeRoutes } from './workflow/execute.js';
import { testRunRoutes } from './workflow/test-run.js';
import { pollRoutes } from './tasks/poll.js';
import { updateRoutes } from './tasks/update.js';
import { queueRoutes } from './tasks/queue-admin.js';
import { logRoutes } from './tasks/logs.js';
import { taskSearchRoutes } from './tasks/search.js';
import { eventRoutes } from './events/sse.js';
import { eventHandlerRoutes } from './event-handlers/crud.js';
import { schedulerRoutes } from './schedules/scheduler.js';
import { healthRoute, versionRoute } from './health.js';
import { tokenRoutes } from './token.js';
import { eventQueueRoutes } from './event-queue.js';
import type { LoginLimiter } from '../plugins/login-limiter.js';
import type { TokenIssuer } from '../plugins/tokens.js';

export interface ApiContext {
  metrics: AppMetrics;
  version: string;
  check: () => Promise<boolean>;
  openStreams: Set<() => void>;
  heartbeatMs: number;
  /** How long a batch poll that holds tasks waits for more (ms). */
  pollLingerMs: number;
  /** Access-key tokens (`POST /api/token`). */
  tokens: TokenIssuer;
  /** Life of a token whose request names none (default one hour). */
  tokenTtlMs?: number;
  /** Failed `POST /api/token` attempts per client. */
  loginLimiter: LoginLimiter;
}

/** Registers all `/api` routes on `api` (an instance prefixed with `/api`). */
export function apiRoutes(api: App, deps: AppDeps & { events: EventBus }, ctx: ApiContext): void {
  const { executor, executions, definitions, queue, events } = deps;
  workflowDefRoutes(api, definitions);
  workflowTestRoutes(api, definitions);
  taskDefRoutes(api, definitions);
  if (deps.eventHandlers) eventHandlerRoutes(api, deps.eventHandlers);
  if (deps.schedules) schedulerRoutes(api, { schedules: deps.schedules, definitions });
  startRoutes(api, executor, ctx.metrics);
  executeRoutes(api, executor, events, ctx.metrics);
  testRunRoutes(api, executor);
  readRoutes(api, executor, executions);
  controlRoutes(api, executor);
  searchRoutes(api, executions);
  bulkRoutes(api, executor);
  pollRoutes(api, executor, queue, ctx.metrics, ctx.pollLingerMs, definitions);
  updateRoutes(api, executor, ctx.metrics);
  eventQueueRoutes(api, executor, queue);
  queueRoutes(api, executor, executions, queue);
  logRoutes(api, executions, () => Date.now());
  taskSearchRoutes(api, executions);
  eventRoutes(api, events, ctx.heartbeatMs, ctx.openStreams);
  healthRoute(api, ctx.check);
  versionRoute(api, ctx.version);
  tokenRoutes(api, ctx.tokens, () => Date.now(), ctx.loginLimiter, ctx.tokenTtlMs);
}
