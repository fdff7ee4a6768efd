/**
 * Baton servers as child processes: the tsup bundle (`node apps/server/dist/main.js`, built first
 * when missing or older than the sources) or, with `BATON_SERVER_FROM_SOURCE=1`, the sources
 * under tsx. Each server listens on a free port; its output is kept for failure messages.
 * @module
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../../../..');
const DIST_MAIN = join(ROOT, 'apps/server/dist/main.js');
const SOURCES = [
  'apps/server/src',
  'packages/engine/src',
  'packages/stores/src',
  'packages/runtime/src',
  'packages/contract/src',
  // The sample workers bundle @baton/client.
  'packages/client/src',
];
const BUILD_LOCK = join(tmpdir(), 'baton-server-build.lock');

/** A running server process. */
export interface ServerProcess {
  name: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything the process printed (the last 64 KiB). */
  output(): string;
  /** True once the process has exited (crashed or stopped). */
  exited(): boolean;
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isBuildFresh(): boolean {
  try {
    const built = statSync(DIST_MAIN).mtimeMs;
    return SOURCES.every((dir) => newestMtime(join(ROOT, dir)) <= built);
  } catch {
    return false;
  }
}

/** Builds the server bundle unless it is up to date (one build at a time across test files). */
export async function ensureServerBuilt(): Promise<void> {
  if (process.env['BATON_SERVER_FROM_SOURCE'] === '1') return;
  for (const until = Date.now() + 180_000; ;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      if (Date.now() > until) throw new Error(`stale lock ${BUILD_LOCK}; delete it`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (!isBuildFresh()) {
      await promisify(execFile)('npm', ['run', 'build', '-w', '@baton/server'], { cwd: ROOT });
    }
  } finally {
    rmdirSync(BUILD_LOCK);
  }
}

/** Starts a server with `env` (PORT, HOST and LOG_LEVEL are set here); resolves once it listens. */
export function startServer(name: string, env: Record<string, string>): Promise<ServerProcess> {
  const fromSource = process.env['BATON_SERVER_FROM_SOURCE'] === '1';
  const args = fromSource
    ? ['--conditions=@baton/source', '--import', 'tsx', 'apps/server/src/main.ts']
    : [DIST_MAIN];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: process.env['BATON_SERVER_LOG_LEVEL'] ?? 'warn',
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const append = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-65_536);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exit = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveServer, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start:\n${out}`));
    }, 60_000);
    const onData = () => {
      const m = /listening on http:\/\/[^:\s]+:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolveServer({
        name,
        url: `http://127.0.0.1:${m[1]}`,
        output: () => out,
        exited: () => child.exitCode !== null || child.signalCode !== null,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exit;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before listening:\n${out}`));
    });
  });
}
