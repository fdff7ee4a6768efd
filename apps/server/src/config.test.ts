import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, SETTINGS, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses loopback, port 8080 and a local PGlite folder by default', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: './.baton-data',
      apiKeys: [],
      bodyLimit: 8 * 1024 * 1024,
      archiveAfterSeconds: 3600,
      pollLingerMs: 20,
      processes: 1,
    });
    expect(c.databaseUrl).toBeUndefined();
  });

  it('reads the strict task definitions switch, naming it when it is not a boolean', () => {
    expect(loadConfig({}).strictTaskDefs).toBe(false);
    expect(loadConfig({ BATON_STRICT_TASK_DEFS: 'true' }).strictTaskDefs).toBe(true);
    expect(loadConfig({ BATON_STRICT_TASK_DEFS: '0' }).strictTaskDefs).toBe(false);
    expect(() => loadConfig({ BATON_STRICT_TASK_DEFS: 'yes please' })).toThrow(
      /BATON_STRICT_TASK_DEFS must be true or false/,
    );
  });

  it('reads how long finished executions stay in Redis', () => {
    expect(loadConfig({ BATON_ARCHIVE_AFTER_SECONDS: '30' }).archiveAfterSeconds).toBe(30);
    expect(() => loadConfig({ BATON_ARCHIVE_AFTER_SECONDS: '0' })).toThrow(
      /BATON_ARCHIVE_AFTER_SECONDS must be an integer/,
    );
  });

  it('reads how long a batch poll waits for its batch to fill', () => {
    expect(loadConfig({ BATON_POLL_LINGER_MS: '0' }).pollLingerMs).toBe(0);
    expect(loadConfig({ BATON_POLL_LINGER_MS: '100' }).pollLingerMs).toBe(100);
    expect(() => loadConfig({ BATON_POLL_LINGER_MS: '-1' })).toThrow(
      /BATON_POLL_LINGER_MS must be an integer/,
    );
  });

  it('reads the script threads and the cap on script results', () => {
    expect(loadConfig({})).toMatchObject({
      scriptThreads: undefined,
      scriptMaxResultBytes: 1048576,
    });
    const c = loadConfig({ BATON_SCRIPT_THREADS: '4', BATON_SCRIPT_RESULT_LIMIT: '65536' });
    expect([c.scriptThreads, c.scriptMaxResultBytes]).toEqual([4, 65536]);
    expect(() => loadConfig({ BATON_SCRIPT_THREADS: '0' })).toThrow(
      /BATON_SCRIPT_THREADS must be an integer between 1 and 64/,
    );
    expect(() => loadConfig({ BATON_SCRIPT_RESULT_LIMIT: '1e9' })).toThrow(
      /BATON_SCRIPT_RESULT_LIMIT must be an integer/,
    );
  });

  it('reads the sub-workflow nesting and dynamic fork fan-out limits', () => {
    expect(loadConfig({})).toMatchObject({ maxSubWorkflowDepth: 32, maxDynamicForkBranches: 1000 });
    const c = loadConfig({
      BATON_MAX_SUBWORKFLOW_DEPTH: '5',
      BATON_MAX_DYNAMIC_FORK_BRANCHES: '20000',
    });
    expect([c.maxSubWorkflowDepth, c.maxDynamicForkBranches]).toEqual([5, 20000]);
    expect(() => loadConfig({ BATON_MAX_SUBWORKFLOW_DEPTH: '0' })).toThrow(
      /BATON_MAX_SUBWORKFLOW_DEPTH must be an integer between 1 and 1000/,
    );
    expect(() => loadConfig({ BATON_MAX_DYNAMIC_FORK_BRANCHES: 'many' })).toThrow(
      /BATON_MAX_DYNAMIC_FORK_BRANCHES must be an integer between 1 and 100000/,
    );
  });

  it('runs several processes only on a shared database', () => {
    expect(loadConfig({ BATON_PROCESSES: '3', DATABASE_URL: 'postgres://x/y' }).processes).toBe(3);
    expect(() => loadConfig({ BATON_PROCESSES: '2' })).toThrow(/BATON_PROCESSES .*DATABASE_URL/);
    expect(() => loadConfig({ BATON_PROCESSES: '0', DATABASE_URL: 'postgres://x/y' })).toThrow(
      /BATON_PROCESSES must be an integer/,
    );
  });

  it('parses API keys with roles and the HTTP allow-list', () => {
    const c = loadConfig({
      BATON_API_KEYS: 'k1:admin, k2:worker,k3:viewer',
      BATON_HTTP_ALLOW_HOSTS: 'a.com, b.org',
    });
    expect(c.apiKeys).toEqual([
      { key: 'k1', role: 'admin' },
      { key: 'k2', role: 'worker' },
      { key: 'k3', role: 'viewer' },
    ]);
    expect(c.httpAllowHosts).toEqual(['a.com', 'b.org']);
  });

  it('names the setting in errors', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ BATON_API_KEYS: 'k1:root' })).toThrow(/BATON_API_KEYS: role/);
    expect(() => loadConfig({ BATON_API_KEYS: 'justakey' })).toThrow(ConfigError);
  });

  it('reads BATON_RETENTION_DAYS as whole days and refuses anything else', () => {
    expect(loadConfig({}).retentionDays).toBeUndefined();
    expect(loadConfig({ BATON_RETENTION_DAYS: '30' }).retentionDays).toBe(30);
    for (const bad of ['0', '-1', '1.5', 'week', '40000']) {
      expect(() => loadConfig({ BATON_RETENTION_DAYS: bad }), bad).toThrow(
        /BATON_RETENTION_DAYS must be an integer between 1 and 36500/,
      );
    }
  });

  it('reads keyId:keySecret:role entries as access keys (the secret may contain colons)', () => {
    const c = loadConfig({ BATON_API_KEYS: 'plain:admin,app-1:s3cr:et-long:worker' });
    expect(c.apiKeys).toEqual([
      { key: 'plain', role: 'admin' },
      { key: 'app-1', keySecret: 's3cr:et-long', role: 'worker' },
    ]);
    expect(() => loadConfig({ BATON_API_KEYS: 'app:short:admin' })).toThrow(
      /BATON_API_KEYS: the secret of key id "app" must have at least 8 characters/,
    );
    expect(() =>
      loadConfig({ BATON_API_KEYS: 'app:secret-one:admin,app:secret-two:viewer' }),
    ).toThrow(/key id "app" is configured twice/);
    expect(() => loadConfig({ BATON_CONFIG: '/does/not/exist.json' })).toThrow(/BATON_CONFIG/);
  });

  it('reads a JSON config file that env vars override', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-config-'));
    const file = join(dir, 'baton.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 9000, host: '0.0.0.0', apiKeys: [{ key: 'x', role: 'viewer' }] }),
    );
    const c = loadConfig({ BATON_CONFIG: file, PORT: '9100' });
    expect(c.port).toBe(9100);
    expect(c.host).toBe('0.0.0.0');
    expect(c.apiKeys).toEqual([{ key: 'x', role: 'viewer' }]);
  });
});

