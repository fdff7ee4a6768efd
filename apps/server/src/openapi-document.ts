/**
 * The OpenAPI document the server serves at `/api/openapi.json`, built the way `main.ts` builds the
 * app (the sample-worker route, the event handler and scheduler routes included) over in-memory stores; nothing listens.
 * `npm run gen:openapi` writes it to `docs/openapi.json`; `openapi-document.test.ts` fails when
 * that file differs, and the getting-started test compares it with a real server's.
 * @module
 */
import { resolve } from 'node:path';
import { createMemoryStores } from '@baton/engine/testing';
import { buildApp } from './app.js';
import { createExecutor } from './create-executor.js';
import { createSampleWorkers } from './sample-workers/controller.js';

/** `docs/openapi.json`. */
export const OPENAPI_DOC_PATH = resolve(import.meta.dirname, '../../../docs/openapi.json');

/** The document, as `docs/openapi.json` holds it (two-space JSON and a final newline). */
export async function openApiDocumentText(): Promise<string> {
  const stores = createMemoryStores();
  const quiet = { info() {}, warn() {}, error() {} };
  const app = await buildApp({
    executor: createExecutor(stores, stores.events, { scriptThreads: 1 }),
    executions: stores.executions,
    definitions: stores.definitions,
    queue: stores.queue,
    events: stores.events,
    eventHandlers: stores.eventHandlers,
    schedules: stores.schedules,
    options: {
      instance: 'openapi',
      sampleWorkers: createSampleWorkers({ baseUrl: () => undefined, apiKeys: [], logger: quiet }),
    },
  });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
