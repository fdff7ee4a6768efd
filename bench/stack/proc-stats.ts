/**
 * Reads a process's CPU time and resident memory from /proc (Linux), and turns two readings into
 * a CPU percentage.
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLK_TCK = 100;

/** One reading of a process. */
export interface ProcReading {
  /** User + system CPU seconds so far. */
  cpuSeconds: number;
  rssBytes: number;
}

/** Parses the `stat` line: utime and stime are fields 14 and 15 (1-based), after `(comm)`. */
export function parseProcStat(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return (utime + stime) / CLK_TCK;
}

/** Parses the parent pid (field 4) from the `stat` line. */
export function parseParentPid(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Parses `VmRSS:  12345 kB` from `status`. */
export function parseVmRss(status: string): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

/** Reads the process now; null when it is gone. */
export async function readProc(pid: number): Promise<ProcReading | null> {
  try {
    const [stat, status] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/status`, 'utf8'),
    ]);
    return { cpuSeconds: parseProcStat(stat), rssBytes: parseVmRss(status) };
  } catch {
    return null;
  }
}

/**
 * Reads the process and its children summed (a multi-process server is a primary and its
 * workers); null when the process is gone.
 */
export async function readProcGroup(pid: number): Promise<ProcReading | null> {
  const own = await readProc(pid);
  if (!own) return null;
  const children: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    if (stat !== '' && parseParentPid(stat) === pid) children.push(Number(name));
  }
  for (const child of await Promise.all(children.map(readProc))) {
    if (!child) continue;
    own.cpuSeconds += child.cpuSeconds;
    own.rssBytes += child.rssBytes;
  }
  return own;
}

/** CPU use between two readings as a percentage of one core. */
export function cpuPercent(before: number, after: number, wallSeconds: number): number {
  return wallSeconds > 0 ? (100 * (after - before)) / wallSeconds : 0;
}
