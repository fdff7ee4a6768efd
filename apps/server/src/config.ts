/**
 * Server configuration: defaults, then an optional JSON file (`BATON_CONFIG`), then environment
 * variables, validated with messages that name the offending setting.
 *
 * Every setting is one row of {@link SETTINGS}: its environment variable, its camelCase key in the
 * JSON file, its type, default and range, and the sentence the documentation shows.
 * `loadConfig` parses and validates from that table, and `npm run gen:config-docs`
 * (`scripts/gen-config-docs.ts`) writes the configuration tables of `README.md` and
 * `apps/server/README.md` from it (`scripts/config-docs.test.ts` fails when they drift).
 * @module
 */
import { readFileSync } from 'node:fs';
import type { ApiKey, Role } from './plugins/auth.js';

export type LogFormat = 'pretty' | 'json';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** NATS server for EVENT sinks and event handlers of `nats:<subject>`. */
  natsUrl?: string;
  apiKeys: ApiKey[];
  httpAllowHosts: string[];
  /** With no API keys, listening on a non-loopback host is allowed (refused otherwise). */
  allowOpen: boolean;
  /** Host names (besides loopback and IP addresses) the server is reached by. */
  trustedHosts: string[];
  bodyLimit: number;
  webDir?: string;
  logLevel: string;
  /** `pretty` (human-readable) or `json` lines; undefined: pretty on a terminal, json otherwise. */
  logFormat?: LogFormat;
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
  /** Days after which finished executions are removed; undefined: kept forever. */
  retentionDays?: number;
  /** Largest script or jq result, in bytes of its JSON. */
  scriptMaxResultBytes: number;
  /** Built-in sample workers complete the examples' tasks from the start (the UI can also turn them on). */
  demoWorkers: boolean;
  /** Deepest SUB_WORKFLOW nesting (a top-level workflow is at depth 0). */
  maxSubWorkflowDepth: number;
  /** Most branches one FORK_JOIN_DYNAMIC may create. */
  maxDynamicForkBranches: number;
  /** This server runs the scheduler loop (starts the workflows of due schedules). */
  scheduler: boolean;
  /** With catch-up, most missed due times of a schedule started after downtime. */
  schedulerCatchUpMax: number;
  /** Without catch-up, a due time late by at most this many seconds still starts. */
  schedulerGraceSeconds: number;
  /** Failed `POST /api/token` attempts per client address within the window (0: no limit). */
  tokenMaxFailures: number;
  /** The window of `tokenMaxFailures`, in seconds. */
  tokenFailureWindowSeconds: number;
  /** Seconds event handler failure records are kept after their last change. */
  eventExecutionRetentionSeconds: number;
  /** Most event handler failure records kept (the oldest are removed first). */
  eventExecutionMaxRecords: number;
}

/** A configuration problem, naming the setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** How a setting's text (or JSON file value) is read. */
export type SettingType = 'int' | 'bool' | 'string' | 'list' | 'apiKeys' | 'enum';

/** One configuration setting. */
export interface Setting {
  /** Environment variable. */
  readonly env: string;
  /** Key in the `BATON_CONFIG` JSON file and in {@link ServerConfig}. */
  readonly key: keyof ServerConfig;
  readonly type: SettingType;
  /** Value when unset (undefined: none). */
  readonly default?: string | number | boolean | readonly string[];
  /** Default as the docs show it, when the value alone does not say it. */
  readonly defaultText?: string;
  /** Inclusive range of an `int`. */
  readonly min?: number;
  readonly max?: number;
  /** Accepted values of an `enum`. */
  readonly values?: readonly string[];
  /** One sentence for the docs. */
  readonly description: string;
}

