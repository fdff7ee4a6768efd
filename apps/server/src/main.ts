/**
 * The server's entry point: read config → open stores → executor → buildApp → listen. The only file
 * that listens. Shuts down gracefully on SIGINT/SIGTERM.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { isClusterWorker, runPrimary } from './cluster.js';
import { ConfigError, isLoopbackHost, loadConfig } from './config.js';
import { createExecutor } from './create-executor.js';
import { createInProcessEventBus } from './events/in-process-event-bus.js';
import { tapEventBus } from './events/local-tap.js';
import { createStoresFromConfig } from './stores-factory.js';

function defaultWebDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '../../web/dist'), resolve('apps/web/dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.processes > 1 && !isClusterWorker()) {
    runPrimary(config.processes, (line) => console.log(line));
    return;
  }
  const stores = await createStoresFromConfig(config);
  // Metrics count this server's own events through the tap (see events/local-tap.ts).
  const events = tapEventBus(stores.events ?? createInProcessEventBus());
  const executor = createExecutor(stores, events, {
    httpAllowHosts: config.httpAllowHosts,
    strictTaskDefs: config.strictTaskDefs,
    scriptThreads: config.scriptThreads,
    scriptLimits: { maxResultBytes: config.scriptMaxResultBytes },
  });
  const app = await buildApp({
    executor,
    executions: stores.executions,
    definitions: stores.definitions,
    queue: stores.queue,
    events,
    options: {
      apiKeys: config.apiKeys,
      trustedHosts: config.trustedHosts,
      bodyLimit: config.bodyLimit,
      webDir: config.webDir ?? defaultWebDir() ?? null,
      background: {},
      logger: { level: config.logLevel },
      logRequests: config.logLevel === 'debug' || config.logLevel === 'trace',
      pollLingerMs: config.pollLingerMs,
      clusterMetrics: isClusterWorker(),
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
  app.log.info(`stores: ${stores.description}`);
  if (config.apiKeys.length === 0 && !isLoopbackHost(config.host)) {
    // Only reached with BATON_ALLOW_OPEN=1 (loadConfig refuses it otherwise).
    app.log.warn('No API keys configured and listening beyond loopback: anyone can reach the API');
  }
  const processNote = isClusterWorker() ? `, process ${process.pid}` : '';
  console.log(
    `Baton listening on http://${shownHost}:${port} (API at /api, docs at /api/docs${processNote})`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
