/**
 * Starts the Baton server as its own process on a free port: the built `apps/server/dist/main.js`
 * when present (else, and when profiling, the source through tsx), on Redis+Postgres, Postgres or PGlite, optionally
 * under `node --cpu-prof`. `auto` tries Redis+Postgres first and falls back to Postgres when this
 * build of the server refuses REDIS_URL.
 * @module
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../scripts/services/process.js';
import type { StoreChoice } from '../cli/args.js';

/** Which stores were measured. */
export type MeasuredStore = 'redis+postgres' | 'postgres' | 'pglite';

/** A running Baton server. */
export interface BatonServer {
  url: string;
  pid: number;
  store: MeasuredStore;
  /** `dist` (the built bundle) or `source` (tsx). */
  build: 'dist' | 'source';
  /** Milliseconds from spawn until healthy (the start-up part of a CPU profile). */
  readyAfterMs: number;
  /** SIGTERM, wait for a graceful exit (the CPU profile is written then). */
  stop(): Promise<void>;
}

/** Where the services are. */
export interface ServerSetup {
  store: StoreChoice;
  redisUrl?: string;
  databaseUrl?: string;
  /** Server processes (`BATON_PROCESSES`); needs a Postgres store when above 1. */
  processes?: number;
  /**
   * Write a `.cpuprofile` here on exit. The server then runs from source (tsx) so that profile
   * frames name the package and file they belong to, not one line of the bundle.
   */
  cpuProfDir?: string;
}

const DIST = resolve('apps/server/dist/main.js');
const SOURCE = resolve('apps/server/src/main.ts');

/** Starts the server, falling back from Redis+Postgres to Postgres under `auto`. */
export async function startBatonServer(setup: ServerSetup): Promise<BatonServer> {
  const order: MeasuredStore[] =
    setup.store === 'auto'
      ? ['redis+postgres', 'postgres']
      : [setup.store === 'redis' ? 'redis+postgres' : setup.store];
  let lastError: unknown;
  for (const store of order) {
    try {
      return await launch(store, setup);
    } catch (e) {
      lastError = e;
      console.warn(`[bench] server on ${store} did not start: ${String(e).slice(0, 400)}`);
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

async function launch(store: MeasuredStore, setup: ServerSetup): Promise<BatonServer> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    BATON_DATA_DIR: await mkdtemp(join(tmpdir(), 'baton-bench-data-')),
  };
  delete env.REDIS_URL;
  delete env.DATABASE_URL;
  env.BATON_PROCESSES = String(setup.processes ?? 1);
  if (store !== 'pglite') {
    if (!setup.databaseUrl) throw new Error('no DATABASE_URL for the server');
    env.DATABASE_URL = setup.databaseUrl;
  }
  if (store === 'redis+postgres') {
    if (!setup.redisUrl) throw new Error('no REDIS_URL for the server');
    env.REDIS_URL = setup.redisUrl;
    // Finished executions leave Redis after 30 s, so a soak shows whether memory stays flat.
    env.BATON_ARCHIVE_AFTER_SECONDS = process.env.BATON_ARCHIVE_AFTER_SECONDS ?? '30';
  }
  const build = existsSync(DIST) && !setup.cpuProfDir ? 'dist' : 'source';
  const prof = setup.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${setup.cpuProfDir}`] : [];
  const args =
    build === 'dist'
      ? [...prof, DIST]
      : [...prof, '--import', 'tsx', '--conditions=@baton/source', SOURCE];
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(`[server] ${chunk.toString()}`);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, 90_000);
  } catch (e) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw new Error(`${String(e)}\n${output}`);
  }
  return {
    url,
    pid: child.pid ?? 0,
    store,
    build,
    readyAfterMs: Math.round(performance.now() - spawnedAt),
    stop: () => stopChild(child, 20_000),
  };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
