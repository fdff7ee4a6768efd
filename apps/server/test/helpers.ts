/**
 * Test helpers: a real app on PGlite in a temp dir (one per test file), plus small request helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStores } from '@baton/stores';
import type { FastifyInstance } from 'fastify';
import type { WorkflowDef, WorkflowExecutor } from '@baton/engine';
import { buildApp } from '../src/app.js';
import type { AppOptions } from '../src/deps.js';
import { createExecutor } from '../src/create-executor.js';
import { createInProcessEventBus } from '../src/events/in-process-event-bus.js';
import type { ServerStores } from '../src/stores-factory.js';

export interface TestApp {
  app: FastifyInstance;
  executor: WorkflowExecutor;
  stores: Omit<ServerStores, 'description'>;
  close(): Promise<void>;
}

/** Opens PGlite stores in a fresh temp dir. */
export async function openPgliteStores(): Promise<
  Omit<ServerStores, 'description'> & { dataDir: string }
> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-server-test-'));
  const stores = await createPgliteStores({ dataDir });
  return {
    ...stores,
    dataDir,
    close: async () => {
      await stores.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds the app over `stores` (PGlite in a temp dir by default). */
export async function createTestApp(
  options: AppOptions = {},
  given?: Omit<ServerStores, 'description'>,
  executorOptions: Parameters<typeof createExecutor>[2] = {},
): Promise<TestApp> {
  const stores = given ?? (await openPgliteStores());
  const events = stores.events ?? createInProcessEventBus();
  const executor = createExecutor(stores, events, executorOptions);
  const app = await buildApp({
    executor,
    executions: stores.executions,
    definitions: stores.definitions,
    eventHandlers: stores.eventHandlers,
    schedules: stores.schedules,
    queue: stores.queue,
    events,
    options: { instance: 'test', ...options },
  });
  await app.ready();
  return {
    app,
    executor,
    stores,
    close: async () => {
      await app.close();
      await stores.close();
    },
  };
}

/** A one-task SIMPLE workflow definition. */
export function simpleDef(name: string, taskName = `${name}_task`, version = 1): WorkflowDef {
  return {
    name,
    version,
    schemaVersion: 2,
    ownerEmail: 'test@example.com',
    tasks: [
      {
        name: taskName,
        taskReferenceName: `${taskName}_ref`,
        type: 'SIMPLE',
        inputParameters: { x: '${workflow.input.x}' },
      },
    ],
    outputParameters: { result: `\${${taskName}_ref.output.result}` },
  };
}

/** Registers `def` (and a task def per SIMPLE task) through the API. */
export async function register(
  app: FastifyInstance,
  def: WorkflowDef,
  headers: Record<string, string> = {},
): Promise<void> {
  const taskDefs = def.tasks
    .filter((t) => (t.type ?? 'SIMPLE') === 'SIMPLE')
    .map((t) => ({
      name: t.name,
      retryCount: 0,
      responseTimeoutSeconds: 3600,
      ownerEmail: 'test@example.com',
    }));
  if (taskDefs.length > 0) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/metadata/taskdefs',
      payload: taskDefs,
      headers,
    });
    if (r.statusCode !== 200) throw new Error(`taskdefs: ${r.statusCode} ${r.body}`);
  }
  const res = await app.inject({
    method: 'POST',
    url: '/api/metadata/workflow?overwrite=true',
    payload: def,
    headers,
  });
  if (res.statusCode !== 200) throw new Error(`register: ${res.statusCode} ${res.body}`);
}

/** Starts a workflow through the API and returns its id. */
export async function start(
  app: FastifyInstance,
  name: string,
  input: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/workflow',
    payload: { name, input },
    headers,
  });
  if (res.statusCode !== 200) throw new Error(`start: ${res.statusCode} ${res.body}`);
  return res.body;
}