describe('settings added with the table', () => {
  it('reads LOG_FORMAT and LOG_LEVEL from a fixed list, naming the setting otherwise', () => {
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'JSON' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(
      /LOG_FORMAT must be one of pretty, json/,
    );
    expect(loadConfig({ LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
  });

  it('keeps the sample workers off unless BATON_DEMO_WORKERS asks for them', () => {
    expect(loadConfig({}).demoWorkers).toBe(false);
    expect(loadConfig({ BATON_DEMO_WORKERS: '1' }).demoWorkers).toBe(true);
    expect(() => loadConfig({ BATON_DEMO_WORKERS: 'please' })).toThrow(/BATON_DEMO_WORKERS/);
  });

  it('rejects a config file with unknown keys or values of the wrong shape, naming them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-config-'));
    const typo = join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify({ prot: 9000 }));
    expect(() => loadConfig({ BATON_CONFIG: typo })).toThrow(/unknown setting\(s\) "prot"/);
    const shape = join(dir, 'shape.json');
    writeFileSync(shape, JSON.stringify({ host: { evil: true } }));
    expect(() => loadConfig({ BATON_CONFIG: shape })).toThrow(/HOST must be a string/);
  });

  it('gives every setting a distinct variable and key, and a description', () => {
    expect(new Set(SETTINGS.map((s) => s.env)).size).toBe(SETTINGS.length);
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
    for (const s of SETTINGS) expect(s.description.length).toBeGreaterThan(10);
  });
});

describe('sample workers and API keys', () => {
  it('refuses BATON_DEMO_WORKERS when the only keys cannot poll', () => {
    expect(() => loadConfig({ BATON_DEMO_WORKERS: '1', BATON_API_KEYS: 'v:viewer' })).toThrow(
      /BATON_DEMO_WORKERS needs a worker or admin key/,
    );
    expect(
      loadConfig({ BATON_DEMO_WORKERS: '1', BATON_API_KEYS: 'v:viewer,w:worker' }).demoWorkers,
    ).toBe(true);
  });
});