const ROLES: readonly Role[] = ['admin', 'worker', 'viewer'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting of the server, in the order the docs list them. */
export const SETTINGS: readonly Setting[] = [
  {
    env: 'PORT',
    key: 'port',
    type: 'int',
    default: 8080,
    min: 0,
    max: 65535,
    description: 'HTTP port for the API and the web app (`0` picks a free one)',
  },
  {
    env: 'HOST',
    key: 'host',
    type: 'string',
    default: '127.0.0.1',
    description:
      'interface to listen on (`0.0.0.0` accepts remote connections: needs API keys or `BATON_ALLOW_OPEN=1`)',
  },
  {
    env: 'BATON_DATA_DIR',
    key: 'dataDir',
    type: 'string',
    default: './.baton-data',
    description: 'folder of the embedded (PGlite) store, used when `DATABASE_URL` is unset',
  },
  {
    env: 'DATABASE_URL',
    key: 'databaseUrl',
    type: 'string',
    description: 'use this Postgres instead of the embedded store',
  },
  {
    env: 'REDIS_URL',
    key: 'redisUrl',
    type: 'string',
    description:
      'with `DATABASE_URL`: execution state and queues on Redis, definitions and search on Postgres (several comma-separated nodes: a Redis Cluster)',
  },
  {
    env: 'BATON_NATS_URL',
    key: 'natsUrl',
    type: 'string',
    description:
      'NATS server (`nats://host:4222`, several comma-separated) for EVENT tasks with a `nats:<subject>` sink and event handlers on `nats:<subject>` events; unset: such sinks fail the task',
  },
  {
    env: 'BATON_API_KEYS',
    key: 'apiKeys',
    type: 'apiKeys',
    default: [],
    description:
      '`key:role,...` with roles `admin`, `worker` (poll and update only), `viewer` (read only); none: the API is open. An entry `keyId:keySecret:role` is an access key that SDKs trade for a token at `POST /api/token`. Once keys are set, `/metrics` needs one too (`admin` or `viewer`)',
  },
  {
    env: 'BATON_HTTP_ALLOW_HOSTS',
    key: 'httpAllowHosts',
    type: 'list',
    default: [],
    description:
      'comma-separated loopback/private hosts or CIDRs the HTTP task may call too (public addresses are always allowed)',
  },
  {
    env: 'BATON_ALLOW_OPEN',
    key: 'allowOpen',
    type: 'bool',
    default: false,
    description:
      'with no API keys, listen on a non-loopback `HOST` anyway (refused otherwise: anyone who can reach the port could drive the API)',
  },
  {
    env: 'BATON_TRUSTED_HOSTS',
    key: 'trustedHosts',
    type: 'list',
    default: [],
    description:
      'comma-separated host names the server is reached by: with no API keys, other `Host` names are refused, and web pages on these may call the API',
  },
  {
    env: 'BATON_BODY_LIMIT',
    key: 'bodyLimit',
    type: 'int',
    default: 8 * 1024 * 1024,
    min: 1024,
    max: 1024 * 1024 * 1024,
    description: 'largest request body in bytes (larger: 413)',
  },
  {
    env: 'BATON_WEB_DIR',
    key: 'webDir',
    type: 'string',
    defaultText: '`apps/web/dist`',
    description: 'built web app served at `/`',
  },
  {
    env: 'BATON_STRICT_TASK_DEFS',
    key: 'strictTaskDefs',
    type: 'bool',
    default: false,
    description:
      "a start fails (400, Conductor's message) when a SIMPLE task has no registered TaskDef",
  },
  {
    env: 'BATON_ARCHIVE_AFTER_SECONDS',
    key: 'archiveAfterSeconds',
    type: 'int',
    default: 3600,
    min: 1,
    max: 365 * 24 * 3600,
    description:
      'with `REDIS_URL`: finished executions move from Redis to Postgres after this long',
  },
  {
    env: 'BATON_RETENTION_DAYS',
    key: 'retentionDays',
    type: 'int',
    min: 1,
    max: 36500,
    description:
      'finished executions older than this many days are removed in batches by a background timer (unset: kept for ever)',
  },
  {
    env: 'BATON_POLL_LINGER_MS',
    key: 'pollLingerMs',
    type: 'int',
    default: 20,
    min: 0,
    max: 5000,
    description: 'a batch poll that holds tasks waits this long for the batch to fill',
  },
  {
    env: 'BATON_PROCESSES',
    key: 'processes',
    type: 'int',
    default: 1,
    min: 1,
    max: 64,
    description:
      'server processes sharing the port (needs `DATABASE_URL`: PGlite belongs to one process)',
  },
  {
    env: 'BATON_SCRIPT_THREADS',
    key: 'scriptThreads',
    type: 'int',
    defaultText: 'cores, ≥ 2',
    min: 1,
    max: 64,
    description: 'threads for scripts (INLINE, SWITCH, LAMBDA), as many for jq',
  },
  {
    env: 'BATON_SCRIPT_RESULT_LIMIT',
    key: 'scriptMaxResultBytes',
    type: 'int',
    default: 1024 * 1024,
    min: 1024,
    max: 64 * 1024 * 1024,
    description: 'largest script or jq result in bytes of JSON; a larger one fails its task',
  },
  {
    env: 'BATON_MAX_SUBWORKFLOW_DEPTH',
    key: 'maxSubWorkflowDepth',
    type: 'int',
    default: 32,
    min: 1,
    max: 1000,
    description: 'deepest SUB_WORKFLOW nesting; a deeper child fails its SUB_WORKFLOW task',
  },
  {
    env: 'BATON_MAX_DYNAMIC_FORK_BRANCHES',
    key: 'maxDynamicForkBranches',
    type: 'int',
    default: 1000,
    min: 1,
    max: 100_000,
    description: 'most branches of one FORK_JOIN_DYNAMIC; more fail the workflow',
  },
  {
    env: 'BATON_SCHEDULER',
    key: 'scheduler',
    type: 'bool',
    default: true,
    description:
      'this server starts the workflows of due schedules (`/api/scheduler`); each due time starts once however many servers run it',
  },
  {
    env: 'BATON_SCHEDULER_CATCHUP_MAX',
    key: 'schedulerCatchUpMax',
    type: 'int',
    default: 100,
    min: 1,
    max: 10_000,
    description:
      'a schedule with `runCatchupScheduleInstances` starts at most this many of the due times it missed (the latest ones)',
  },
  {
    env: 'BATON_SCHEDULER_GRACE_SECONDS',
    key: 'schedulerGraceSeconds',
    type: 'int',
    default: 60,
    min: 1,
    max: 86_400,
    description:
      'a schedule without catch-up still starts a due time missed by at most this long; older ones are skipped',
  },
  {
    env: 'BATON_TOKEN_MAX_FAILURES',
    key: 'tokenMaxFailures',
    type: 'int',
    default: 5,
    min: 0,
    max: 10000,
    description:
      'wrong secrets one client address may send to `POST /api/token` within `BATON_TOKEN_FAILURE_WINDOW_SECONDS`; further attempts get 429 `TOO_MANY_FAILED_LOGINS` with `Retry-After` (`0`: no limit; counted per server)',
  },
  {
    env: 'BATON_TOKEN_FAILURE_WINDOW_SECONDS',
    key: 'tokenFailureWindowSeconds',
    type: 'int',
    default: 300,
    min: 1,
    max: 86400,
    description: 'the window of `BATON_TOKEN_MAX_FAILURES`, in seconds',
  },
  {
    env: 'BATON_EVENT_EXECUTION_RETENTION_SECONDS',
    key: 'eventExecutionRetentionSeconds',
    type: 'int',
    default: 7 * 24 * 3600,
    defaultText: '604800 (7 days)',
    min: 60,
    max: 3650 * 24 * 3600,
    description:
      'event handler failure records (`GET /api/event/executions`) are removed this long after their last change',
  },
  {
    env: 'BATON_EVENT_EXECUTION_MAX_RECORDS',
    key: 'eventExecutionMaxRecords',
    type: 'int',
    default: 10000,
    min: 1,
    max: 10000000,
    description:
      'most event handler failure records kept; the least recently changed are removed first',
  },
  {
    env: 'BATON_DEMO_WORKERS',
    key: 'demoWorkers',
    type: 'bool',
    default: false,
    description:
      'built-in sample workers complete the examples\' tasks (see `docs/getting-started.md`); the UI\'s "Run with sample workers" turns them on too. Never for real work',
  },
  {
    env: 'LOG_LEVEL',
    key: 'logLevel',
    type: 'enum',
    values: LOG_LEVELS,
    default: 'info',
    description: `log level: ${LOG_LEVELS.map((l) => `\`${l}\``).join(', ')}`,
  },
  {
    env: 'LOG_FORMAT',
    key: 'logFormat',
    type: 'enum',
    values: ['pretty', 'json'],
    defaultText: 'pretty on a terminal, else json',
    description: '`pretty`: readable coloured lines; `json`: one JSON object a line',
  },
];

/** The `BATON_CONFIG` setting itself (not a key of the file). */
export const CONFIG_FILE_SETTING = {
  env: 'BATON_CONFIG',
  description: 'a JSON file with the same settings (camelCase keys); environment variables win',
} as const;

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

function toEnum(name: string, value: unknown, values: readonly string[]): string {
  const text = String(value).trim().toLowerCase();
  if (!values.includes(text)) {
    throw new ConfigError(
      `${name} must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return text;
}

