import { describe, expect, it } from 'vitest';
import { parseArgs, profilesServer, UsageError } from './args.js';

describe('parseArgs', () => {
  it('runs every phase with defaults when given nothing', () => {
    const o = parseArgs([]);
    expect(o.quick).toBe(false);
    expect(o.payloadBytes).toBe(256);
    expect(o.store).toBe('auto');
    expect(o.phases).toEqual(['floor', 'burst', 'sustained', 'bullmq', 'sizes']);
  });

  it('reads flags in both spellings', () => {
    const o = parseArgs(['--quick', '--soak', '600', '--payload-bytes=1024', '--store=postgres']);
    expect(o).toMatchObject({
      quick: true,
      soakSeconds: 600,
      payloadBytes: 1024,
      store: 'postgres',
    });
  });

  it('turns on the smoke variant', () => {
    expect(parseArgs(['--smoke']).smoke).toBe(true);
  });

  it('profiles a second server in a full run only, unless a flag says otherwise', () => {
    expect(profilesServer(parseArgs([]))).toBe(true);
    expect(profilesServer(parseArgs(['--quick']))).toBe(false);
    expect(profilesServer(parseArgs(['--smoke']))).toBe(false);
    expect(profilesServer(parseArgs(['--quick', '--cpu-prof']))).toBe(true);
    expect(profilesServer(parseArgs(['--no-cpu-prof']))).toBe(false);
  });

  it('restricts the phases with --only', () => {
    expect(parseArgs(['--only', 'floor,bullmq']).phases).toEqual(['floor', 'bullmq']);
  });

  it('rejects unknown flags and bad values', () => {
    expect(() => parseArgs(['--fast'])).toThrow(UsageError);
    expect(() => parseArgs(['--soak', 'ten'])).toThrow(/--soak/);
    expect(() => parseArgs(['--store', 'mysql'])).toThrow(/--store/);
    expect(() => parseArgs(['--only', 'nothing'])).toThrow(/--only/);
  });

  it('turns on the process comparison, with one process for the main run', () => {
    expect(parseArgs([]).compareProcesses).toBe(false);
    const o = parseArgs(['--quick', '--only', 'sustained', '--compare-processes']);
    expect(o).toMatchObject({ compareProcesses: true, processes: 1, phases: ['sustained'] });
    expect(parseArgs(['--compare-processes', '--processes', '1']).compareProcesses).toBe(true);
  });

  it('rejects a process comparison that cannot run', () => {
    expect(() => parseArgs(['--compare-processes', '--processes', '2'])).toThrow(/--processes/);
    expect(() => parseArgs(['--compare-processes', '--store', 'pglite'])).toThrow(/pglite/);
    expect(() => parseArgs(['--compare-processes', '--only', 'floor,bullmq'])).toThrow(/--only/);
    expect(() => parseArgs(['--compare-processes', '--smoke'])).toThrow(/--smoke/);
    expect(() => parseArgs(['--compare-processes=yes'])).toThrow(UsageError);
  });
});
