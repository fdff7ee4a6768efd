/**
 * Server configuration: defaults, then an optional JSON file (`BATON_CONFIG`), then environment
 * variables, validated with messages that name the offending setting.
 *
 * | env | default | meaning |
 * |---|---|---|
 * | `PORT` | 8080 | HTTP port |
 * | `HOST` | 127.0.0.1 | bind address; use `0.0.0.0` to accept remote connections (set API keys then) |
 * | `BATON_DATA_DIR` | ./.baton-data | PGlite data directory (used when no DATABASE_URL) |
 * | `DATABASE_URL` | – | Postgres connection string |
 * | `REDIS_URL` | – | Redis URL (with DATABASE_URL: Redis executions/queues + Postgres) |
 * | `BATON_API_KEYS` | – | `key1:admin,key2:worker,key3:viewer` |
 * | `BATON_ALLOW_OPEN` | false | with no API keys, listen on a non-loopback `HOST` anyway (refused otherwise) |
 * | `BATON_TRUSTED_HOSTS` | – | comma-separated host names the server is reached by: with no API keys other `Host` names are refused, and web pages on them may call the API |
 * | `BATON_HTTP_ALLOW_HOSTS` | – | comma-separated loopback/private hosts or CIDRs HTTP tasks may call too (empty: none; public addresses are always allowed) |
 * | `BATON_BODY_LIMIT` | 8388608 | max request body in bytes |
 * | `BATON_WEB_DIR` | apps/web/dist | built web app to serve at `/` |
 * | `BATON_ARCHIVE_AFTER_SECONDS` | 3600 | Redis mode: finished executions move to Postgres after this |
 * | `BATON_POLL_LINGER_MS` | 20 | a batch poll holding tasks waits this long for the batch to fill |
 * | `BATON_PROCESSES` | 1 | server processes sharing the port (needs `DATABASE_URL`; PGlite is one process's) |
 * | `BATON_STRICT_TASK_DEFS` | false | a start fails (400) when a SIMPLE task has no registered TaskDef |
 * | `BATON_SCRIPT_THREADS` | cores (at least 2) | threads running INLINE/SWITCH/LAMBDA scripts (and as many for jq) |
 * | `BATON_SCRIPT_RESULT_LIMIT` | 1048576 | largest script or jq result (bytes of JSON); a larger one fails the task |
 * | `LOG_LEVEL` | info | pino level |
 * | `BATON_CONFIG` | – | JSON file with the same settings (camelCase keys); env vars override it |
 * @module
 */
import { readFileSync } from 'node:fs';
import type { ApiKey, Role } from './plugins/auth.js';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  apiKeys: ApiKey[];
  /** With no API keys, listening on a non-loopback host is allowed (refused otherwise). */
  allowOpen: boolean;
  /** Host names (besides loopback and IP addresses) the server is reached by. */
  trustedHosts: string[];
  httpAllowHosts: string[];
  bodyLimit: number;
  webDir?: string;
  logLevel: string;
  /** Redis+Postgres: seconds after which finished executions move from Redis to Postgres. */
  archiveAfterSeconds: number;
  /** Milliseconds a batch poll that holds tasks waits for more (0: return at once). */
  pollLingerMs: number;
  /** Server processes sharing the port (one engine thread each). */
  processes: number;
  /** A start fails when a SIMPLE task has no registered TaskDef (Conductor's strict check). */
  strictTaskDefs: boolean;
  /** Script (and jq) threads; undefined: one per core, at least 2. */
  scriptThreads?: number;
  /** Largest script or jq result, in bytes of its JSON. */
  scriptMaxResultBytes: number;
}

/** A configuration problem, naming the setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const ROLES: readonly Role[] = ['admin', 'worker', 'viewer'];

/** `localhost`, `127.0.0.0/8` and `::1` (bracketed or not): only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

function toInt(name: string, value: unknown, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function toBool(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(value)}`);
}

function toList(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .map(String)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Parses `key:role` pairs (or an array of `{ key, role }` from the config file). */
export function parseApiKeys(name: string, value: unknown): ApiKey[] {
  const items: Array<{ key: string; role: string }> =
    Array.isArray(value) && value.every((v) => typeof v === 'object')
      ? (value as Array<{ key: string; role: string }>)
      : toList(value).map((pair) => {
          const i = pair.lastIndexOf(':');
          if (i <= 0) throw new ConfigError(`${name}: expected key:role, got "${pair}"`);
          return { key: pair.slice(0, i), role: pair.slice(i + 1) };
        });
  return items.map(({ key, role }) => {
    if (typeof key !== 'string' || key === '') throw new ConfigError(`${name}: empty API key`);
    if (!ROLES.includes(role as Role)) {
      throw new ConfigError(
        `${name}: role of a key must be one of ${ROLES.join(', ')}, got "${role}"`,
      );
    }
    return { key, role: role as Role };
  });
}

