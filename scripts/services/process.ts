/**
 * Helpers for the test services: free ports, temp folders owned by the right OS user, and
 * running binaries as that user when the tests run as root (CI does).
 * @module
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe server'));
      });
    });
  });
}

/** True when this process runs as root, where Postgres refuses to run. */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Creates a temp folder; when `owner` is given and we are root, hands it to that OS user. */
export async function makeTempDir(prefix: string, owner?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  if (owner && isRoot()) {
    const { stdout } = await execFileAsync('id', ['-u', owner]);
    const { stdout: gid } = await execFileAsync('id', ['-g', owner]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  return dir;
}

/**
 * Runs `command` to completion, as OS user `user` when we are root (via runuser), and returns
 * its stdout. Rejects with stderr in the message on a non-zero exit.
 */
export async function runAs(
  user: string | undefined,
  command: string,
  args: string[],
): Promise<string> {
  const [file, argv] =
    user && isRoot() ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  try {
    const { stdout } = await execFileAsync(file, argv, { maxBuffer: 10 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const error = e as { stderr?: string; message: string };
    throw new Error(`${command} failed: ${error.stderr || error.message}`, { cause: e });
  }
}