/**
 * Parses `key:role` and `keyId:keySecret:role` entries (or an array of `{ key, role }` and
 * `{ keyId, keySecret, role }` from the config file). A key id never contains `:`; the secret may.
 */
export function parseApiKeys(name: string, value: unknown): ApiKey[] {
  type Item = { key?: unknown; keyId?: unknown; keySecret?: unknown; role?: unknown };
  const items: Item[] =
    Array.isArray(value) && value.every((v) => typeof v === 'object')
      ? (value as Item[])
      : toList(value).map((entry) => {
          const i = entry.lastIndexOf(':');
          if (i <= 0) throw new ConfigError(`${name}: expected key:role, got "${entry}"`);
          const key = entry.slice(0, i);
          const role = entry.slice(i + 1);
          const j = key.indexOf(':');
          return j < 0
            ? { key, role }
            : { keyId: key.slice(0, j), keySecret: key.slice(j + 1), role };
        });
  const ids = new Set<string>();
  return items.map((item) => {
    const { role } = item;
    const key = item.keyId ?? item.key;
    if (typeof key !== 'string' || key === '') throw new ConfigError(`${name}: empty API key`);
    if (!ROLES.includes(role as Role)) {
      throw new ConfigError(
        `${name}: role of a key must be one of ${ROLES.join(', ')}, got "${String(role)}"`,
      );
    }
    if (item.keySecret === undefined) return { key, role: role as Role };
    if (typeof item.keySecret !== 'string' || item.keySecret.length < 8) {
      throw new ConfigError(
        `${name}: the secret of key id "${key}" must have at least 8 characters`,
      );
    }
    if (ids.has(key)) throw new ConfigError(`${name}: key id "${key}" is configured twice`);
    ids.add(key);
    return { key, role: role as Role, keySecret: item.keySecret };
  });
}

