/**
 * Forks a TypeScript entry of the benchmark as a child Node process (through tsx, with the
 * `@baton/source` condition) and waits for its `ready` message on the IPC channel.
 * @module
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A child process that answers requests on its IPC channel. */
export interface TsChild<Ready> {
  child: ChildProcess;
  ready: Ready;
  /** Sends `{ id, ...message }` and resolves with the reply carrying the same id. */
  request<T>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Asks the child to stop (SIGTERM), killing it after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Path of a sibling module, relative to the bench folder. */
export function benchFile(relative: string): string {
  return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}

/** Forks `file` with `env` and waits up to `timeoutMs` for `{ type: 'ready' }`. */
export async function forkTs<Ready>(
  file: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<TsChild<Ready>> {
  const child = fork(file, [], {
    execArgv: [
      '--import',
      'tsx',
      '--conditions=@baton/source',
      ...(process.env.BATON_BENCH_CHILD_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BATON_BENCH_CHILD_PROF}`]
        : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
    child.on('message', (msg: { type?: string; id?: number }) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve(msg as Ready);
      } else if (msg.id !== undefined) {
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
      }
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    child,
    ready,
    request<T>(message: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`no reply to ${String(message.type)} from ${file}`));
        }, timeoutMs);
        pending.set(id, (value) => {
          clearTimeout(timer);
          resolve(value as T);
        });
        child.send({ ...message, id });
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: answers requests from the parent with `handle`, tagging replies with the id. */
export function serveRequests(
  handle: (message: { type: string } & Record<string, unknown>) => Promise<unknown>,
): void {
  process.on('message', (msg: { id: number; type: string } & Record<string, unknown>) => {
    void handle(msg).then(
      (reply) => process.send?.({ ...(reply as object), id: msg.id }),
      (error: unknown) => process.send?.({ id: msg.id, error: String(error) }),
    );
  });
}
