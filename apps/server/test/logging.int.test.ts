import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt, startServer } from './workload/server-process.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-logs-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('server log output (a real server process, stdout a pipe)', () => {
  it('prints only JSON lines when stdout is not a terminal, the start-up line included', async () => {
    await ensureServerBuilt();
    const server = await startServer('json-logs', { LOG_LEVEL: 'info', BATON_DATA_DIR: dataDir() });
    await fetch(`${server.url}/api/metadata/workflow/nope`);
    await server.stop();
    const out = lines(server.output());
    expect(out.length).toBeGreaterThanOrEqual(3);
    for (const line of out) expect(() => JSON.parse(line), line).not.toThrow();
    const messages = out.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages.some((m) => m.startsWith('Baton listening on http://127.0.0.1:'))).toBe(true);
    expect(messages).toContain('SIGTERM received, shutting down');
  });

  it('prints readable lines with LOG_FORMAT=pretty', async () => {
    const server = await startServer('pretty-logs', {
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'pretty',
      BATON_DATA_DIR: dataDir(),
    });
    await server.stop();
    const out = lines(server.output());
    expect(out.some((l) => /^\[[\d:.]+\] INFO: Baton listening on http:/.test(l))).toBe(true);
    for (const line of out) expect(line.startsWith('{'), line).toBe(false);
  });

  it('reports a bad LOG_FORMAT as one JSON line naming the setting, and does not start', async () => {
    const failure = await startServer('bad-format', {
      LOG_FORMAT: 'xml',
      BATON_DATA_DIR: dataDir(),
    }).then(
      () => '',
      (e: Error) => e.message,
    );
    const out = lines(failure).slice(1);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toMatchObject({
      level: 60,
      msg: expect.stringMatching(/^Configuration error: LOG_FORMAT must be one of pretty, json/),
    });
  });
});