function readFileConfig(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`BATON_CONFIG: cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`BATON_CONFIG: ${path} is not a JSON object: ${(e as Error).message}`);
  }
}

/** Reads the configuration from `env` (default `process.env`). @throws ConfigError */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const file = env['BATON_CONFIG'] ? readFileConfig(env['BATON_CONFIG']) : {};
  const pick = (envName: string, key: string): unknown => {
    const v = env[envName];
    return v !== undefined && v !== '' ? v : file[key];
  };
  const str = (envName: string, key: string): string | undefined => {
    const v = pick(envName, key);
    return v === undefined || v === null ? undefined : String(v);
  };
  const port = pick('PORT', 'port');
  const body = pick('BATON_BODY_LIMIT', 'bodyLimit');
  const keys = pick('BATON_API_KEYS', 'apiKeys');
  const allow = pick('BATON_HTTP_ALLOW_HOSTS', 'httpAllowHosts');
  const allowOpenSetting = pick('BATON_ALLOW_OPEN', 'allowOpen');
  const trusted = pick('BATON_TRUSTED_HOSTS', 'trustedHosts');
  const archive = pick('BATON_ARCHIVE_AFTER_SECONDS', 'archiveAfterSeconds');
  const linger = pick('BATON_POLL_LINGER_MS', 'pollLingerMs');
  const processesSetting = pick('BATON_PROCESSES', 'processes');
  const strict = pick('BATON_STRICT_TASK_DEFS', 'strictTaskDefs');
  const scriptThreads = pick('BATON_SCRIPT_THREADS', 'scriptThreads');
  const scriptMaxResult = pick('BATON_SCRIPT_RESULT_LIMIT', 'scriptMaxResultBytes');
  const processes =
    processesSetting === undefined ? 1 : toInt('BATON_PROCESSES', processesSetting, 1, 64);
  const databaseUrl = str('DATABASE_URL', 'databaseUrl');
  if (processes > 1 && databaseUrl === undefined) {
    throw new ConfigError(
      'BATON_PROCESSES above 1 needs DATABASE_URL (and optionally REDIS_URL): the embedded PGlite database belongs to one process',
    );
  }
  const host = str('HOST', 'host') ?? '127.0.0.1';
  const apiKeys = keys === undefined ? [] : parseApiKeys('BATON_API_KEYS', keys);
  const allowOpen =
    allowOpenSetting === undefined ? false : toBool('BATON_ALLOW_OPEN', allowOpenSetting);
  if (apiKeys.length === 0 && !isLoopbackHost(host) && !allowOpen) {
    throw new ConfigError(
      `HOST ${host} accepts remote connections but BATON_API_KEYS is empty: anyone could drive the API. Set BATON_API_KEYS, or BATON_ALLOW_OPEN=1 to run open anyway`,
    );
  }
  return {
    port: port === undefined ? 8080 : toInt('PORT', port, 0, 65535),
    host,
    dataDir: str('BATON_DATA_DIR', 'dataDir') ?? './.baton-data',
    databaseUrl,
    redisUrl: str('REDIS_URL', 'redisUrl'),
    apiKeys,
    allowOpen,
    trustedHosts: trusted === undefined ? [] : toList(trusted).map((h) => h.toLowerCase()),
    httpAllowHosts: allow === undefined ? [] : toList(allow),
    bodyLimit:
      body === undefined
        ? 8 * 1024 * 1024
        : toInt('BATON_BODY_LIMIT', body, 1024, 1024 * 1024 * 1024),
    webDir: str('BATON_WEB_DIR', 'webDir'),
    logLevel: str('LOG_LEVEL', 'logLevel') ?? 'info',
    archiveAfterSeconds:
      archive === undefined
        ? 3600
        : toInt('BATON_ARCHIVE_AFTER_SECONDS', archive, 1, 365 * 24 * 3600),
    pollLingerMs: linger === undefined ? 20 : toInt('BATON_POLL_LINGER_MS', linger, 0, 5000),
    processes,
    strictTaskDefs: strict === undefined ? false : toBool('BATON_STRICT_TASK_DEFS', strict),
    scriptThreads:
      scriptThreads === undefined ? undefined : toInt('BATON_SCRIPT_THREADS', scriptThreads, 1, 64),
    scriptMaxResultBytes:
      scriptMaxResult === undefined
        ? 1024 * 1024
        : toInt('BATON_SCRIPT_RESULT_LIMIT', scriptMaxResult, 1024, 64 * 1024 * 1024),
  };
}
