import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '@baton/engine/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { createExecutor } from './create-executor.js';
import type { AppDeps } from './deps.js';

let app: FastifyInstance;

/** An app on fresh memory stores, ready. */
async function appOnMemoryStores(options: AppDeps['options']): Promise<FastifyInstance> {
  const stores = createMemoryStores();
  const built = await buildApp({
    executor: createExecutor(stores, stores.events),
    executions: stores.executions,
    definitions: stores.definitions,
    queue: stores.queue,
    events: stores.events,
    options,
  });
  await built.ready();
  return built;
}

beforeAll(async () => {
  app = await appOnMemoryStores({ instance: 'unit' });
  const def = {
    name: 'unit_wf',
    version: 1,
    ownerEmail: 'a@b.c',
    tasks: [{ name: 'unit_task', taskReferenceName: 'unit_ref', type: 'SIMPLE' }],
  };
  await app.inject({ method: 'POST', url: '/api/metadata/workflow', payload: def });
}, 60_000);
afterAll(async () => {
  await app.close();
});

describe('buildApp on memory stores', () => {
  it('ends a long poll early when a workflow queues a task, without waiting for the timeout', async () => {
    const began = Date.now();
    const pending = app.inject({ url: '/api/tasks/poll/batch/unit_task?timeout=5000' });
    await new Promise((r) => setTimeout(r, 100));
    const id = (await app.inject({ method: 'POST', url: '/api/workflow/unit_wf', payload: {} }))
      .body;
    const tasks = (await pending).json() as Array<{ workflowInstanceId: string }>;
    expect(tasks.map((t) => t.workflowInstanceId)).toEqual([id]);
    expect(Date.now() - began).toBeLessThan(2500);
  });

  it('waits for the whole timeout when nothing arrives and answers []', async () => {
    const began = Date.now();
    const res = await app.inject({ url: '/api/tasks/poll/batch/unit_idle?timeout=300' });
    expect(res.json()).toEqual([]);
    expect(Date.now() - began).toBeGreaterThanOrEqual(280);
  });

  it('keeps unknown fields of a definition and nulls inside maps', async () => {
    const def = {
      name: 'unit_round_trip',
      ownerEmail: 'a@b.c',
      tasks: [
        {
          name: 't',
          taskReferenceName: 't',
          type: 'SIMPLE',
          inputParameters: { k: null },
          uiHint: { x: 1 },
        },
      ],
      designerLayout: { zoom: 2 },
    };
    expect(
      (await app.inject({ method: 'POST', url: '/api/metadata/workflow', payload: def }))
        .statusCode,
    ).toBe(200);
    const got = (await app.inject({ url: '/api/metadata/workflow/unit_round_trip' })).json();
    expect(got.designerLayout).toEqual({ zoom: 2 });
    expect(got.tasks[0].uiHint).toEqual({ x: 1 });
    expect(got.tasks[0].inputParameters).toEqual({ k: null });
  });
});

describe('request logging', () => {
  /** Builds an app that logs into `lines` at debug level, with or without request lines. */
  function loggingApp(logRequests: boolean, lines: string[]): Promise<FastifyInstance> {
    return appOnMemoryStores({
      instance: 'unit',
      logRequests,
      logger: { level: 'debug', stream: { write: (line: string) => lines.push(line) } },
    });
  }

  it('logs each request only when asked to', async () => {
    for (const logRequests of [true, false]) {
      const lines: string[] = [];
      const logged = await loggingApp(logRequests, lines);
      await logged.inject({ url: '/health' });
      await logged.close();
      const requestLines = lines.filter((l) => /incoming request|request completed/.test(l));
      expect(requestLines.length).toBe(logRequests ? 2 : 0);
    }
  });
});
