/**
 * Describes the machine the benchmark ran on: cores, memory, CPU model and the versions of Node,
 * Redis and PostgreSQL.
 * @module
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism, cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the report prints about the machine. */
export interface MachineInfo {
  nproc: number;
  memoryGb: number;
  cpuModel: string;
  kernel: string;
  node: string;
  redis: string;
  postgres: string;
}

async function version(file: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(file, args);
    return stdout.trim();
  } catch {
    return 'unknown';
  }
}

function postgresBinary(): string {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, 'postgres');
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return join(root, majors[0] ?? '', 'bin', 'postgres');
}

/** Reads the machine description. */
export async function describeMachine(): Promise<MachineInfo> {
  const [redis, postgres] = await Promise.all([
    version('redis-server', ['--version']),
    version(postgresBinary(), ['--version']),
  ]);
  return {
    nproc: availableParallelism(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    kernel: release(),
    node: process.version,
    redis,
    postgres,
  };
}
