import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  cpuPercent,
  parseCpuSplit,
  parseParentPid,
  parseProcStat,
  parseReapedChildrenCpu,
  parseVmRss,
  readProc,
  groupCpuSince,
  readGroup,
  readProcGroup,
  parseMachineCpu,
  readMachineCpu,
} from './proc-stats.js';

describe('parseProcStat', () => {
  it('adds utime and stime after a command name containing spaces and parentheses', () => {
    const stat = '1234 (node (main) x) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 11 0 100';
    expect(parseProcStat(stat)).toBe(3);
    expect(parseCpuSplit(stat)).toEqual({ user: 2.5, system: 0.5 });
  });
});

describe('parseReapedChildrenCpu', () => {
  it('adds cutime and cstime (fields 16 and 17), not utime and stime', () => {
    const stat = '1234 (postgres (x)) S 1 2 3 4 5 6 7 8 9 10 250 50 700 300 20 0 11 0 100';
    expect(parseReapedChildrenCpu(stat)).toBe(10);
  });
});

describe('parseMachineCpu', () => {
  it('counts every state but idle and iowait as busy, over all cores', () => {
    const stat = [
      'cpu  1000 20 300 5000 80 10 40 50 0 0',
      'cpu0 500 10 150 2500 40 5 20 25 0 0',
      'intr 1 2 3',
    ].join('\n');
    expect(parseMachineCpu(stat)).toEqual({ busySeconds: 14.2, totalSeconds: 65 });
  });

  it('returns null without an aggregate cpu line', () => {
    expect(parseMachineCpu('cpu0 1 2 3 4\nintr 5')).toBeNull();
  });

  it('reads a growing busy time from this machine', async () => {
    const before = await readMachineCpu();
    const end = Date.now() + 60;
    while (Date.now() < end) Math.sqrt(Math.random());
    const after = await readMachineCpu();
    expect(before).not.toBeNull();
    expect(after!.busySeconds).toBeGreaterThanOrEqual(before!.busySeconds);
    expect(after!.totalSeconds).toBeGreaterThan(before!.totalSeconds);
  });
});

describe('parseVmRss', () => {
  it('reads the resident set in bytes', () => {
    expect(parseVmRss('Name:\tnode\nVmRSS:\t  2048 kB\n')).toBe(2048 * 1024);
    expect(parseVmRss('Name:\tnode\n')).toBe(0);
  });
});

describe('cpuPercent', () => {
  it('is the share of one core used over the interval', () => {
    expect(cpuPercent(10, 10.5, 1)).toBe(50);
    expect(cpuPercent(10, 12, 1)).toBe(200);
    expect(cpuPercent(1, 2, 0)).toBe(0);
  });
});

describe('parseParentPid', () => {
  it('reads the parent pid after the command name, even one with spaces and parentheses', () => {
    expect(parseParentPid('4242 (node (x) y) S 17 4242 4242 0 -1')).toBe(17);
  });
});

describe('readProcGroup', () => {
  it('adds the children of a process to its own reading', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      const own = await readProc(process.pid);
      const group = await readProcGroup(process.pid);
      const kid = await readProc(child.pid!);
      expect(kid).not.toBeNull();
      expect(group!.rssBytes).toBeGreaterThanOrEqual(own!.rssBytes + kid!.rssBytes * 0.9);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('groupCpuSince', () => {
  const reading = (own: number, reaped: number, children: Array<[number, number]>) => ({
    own,
    reaped,
    children: new Map(children),
  });

  it('counts live children by their growth and new ones whole', () => {
    const start = { reading: reading(1, 0, [[10, 5]]), departed: 0 };
    const { seconds } = groupCpuSince(
      start,
      reading(1.5, 0, [
        [10, 6],
        [11, 0.25],
      ]),
    );
    expect(seconds).toBeCloseTo(0.5 + 1 + 0.25);
  });

  it('does not count a child again when its lifetime CPU lands in reaped', () => {
    // Child 10 used 4 s while it was watched, then 0.1 s more before it exited.
    const start = { reading: reading(0, 0, [[10, 4]]), departed: 0 };
    const { seconds } = groupCpuSince(start, reading(0, 4.1, []));
    expect(seconds).toBeCloseTo(0.1);
  });

  it('waits for a departed child to reach reaped when it left between the two reads', () => {
    const start = { reading: reading(0, 0, [[10, 4]]), departed: 0 };
    const missing = groupCpuSince(start, reading(0, 0, []));
    expect(missing.seconds).toBe(0);
    const reaped = groupCpuSince(missing.state, reading(0, 4.2, []));
    expect(reaped.seconds).toBeCloseTo(0.2);
  });

  it('counts the CPU of a real child that exits between two readings once', async () => {
    const first = await readGroup(process.pid);
    const child = spawn(process.execPath, [
      '-e',
      'const end = performance.now() + 300; while (performance.now() < end);',
    ]);
    await new Promise((resolve) => child.once('exit', resolve));
    const second = await readGroup(process.pid);
    if (!first || !second) throw new Error('this process has no /proc entry');
    const { seconds } = groupCpuSince({ reading: first, departed: 0 }, second);
    const ownGrowth = second.own - first.own;
    expect(seconds - ownGrowth).toBeGreaterThanOrEqual(0.2);
    expect(seconds - ownGrowth).toBeLessThan(1);
  });
});
