/**
 * Scripts and system tasks under hostile load, through the REST API of a real server (PGlite, the
 * background loops on, 2 script threads, 1 s script limit):
 * - every script of the corpus (`script-corpus.ts`) ends in its status with a clear reason, while a
 *   normal INLINE workflow started alongside finishes within its own time plus the hostile script's
 *   time limit;
 * - a flood of endless scripts, from one definition or two, never holds up another definition by
 *   more than one time limit;
 * - an HTTP endpoint that never answers holds up no other HTTP task.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Task, Workflow, WorkflowDef, WorkflowTask } from '@baton/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createExecutor } from '../../src/create-executor.js';
import { createInProcessEventBus } from '../../src/events/in-process-event-bus.js';
import { openPgliteStores, register, start } from '../helpers.js';
import { HOSTILE_SCRIPTS, type HostileScript } from './script-corpus.js';

/** The test server's script limit, and the longest a script can hold a thread (watchdog grace). */
const LIMIT_MS = 1_000;
const HOLD_MS = LIMIT_MS + 1_000;
/** Allowance for a loaded 2-core CI machine on top of the bound the tests state. */
const SLACK_MS = 1_500;

let app: FastifyInstance;
let closeApp: () => Promise<void>;

beforeAll(async () => {
  const stores = await openPgliteStores();
  const events = stores.events ?? createInProcessEventBus();
  const executor = createExecutor(stores, events, {
    httpAllowHosts: ['127.0.0.1'],
    scriptThreads: 2,
    scriptLimits: { timeoutMs: LIMIT_MS },
  });
  app = await buildApp({
    executor,
    executions: stores.executions,
    definitions: stores.definitions,
    queue: stores.queue,
    events,
    options: { instance: 'test', background: { systemTaskIntervalMs: 200 } },
  });
  await app.ready();
  closeApp = async () => {
    await app.close();
    await stores.close();
  };
  await register(app, normalDef());
});

afterAll(async () => {
  await closeApp?.();
});

const def = (name: string, tasks: WorkflowTask[]): WorkflowDef => ({
  name,
  version: 1,
  schemaVersion: 2,
  ownerEmail: 'test@example.com',
  tasks,
});

/**
 * The normal workflow: one INLINE that also checks no earlier script's tampering leaked into its
 * context (a fresh context per evaluation).
 */
function normalDef(): WorkflowDef {
  return def('normal_inline', [
    {
      name: 'n',
      taskReferenceName: 'n',
      type: 'INLINE',
      inputParameters: {
        evaluatorType: 'javascript',
        n: '${workflow.input.n}',
        expression:
          "({}).polluted === undefined && typeof [].map === 'function' && typeof JSON.stringify === 'function' && globalThis.$ !== null ? $.n + 1 : 'tampered'",
      },
    },
  ]);
}

function taskFor(entry: HostileScript): WorkflowTask {
  const base = { name: 'h', taskReferenceName: 'h' };
  const input = entry.input ?? {};
  switch (entry.kind) {
    case 'INLINE':
      return {
        ...base,
        type: 'INLINE',
        inputParameters: { evaluatorType: 'javascript', expression: entry.script, ...input },
      };
    case 'LAMBDA':
      return {
        ...base,
        type: 'LAMBDA',
        inputParameters: { scriptExpression: entry.script, ...input },
      };
    case 'SWITCH':
      return {
        ...base,
        type: 'SWITCH',
        evaluatorType: 'javascript',
        expression: entry.script,
        inputParameters: input,
        decisionCases: { first: [], second: [] },
        defaultCase: [],
      };
    case 'JQ':
      return {
        ...base,
        type: 'JSON_JQ_TRANSFORM',
        inputParameters: { queryExpression: entry.script, ...input },
      };
  }
}

async function workflow(id: string): Promise<Workflow> {
  const res = await app.inject({ method: 'GET', url: `/api/workflow/${id}?includeTasks=true` });
  expect(res.statusCode).toBe(200);
  return res.json<Workflow>();
}

/** Starts the normal workflow and returns how long it took to complete (its INLINE runs in the start). */
async function timeNormal(n: number): Promise<number> {
  const started = Date.now();
  const id = await start(app, 'normal_inline', { n });
  const wf = await workflow(id);
  const elapsed = Date.now() - started;
  expect(wf.status).toBe('COMPLETED');
  expect(wf.tasks[0]?.outputData.result).toBe(n + 1);
  return elapsed;
}

/** The normal workflow's own time: the slowest of a few runs with nothing else going on. */
async function ownTime(): Promise<number> {
  let slowest = 0;
  for (let i = 0; i < 5; i += 1) slowest = Math.max(slowest, await timeNormal(i));
  return slowest;
}

function checkOutcome(entry: HostileScript, task: Task | undefined): void {
  const label = `${entry.kind} ${entry.name}`;
  // Soft, so that one run lists every script that did not end as expected.
  expect.soft(task?.status, label).toBe(entry.status);
  if (entry.reason) {
    expect.soft(task?.reasonForIncompletion ?? '', label).toMatch(entry.reason);
  } else {
    const value = entry.kind === 'SWITCH' ? task?.outputData.selectedCase : task?.outputData.result;
    expect.soft(value, label).toEqual(entry.result);
  }
}

