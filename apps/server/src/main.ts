/**
 * The server's entry point: read config → open stores → executor → buildApp → listen. The only file
 * that listens. Shuts down gracefully on SIGINT/SIGTERM.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { buildApp } from './app.js';
import { isClusterWorker, runPrimary } from './cluster.js';
import { ConfigError, isLoopbackHost, loadConfig } from './config.js';
import { createExecutor } from './create-executor.js';
import { createInProcessEventBus } from './events/in-process-event-bus.js';
import { NatsEvents } from './events/nats-events.js';
import { tapEventBus } from './events/local-tap.js';
import { askedLogFormat, createLogger, fastifyLoggerOptions, resolveLogFormat } from './logging.js';
import { createSampleWorkers } from './sample-workers/controller.js';
import { createStoresFromConfig } from './stores-factory.js';

function defaultWebDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '../../web/dist'), resolve('apps/web/dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logFormat = resolveLogFormat(config.logFormat, process.stdout.isTTY === true);
  if (config.processes > 1 && !isClusterWorker()) {
    const log = createLogger(config.logLevel, logFormat);
    runPrimary(config.processes, (line) => log.info(line));
    return;
  }
  if (config.databaseUrl === undefined) {
    // PGlite only (see docs/operations.md, "Memory"): WebAssembly (the embedded database's, and the
    // script sandboxes' compiled after this) is compiled once by the baseline compiler and never
    // again by the optimizing one, which saves about 35 MB of code; short queries run no slower.
    setFlagsFromString('--liftoff-only');
  }
  const storeLog = createLogger(config.logLevel, logFormat);
  const stores = await createStoresFromConfig(config, (line) => storeLog.error(line));
  // Metrics count this server's own events through the tap (see events/local-tap.ts).
  const events = tapEventBus(stores.events ?? createInProcessEventBus());
  const nats = config.natsUrl === undefined ? undefined : await NatsEvents.connect(config.natsUrl);
  const executor = createExecutor(stores, events, {
    ...(nats ? { nats } : {}),
    httpAllowHosts: config.httpAllowHosts,
    strictTaskDefs: config.strictTaskDefs,
    scriptThreads: config.scriptThreads,
    scriptLimits: { maxResultBytes: config.scriptMaxResultBytes },
    maxSubWorkflowDepth: config.maxSubWorkflowDepth,
    maxDynamicForkBranches: config.maxDynamicForkBranches,
  });
  const own: { url?: string } = {};
  const sampleLog = createLogger(config.logLevel, logFormat).child({ sampleWorkers: true });
  const sampleWorkers = createSampleWorkers({
    baseUrl: () => own.url,
    apiKeys: config.apiKeys,
    logger: {
      info: (message) => sampleLog.info(message),
      warn: (message, err) => sampleLog.warn({ err }, message),
      error: (message, err) => sampleLog.error({ err }, message),
    },
  });
  const app = await buildApp({
    executor,
    executions: stores.executions,
    definitions: stores.definitions,
    eventHandlers: stores.eventHandlers,
    schedules: stores.schedules,
    queue: stores.queue,
    events,
    options: {
      apiKeys: config.apiKeys,
      trustedHosts: config.trustedHosts,
      bodyLimit: config.bodyLimit,
      webDir: config.webDir ?? defaultWebDir() ?? null,
      background: {},
      logger: fastifyLoggerOptions(config.logLevel, logFormat),
      logRequests: config.logLevel === 'debug' || config.logLevel === 'trace',
      pollLingerMs: config.pollLingerMs,
      tokenLimit: {
        maxFailures: config.tokenMaxFailures,
        windowMs: config.tokenFailureWindowSeconds * 1000,
      },
      ...(nats ? { nats } : {}),
      ...(config.retentionDays === undefined
        ? {}
        : { retention: { maxAgeMs: config.retentionDays * 24 * 60 * 60 * 1000 } }),
      eventExecutionPruning: {
        maxAgeMs: config.eventExecutionRetentionSeconds * 1000,
        maxRecords: config.eventExecutionMaxRecords,
      },
      clusterMetrics: isClusterWorker(),
      scheduler: config.scheduler
        ? { catchUpMax: config.schedulerCatchUpMax, graceMs: config.schedulerGraceSeconds * 1000 }
        : false,
      sampleWorkers,
    },
  });
  app.addHook('onClose', async () => stores.close());

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received, shutting down`);
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const ownHost = ['0.0.0.0', '::', 'localhost'].includes(config.host) ? '127.0.0.1' : config.host;
  own.url = `http://${ownHost.includes(':') ? `[${ownHost}]` : ownHost}:${port}`;
  if (config.demoWorkers) sampleWorkers.enable();
  app.log.info(`stores: ${stores.description}`);
  if (config.apiKeys.length === 0 && !isLoopbackHost(config.host)) {
    // Only reached with BATON_ALLOW_OPEN=1 (loadConfig refuses it otherwise).
    app.log.warn('No API keys configured and listening beyond loopback: anyone can reach the API');
  }
  const processNote = isClusterWorker() ? `, process ${process.pid}` : '';
  // Printed whatever LOG_LEVEL says (as it always was): scripts and tests wait for this line.
  createLogger('info', logFormat).info(
    `Baton listening on http://${shownHost}:${port} (API at /api, docs at /api/docs${processNote})`,
  );
}

main().catch((err: unknown) => {
  const format = resolveLogFormat(askedLogFormat(process.env), process.stdout.isTTY === true);
  const log = createLogger('info', format);
  if (err instanceof ConfigError) {
    log.fatal(`Configuration error: ${err.message}`);
  } else {
    log.fatal({ err }, 'the server failed to start');
  }
  process.exit(1);
});
