/**
 * @baton/server: the Fastify application and its composition helpers (for tests and embedding).
 * @module
 */
export { buildApp, DEFAULT_BODY_LIMIT } from './app.js';
export type { AppDeps, AppOptions } from './deps.js';
export type { ApiKey, Role, Permission } from './plugins/auth.js';
export type { BackgroundOptions } from './background/background-work.js';
export { loadConfig, ConfigError, parseApiKeys, SETTINGS } from './config.js';
export type { ServerConfig, Setting, LogFormat } from './config.js';
export { createStoresFromConfig } from './stores-factory.js';
export type { ServerStores } from './stores-factory.js';
export { createExecutor } from './create-executor.js';
export { createInProcessEventBus } from './events/in-process-event-bus.js';