describe('hostile scripts', () => {
  it('holds a corpus of at least 60 scripts over every script task type', () => {
    expect(HOSTILE_SCRIPTS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(HOSTILE_SCRIPTS.map((s) => s.kind))).toEqual(
      new Set(['INLINE', 'LAMBDA', 'SWITCH', 'JQ']),
    );
  });

  it('ends each in its status with a clear reason while a normal workflow keeps its latency', async () => {
    const entries = HOSTILE_SCRIPTS.map((entry, i) => ({ entry, name: `hostile_${i}` }));
    for (const { entry, name } of entries) await register(app, def(name, [taskFor(entry)]));
    const own = await ownTime();
    const latencies: Array<{ name: string; ms: number }> = [];

    // Two hostile scripts at a time (as many as there are script threads), a normal one alongside.
    for (let i = 0; i < entries.length; i += 2) {
      const group = entries.slice(i, i + 2);
      const hostile = group.map(async ({ entry, name }) => {
        const id = await start(app, name, {});
        return { entry, task: (await workflow(id)).tasks[0] };
      });
      const normal = timeNormal(i);
      for (const { entry, task } of await Promise.all(hostile)) checkOutcome(entry, task);
      latencies.push({ name: group.map((g) => g.entry.name).join(' + '), ms: await normal });
    }

    const slowest = latencies.reduce((a, b) => (b.ms > a.ms ? b : a));
    console.info(
      `figure: normal script workflow beside the corpus, slowest ${slowest.ms} ms (own ${own} ms)`,
    );
    expect(slowest.ms, `beside ${slowest.name} (own time ${own} ms)`).toBeLessThan(
      own + HOLD_MS + SLACK_MS,
    );
  }, 180_000);

  it.each([
    ['one definition', ['flood_a']],
    ['two definitions', ['flood_a', 'flood_b']],
  ])(
    'keeps a flood of endless scripts from %s to one time limit of delay for others',
    async (_label, names) => {
      for (const name of names) {
        await register(
          app,
          def(name, [
            {
              name: 'loop',
              taskReferenceName: 'loop',
              type: 'INLINE',
              inputParameters: { evaluatorType: 'javascript', expression: 'while (true) {}' },
            },
          ]),
        );
      }
      const own = await ownTime();
      // Before: all scripts shared one thread in arrival order, so the normal workflow waited for
      // every loop started before it (6 s for six).
      const flood = names.flatMap((name) =>
        Array.from({ length: 6 / names.length }, () => start(app, name, {})),
      );
      const latencies: number[] = [];
      for (let n = 0; n < 3; n += 1) latencies.push(await timeNormal(n));
      const ids = await Promise.all(flood);
      for (const id of ids) {
        const task = (await workflow(id)).tasks[0];
        expect([task?.status, task?.reasonForIncompletion]).toEqual([
          'FAILED_WITH_TERMINAL_ERROR',
          `Script exceeded the time limit of ${LIMIT_MS} ms`,
        ]);
      }
      console.info(
        `figure: normal script workflow beside 6 endless loops, slowest ${Math.max(...latencies)} ms (own ${own} ms)`,
      );
      expect(Math.max(...latencies)).toBeLessThan(own + LIMIT_MS + SLACK_MS);
    },
    60_000,
  );
});

describe('HTTP task beside an endpoint that never answers', () => {
  let silent: TcpServer;
  let answering: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    silent = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    answering = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => answering.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await new Promise((resolve) => answering.close(resolve));
  });

  const port = (server: TcpServer | Server): number => (server.address() as { port: number }).port;
  const httpDef = (name: string, uri: string): WorkflowDef =>
    def(name, [
      {
        name: 'call',
        taskReferenceName: 'call',
        type: 'HTTP',
        inputParameters: { http_request: { uri, method: 'GET', readTimeOut: 20_000 } },
      },
    ]);

  async function untilDone(id: string, withinMs: number): Promise<Workflow> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const wf = await workflow(id);
      if (wf.status !== 'RUNNING' || Date.now() > deadline) return wf;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('completes the other HTTP tasks in their own time, not after its read timeout', async () => {
    await register(app, httpDef('http_silent', `http://127.0.0.1:${port(silent)}/never`));
    await register(app, httpDef('http_quick', `http://127.0.0.1:${port(answering)}/ok`));
    const stuck = await start(app, 'http_silent', {});
    await expect.poll(() => sockets.size, { timeout: 10_000 }).toBeGreaterThan(0);

    // Before: every later HTTP task waited for the silent one's 20 s read timeout.
    const started = Date.now();
    const quick = await Promise.all(Array.from({ length: 5 }, () => start(app, 'http_quick', {})));
    for (const id of quick) {
      const wf = await untilDone(id, 15_000);
      expect(wf.status).toBe('COMPLETED');
      expect(wf.tasks[0]?.outputData.response).toMatchObject({
        statusCode: 200,
        body: { ok: true },
      });
    }
    console.info(
      `figure: 5 HTTP tasks beside a silent endpoint done in ${Date.now() - started} ms`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await workflow(stuck)).status).toBe('RUNNING');

    // The silent endpoint hangs up: its task fails with a reason and nothing is left running.
    for (const socket of sockets) socket.destroy();
    const failed = await untilDone(stuck, 15_000);
    expect(failed.status).toBe('FAILED');
    expect(failed.tasks[0]?.reasonForIncompletion).toMatch(/^Failed to invoke HTTP task due to: /);
  }, 60_000);
});
