import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Task, Workflow } from '@baton/engine';
import { simpleDef } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
let child: ChildProcess | undefined;

/** Starts the server from source on PGlite in `dataDir`; resolves with its base URL. */
function startServer(): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const proc = spawn(
      process.execPath,
      ['--conditions=@baton/source', '--import', 'tsx', 'apps/server/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          BATON_DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          DATABASE_URL: '',
          REDIS_URL: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = proc;
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 240_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function killHard(): Promise<void> {
  return new Promise((done) => {
    if (!child || child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function completeAll(base: string, type: string, count: number): Promise<string[]> {
  const res = await call(
    base,
    'GET',
    `/api/tasks/poll/batch/${type}?count=${count}&timeout=2000&workerid=crash`,
  );
  const tasks = (await res.json()) as Task[];
  const done: string[] = [];
  for (const task of tasks) {
    const r = await call(base, 'POST', '/api/tasks', {
      workflowInstanceId: task.workflowInstanceId,
      taskId: task.taskId,
      status: 'COMPLETED',
      outputData: { by: 'crash-test' },
    });
    if (r.status === 200) done.push(task.taskId);
  }
  return done;
}

afterAll(async () => {
  await killHard();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('crash recovery', () => {
  it('keeps every acknowledged start and completion across kill -9 and finishes every workflow', async () => {
    let base = await startServer();
    const def = {
      ...simpleDef('crash_wf', 'crash_a'),
      tasks: [
        { name: 'crash_a', taskReferenceName: 'a', type: 'SIMPLE' },
        { name: 'crash_b', taskReferenceName: 'b', type: 'SIMPLE' },
      ],
      outputParameters: {},
    };
    expect(
      (
        await call(base, 'POST', '/api/metadata/taskdefs', [
          { name: 'crash_a', retryCount: 0 },
          { name: 'crash_b', retryCount: 0 },
        ])
      ).status,
    ).toBe(200);
    expect((await call(base, 'POST', '/api/metadata/workflow', def)).status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await call(base, 'POST', '/api/workflow', { name: 'crash_wf', input: { i } });
      expect(res.status).toBe(200);
      ids.push(await res.text());
    }
    const completed = await completeAll(base, 'crash_a', 4);
    expect(completed).toHaveLength(4);

    await killHard();
    base = await startServer();

    for (const id of ids) {
      expect((await call(base, 'GET', `/api/workflow/${id}?includeTasks=false`)).status).toBe(200);
    }
    for (const taskId of completed) {
      expect(
        ((await (await call(base, 'GET', `/api/tasks/${taskId}`)).json()) as Task).status,
      ).toBe('COMPLETED');
    }
    await completeAll(base, 'crash_a', 8);
    await completeAll(base, 'crash_b', 8);
    for (const id of ids) {
      const wf = (await (await call(base, 'GET', `/api/workflow/${id}`)).json()) as Workflow;
      expect(wf.status).toBe('COMPLETED');
      expect(wf.tasks.map((t) => t.status)).toEqual(['COMPLETED', 'COMPLETED']);
    }

    const exitCode = await new Promise<number | null>((done) => {
      child!.once('exit', (code) => done(code));
      child!.kill('SIGTERM');
    });
    expect(exitCode).toBe(0);
  }, 600_000);
});