/** Reads one setting's raw value (env text or file value). */
export function parseSetting(setting: Setting, value: unknown): unknown {
  const name = setting.env;
  switch (setting.type) {
    case 'int':
      return toInt(
        name,
        value,
        setting.min ?? Number.MIN_SAFE_INTEGER,
        setting.max ?? Number.MAX_SAFE_INTEGER,
      );
    case 'bool':
      return toBool(name, value);
    case 'string':
      if (typeof value === 'object' && value !== null) {
        throw new ConfigError(`${name} must be a string, got ${JSON.stringify(value)}`);
      }
      return String(value);
    case 'list':
      return toList(value);
    case 'apiKeys':
      return parseApiKeys(name, value);
    case 'enum':
      return toEnum(name, value, setting.values ?? []);
  }
}

function readFileConfig(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`BATON_CONFIG: cannot read ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
  } catch (e) {
    throw new ConfigError(`BATON_CONFIG: ${path} is not a JSON object: ${(e as Error).message}`);
  }
  const known = new Set<string>(SETTINGS.map((s) => s.key));
  const unknown = Object.keys(parsed).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new ConfigError(
      `BATON_CONFIG: ${path} has unknown setting(s) ${unknown.map((k) => `"${k}"`).join(', ')}`,
    );
  }
  return parsed as Record<string, unknown>;
}

/** `localhost`, `127.0.0.0/8` and `::1` (bracketed or not): only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** Reads the configuration from `env` (default `process.env`). @throws ConfigError */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const file = env['BATON_CONFIG'] ? readFileConfig(env['BATON_CONFIG']) : {};
  const out: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const fromEnv = env[setting.env];
    const raw = fromEnv !== undefined && fromEnv !== '' ? fromEnv : file[setting.key];
    out[setting.key] =
      raw === undefined || raw === null
        ? Array.isArray(setting.default)
          ? [...(setting.default as string[])]
          : setting.default
        : parseSetting(setting, raw);
  }
  const config = out as unknown as ServerConfig;
  if (config.processes > 1 && config.databaseUrl === undefined) {
    throw new ConfigError(
      'BATON_PROCESSES above 1 needs DATABASE_URL (and optionally REDIS_URL): the embedded PGlite database belongs to one process',
    );
  }
  config.trustedHosts = config.trustedHosts.map((h) => h.toLowerCase());
  if (config.apiKeys.length === 0 && !isLoopbackHost(config.host) && !config.allowOpen) {
    throw new ConfigError(
      `HOST ${config.host} accepts remote connections but BATON_API_KEYS is empty: anyone could drive the API. Set BATON_API_KEYS, or BATON_ALLOW_OPEN=1 to run open anyway`,
    );
  }
  if (config.demoWorkers && config.apiKeys.length > 0) {
    if (!config.apiKeys.some((k) => k.role === 'worker' || k.role === 'admin')) {
      throw new ConfigError(
        'BATON_DEMO_WORKERS needs a worker or admin key in BATON_API_KEYS for the sample workers to poll with',
      );
    }
  }
  return config;
}

function docDefault(setting: Setting): string {
  if (setting.defaultText !== undefined) return setting.defaultText;
  const d = setting.default;
  if (d === undefined || (Array.isArray(d) && d.length === 0)) return '–';
  return `\`${String(d)}\``;
}

/** The Markdown configuration table generated from {@link SETTINGS} (unformatted; prettier aligns it). */
export function configTableMarkdown(): string {
  const rows = [
    '| variable | file key | default | meaning |',
    '| --- | --- | --- | --- |',
    ...SETTINGS.map(
      (s) =>
        `| \`${s.env}\` | \`${s.key}\` | ${docDefault(s)} | ${s.description.replaceAll('|', '\\|')} |`,
    ),
    `| \`${CONFIG_FILE_SETTING.env}\` | – | – | ${CONFIG_FILE_SETTING.description} |`,
  ];
  return `${rows.join('\n')}\n`;
}
