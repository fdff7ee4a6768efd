/**
 * Starts a private PostgreSQL server for tests: initdb into a temp folder, trust auth, a free
 * port, the unix socket inside the temp folder. Never touches the system instance on 5432.
 * Uses the Debian binaries under /usr/lib/postgresql/<major>/bin (or PG_BIN when set).
 * @module
 */
import { readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, makeTempDir, runAs } from './process.js';

const OS_USER = 'postgres';

/** A running test Postgres. */
export interface PostgresService {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** Stops the server (fast shutdown) and deletes its folder. */
  stop(): Promise<void>;
}

async function findBinDir(): Promise<string> {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? await readdir(root) : [];
  const newest = majors
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!newest)
    throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (set PG_BIN)');
  return join(root, newest, 'bin');
}

/** Initialises and starts a new server; resolves once it accepts connections. */
export async function startPostgres(): Promise<PostgresService> {
  const bin = await findBinDir();
  const dir = await makeTempDir('baton-pg-', OS_USER);
  const data = join(dir, 'data');
  await runAs(OS_USER, join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  const pgCtl = join(bin, 'pg_ctl');
  await runAs(OS_USER, pgCtl, [
    'start',
    '-w',
    '-t',
    '60',
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-o',
    options,
  ]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await runAs(OS_USER, pgCtl, ['stop', '-w', '-D', data, '-m', 'fast']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
