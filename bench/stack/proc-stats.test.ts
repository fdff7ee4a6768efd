import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  cpuPercent,
  parseParentPid,
  parseProcStat,
  parseReapedChildrenCpu,
  parseVmRss,
  readProc,
  readProcGroup,
} from './proc-stats.js';

describe('parseProcStat', () => {
  it('adds utime and stime after a command name containing spaces and parentheses', () => {
    const stat = '1234 (node (main) x) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 11 0 100';
    expect(parseProcStat(stat)).toBe(3);
  });
});

describe('parseReapedChildrenCpu', () => {
  it('adds cutime and cstime (fields 16 and 17), not utime and stime', () => {
    const stat = '1234 (postgres (x)) S 1 2 3 4 5 6 7 8 9 10 250 50 700 300 20 0 11 0 100';
    expect(parseReapedChildrenCpu(stat)).toBe(10);
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

describe('readProcGroup with withReaped', () => {
  it('keeps the CPU of a child that exited and was waited for', async () => {
    const reaped = async () =>
      (await readProcGroup(process.pid, { withReaped: true }))!.cpuSeconds -
      (await readProcGroup(process.pid))!.cpuSeconds;
    const before = await reaped();
    // A child that spins for 300 ms of CPU, then exits; Node waits for it.
    const child = spawn(process.execPath, [
      '-e',
      'const end = performance.now() + 300; while (performance.now() < end);',
    ]);
    await new Promise((resolve) => child.once('exit', resolve));
    expect((await reaped()) - before).toBeGreaterThanOrEqual(0.2);
  });
});
