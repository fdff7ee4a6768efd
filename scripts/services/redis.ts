/**
 * Starts a private redis-server for tests on a free port with its own temp folder. Never touches
 * the system instance on 6379. Options allow AOF (for restart tests), reusing a folder and port
 * (to restart "the same" server) and extra arguments (e.g. `--cluster-enabled yes`).
 * @module
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { freePort, makeTempDir } from './process.js';

export interface RedisOptions {
  /** Turn on the append-only file (`--appendonly yes --appendfsync always`). Default false. */
  appendOnly?: boolean;
  /** Reuse this folder (e.g. after `stop({ keepDir: true })`); default a new temp folder. */
  dir?: string;
  /** Listen on this port; default a free one. */
  port?: number;
  /** Extra redis-server arguments, appended last. */
  args?: string[];
}

/** A running test Redis. */
export interface RedisService {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  dir: string;
  /**
   * Stops the server. `signal` SIGKILL simulates a crash; `keepDir` keeps the folder so the same
   * data can be restarted with `startRedis({ dir, port, appendOnly })`.
   */
  stop(options?: { keepDir?: boolean; signal?: NodeJS.Signals }): Promise<void>;
}

/** Starts redis-server; resolves once it answers PING. */
export async function startRedis(options: RedisOptions = {}): Promise<RedisService> {
  const dir = options.dir ?? (await makeTempDir('baton-redis-'));
  const port = options.port ?? (await freePort());
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'no',
    '--protected-mode',
    'no',
    ...(options.appendOnly
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']),
    ...(options.args ?? []),
  ];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPong(port, 15_000, () => child.exitCode !== null);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start on port ${port}: ${stderr}`, { cause: e });
  }
  let stopped = false;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async stop(stopOptions = {}) {
      if (!stopped) {
        stopped = true;
        if (child.exitCode === null) child.kill(stopOptions.signal ?? 'SIGTERM');
        await exited;
      }
      if (!stopOptions.keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPong(
  port: number,
  timeoutMs: number,
  hasExited: () => boolean,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited()) throw new Error('redis-server exited');
    if (await ping(port)) return;
    if (Date.now() > until) throw new Error('timed out waiting for PONG');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(1_000);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
