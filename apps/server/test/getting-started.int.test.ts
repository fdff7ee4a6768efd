/**
 * docs/getting-started.md as written, against a real server process (the built bundle on PGlite):
 * every `sh` block holding a curl runs in one bash session (the documented port replaced by the
 * test server's), then the JavaScript worker it documents finishes the execution section 1 left
 * running. Also checks the server serves the OpenAPI document that docs/openapi.json holds.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureServerBuilt,
  ROOT,
  startServer,
  type ServerProcess,
} from './workload/server-process.js';

const DOC = readFileSync(join(ROOT, 'docs/getting-started.md'), 'utf8');
const DOC_URL = 'http://127.0.0.1:8080';

/** The fenced `sh` blocks of the guide, in order. */
const blocks = [...DOC.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const curlBlocks = blocks.filter((b) => /\bcurl\b/.test(b));

const dataDir = mkdtempSync(join(tmpdir(), 'baton-getting-started-'));
let server: ServerProcess;

beforeAll(async () => {
  await ensureServerBuilt();
  server = await startServer('getting-started', { BATON_DATA_DIR: dataDir });
}, 240_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function bash(script: string, timeoutMs: number): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile('bash', ['-c', script], { cwd: ROOT, timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      done({ code: typeof code === 'number' ? code : 1, out: `${stdout}\n${stderr}` });
    });
  });
}

async function status(id: string): Promise<string> {
  const res = await fetch(`${server.url}/api/workflow/${id}/status`);
  return ((await res.json()) as { status: string }).status;
}

describe('docs/getting-started.md, run as written', () => {
  it('holds curl blocks that each address the documented server', () => {
    expect(curlBlocks.length).toBeGreaterThanOrEqual(5);
    for (const b of curlBlocks) expect(b).toContain(DOC_URL);
  });

  it('runs every curl block in order, then the JavaScript worker finishes the first execution', async () => {
    const script = [
      'set -euo pipefail',
      ...curlBlocks.map((b) => b.replaceAll(DOC_URL, server.url)),
      'echo "__ID=$ID __SAMPLE=$SAMPLE"',
    ].join('\n');
    // The last curl block reads the execution the worker finishes: run all but it first.
    const last = curlBlocks.at(-1)!;
    const beforeWorker = script.replace(last.replaceAll(DOC_URL, server.url), '');
    const run = await bash(beforeWorker, 90_000);
    expect(run.code, run.out).toBe(0);
    const m = /__ID=(\S+) __SAMPLE=(\S+)/.exec(run.out);
    expect(m, run.out).not.toBeNull();
    const [, id, sample] = m!;
    expect(run.out).toContain('"status":"COMPLETED"');
    expect(run.out).toContain('"referenceTaskName":"get_knife","status":"SCHEDULED"');
    expect(await status(sample!)).toBe('COMPLETED');
    expect(await status(id!)).toBe('RUNNING');

    const workerBlock = blocks.find((b) => b.includes('examples/workers/pbj-worker.ts'))!;
    const [cmd, ...args] = workerBlock.trim().split(/\s+/);
    expect(cmd).toBe('node');
    const worker = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, BATON_URL: server.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let workerOut = '';
    worker.stdout.on('data', (c: Buffer) => (workerOut += c.toString()));
    worker.stderr.on('data', (c: Buffer) => (workerOut += c.toString()));
    try {
      const until = Date.now() + 60_000;
      while ((await status(id!)) === 'RUNNING' && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await status(id!), workerOut).toBe('COMPLETED');
    } finally {
      worker.kill('SIGTERM');
    }
    const after = await bash(`ID=${id}\n${last.replaceAll(DOC_URL, server.url)}`, 20_000);
    expect(after.code, after.out).toBe(0);
    expect(after.out).toContain('"sandwich":"rye 1 + crunchy | rye 2 + plum jelly (cut diagonal)"');
  }, 240_000);

  it('serves the OpenAPI document docs/openapi.json holds', async () => {
    const served = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as unknown;
    const stored = JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8')) as unknown;
    expect(served).toEqual(stored);
  });
});
