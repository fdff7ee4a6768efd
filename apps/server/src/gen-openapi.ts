/**
 * Writes the OpenAPI document generated from the route schemas to `docs/openapi.json`
 * (`npm run gen:openapi`). Builds the app over in-memory stores; nothing listens.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createMemoryStores } from '@baton/engine/testing';
import { buildApp } from './app.js';
import { createExecutor } from './create-executor.js';

const target = resolve(import.meta.dirname, '../../../docs/openapi.json');
const stores = createMemoryStores();
const app = await buildApp({
  executor: createExecutor(stores, stores.events),
  executions: stores.executions,
  definitions: stores.definitions,
  queue: stores.queue,
  events: stores.events,
  options: { instance: 'openapi' },
});
await app.ready();
writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
console.log(`wrote ${target}`);
