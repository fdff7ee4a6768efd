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

/** User and system CPU seconds of a process. */
export interface CpuSplit {
  user: number;
  system: number;
}

/** Parses utime and stime, fields 14 and 15 (1-based) of the `stat` line, after `(comm)`. */
export function parseCpuSplit(stat: string): CpuSplit {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(rest[11]) / CLK_TCK, system: Number(rest[12]) / CLK_TCK };
}

/** Parses the `stat` line's user + system CPU seconds. */
export function parseProcStat(stat: string): number {
  const { user, system } = parseCpuSplit(stat);
  return user + system;
}

/**
 * Parses cutime and cstime (fields 16 and 17): CPU seconds of children that exited and were
 * waited for (Postgres backends and autovacuum workers come and go; their CPU lands here).
 */
export function parseReapedChildrenCpu(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(rest[13]);
  const cstime = Number(rest[14]);
  return (cutime + cstime) / CLK_TCK;
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

/** The `stat` and `status` files of a process; null when it is gone. */
async function readProcFiles(pid: number): Promise<{ stat: string; status: string } | null> {
  try {
    const [stat, status] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/status`, 'utf8'),
    ]);
    return { stat, status };
  } catch {
    return null;
  }
}

/** Reads the process now; null when it is gone. */
export async function readProc(pid: number): Promise<ProcReading | null> {
  const files = await readProcFiles(pid);
  return files && { cpuSeconds: parseProcStat(files.stat), rssBytes: parseVmRss(files.status) };
}

/** The live children of `pid`, each with its `stat` line as read while looking for them. */
export async function childStats(pid: number): Promise<Array<{ pid: number; stat: string }>> {
  const children: Array<{ pid: number; stat: string }> = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    if (stat !== '' && parseParentPid(stat) === pid) children.push({ pid: Number(name), stat });
  }
  return children;
}

/**
 * Reads the process and its children summed (a multi-process server is a primary and its
 * workers); null when the process is gone.
 */
export async function readProcGroup(pid: number): Promise<ProcReading | null> {
  const files = await readProcFiles(pid);
  if (!files) return null;
  const own: ProcReading = {
    cpuSeconds: parseProcStat(files.stat),
    rssBytes: parseVmRss(files.status),
  };
  const children = (await childStats(pid)).map((child) => child.pid);
  for (const child of await Promise.all(children.map(readProc))) {
    if (!child) continue;
    own.cpuSeconds += child.cpuSeconds;
    own.rssBytes += child.rssBytes;
  }
  return own;
}

/** A process group read child by child: what {@link groupCpuSince} needs. */
export interface GroupReading {
  /** CPU seconds of the parent itself. */
  own: number;
  /** CPU seconds of its children that exited and were waited for (cutime + cstime). */
  reaped: number;
  /** CPU seconds of each live child, by pid. */
  children: Map<number, number>;
}

/**
 * Reads `pid` and its live children one by one; null when it is gone. The parent is read first,
 * so a child that exits in between is missing from both `children` and `reaped` here, and shows
 * up in `reaped` in a later reading.
 */
export async function readGroup(pid: number): Promise<GroupReading | null> {
  const files = await readProcFiles(pid);
  if (!files) return null;
  const children = new Map<number, number>();
  for (const child of await childStats(pid)) children.set(child.pid, parseProcStat(child.stat));
  return {
    own: parseProcStat(files.stat),
    reaped: parseReapedChildrenCpu(files.stat),
    children,
  };
}

/** What {@link groupCpuSince} carries from one reading to the next. */
export interface GroupCpuState {
  reading: GroupReading;
  /** CPU of children seen before that left and is not in `reaped` yet (counted already). */
  departed: number;
}

/**
 * The group's CPU seconds between two readings, counting every child's time once: live children
 * by their own growth (a new one with all its time), the parent's `reaped` total only beyond the
 * time already counted for children that left. Without that, a child that exits moves all its
 * lifetime CPU into `reaped` at once and one reading shows a spike of several cores.
 */
export function groupCpuSince(
  state: GroupCpuState,
  now: GroupReading,
): { seconds: number; state: GroupCpuState } {
  const before = state.reading;
  let seconds = Math.max(0, now.own - before.own);
  for (const [pid, cpu] of now.children) {
    const was = before.children.get(pid);
    seconds += was === undefined || cpu < was ? cpu : cpu - was;
  }
  let departed = state.departed;
  for (const [pid, cpu] of before.children) {
    if (!now.children.has(pid)) departed += cpu;
  }
  const reapedGrowth = Math.max(0, now.reaped - before.reaped);
  const beyond = reapedGrowth - departed;
  if (beyond >= 0) {
    seconds += beyond;
    departed = 0;
  } else {
    departed = -beyond;
  }
  return { seconds, state: { reading: now, departed } };
}

/** CPU use between two readings as a percentage of one core. */
export function cpuPercent(before: number, after: number, wallSeconds: number): number {
  return wallSeconds > 0 ? (100 * (after - before)) / wallSeconds : 0;
}

/** CPU seconds of the whole machine from `/proc/stat`'s first line: busy and in all. */
export interface MachineCpuReading {
  /** Seconds of every state but idle and iowait, summed over all cores. */
  busySeconds: number;
  totalSeconds: number;
}

/**
 * Parses the aggregate `cpu` line of `/proc/stat`: user nice system idle iowait irq softirq steal
 * (guest time is already inside user and nice, so it is not added again). Null when absent.
 */
export function parseMachineCpu(procStat: string): MachineCpuReading | null {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (ticks.length < 4 || ticks.some((t) => !Number.isFinite(t))) return null;
  const total = ticks.reduce((sum, t) => sum + t, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busySeconds: (total - idle) / CLK_TCK, totalSeconds: total / CLK_TCK };
}

/** Reads the machine's CPU times now; null off Linux. */
export async function readMachineCpu(): Promise<MachineCpuReading | null> {
  try {
    return parseMachineCpu(await readFile('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}
