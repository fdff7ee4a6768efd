/**
 * Loads the Lua scripts in `./lua` into an ioredis client with `defineCommand`, once per client.
 * A file `<name>-<numKeys>.lua` becomes the command `<name>` with that many KEYS, and
 * `<name>-<numKeys>+.lua` one that takes more, optional KEYS on standalone Redis (the caller
 * counts them; a cluster client gets exactly `numKeys`, as ioredis routes such a command only by
 * a fixed count). ioredis runs scripts with EVALSHA and falls back to EVAL after a script cache
 * flush or a failover.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isClusterClient, type RedisClient } from './redis-client.js';

/** The scripts of `./lua`, by command name. */
export type ScriptName =
  | 'createExecution'
  | 'getExecution'
  | 'saveExecution'
  | 'removeExecution'
  | 'pushMessages'
  | 'popMessages'
  | 'removeMessage'
  | 'ackIndexed';

type ScriptArg = string | number;
type ScriptFn = (...args: ScriptArg[]) => Promise<unknown>;

interface ScriptSource {
  name: string;
  numberOfKeys: number;
  /** True for `-<numKeys>+` files: optional KEYS after the first `numberOfKeys`. */
  moreKeys: boolean;
  lua: string;
}

const LUA_DIR = fileURLToPath(new URL('./lua/', import.meta.url));
const FILE_NAME = /^([a-z][A-Za-z]*)-(\d+)(\+?)\.lua$/;

let sources: ScriptSource[] | undefined;
/** Clients on which scripts with optional KEYS take a count from the caller (standalone). */
const counting = new WeakSet<RedisClient>();
/** Names of the scripts with optional KEYS. */
const withMoreKeys = new Set<string>();
const loaded = new WeakSet<RedisClient>();

function readSources(): ScriptSource[] {
  sources ??= readdirSync(LUA_DIR).flatMap((file) => {
    const match = FILE_NAME.exec(file);
    if (!match?.[1] || !match[2]) return [];
    const moreKeys = match[3] === '+';
    if (moreKeys) withMoreKeys.add(match[1]);
    return [
      {
        name: match[1],
        numberOfKeys: Number(match[2]),
        moreKeys,
        lua: readFileSync(`${LUA_DIR}${file}`, 'utf8'),
      },
    ];
  });
  return sources;
}

/**
 * Defines every script on `client` (once per client). Call it before the client sends anything:
 * an auto-pipeline that already exists when a command is defined does not know that command.
 */
export function loadScripts(client: RedisClient): void {
  if (loaded.has(client)) return;
  const cluster = isClusterClient(client);
  for (const source of readSources()) {
    client.defineCommand(
      source.name,
      source.moreKeys && !cluster
        ? { lua: source.lua }
        : { numberOfKeys: source.numberOfKeys, lua: source.lua },
    );
  }
  if (!cluster) counting.add(client);
  loaded.add(client);
}

/**
 * Runs the script `name` with `keys` and `args` on `client`; the key count must match the file's,
 * or be at least that for a `+` script on standalone Redis.
 */
export function runScript(
  client: RedisClient,
  name: ScriptName,
  keys: string[],
  args: ScriptArg[],
): Promise<unknown> {
  loadScripts(client);
  const fn = (client as unknown as Record<string, ScriptFn | undefined>)[name];
  if (!fn) throw new Error(`Lua script ${name} is missing from ${LUA_DIR}`);
  if (withMoreKeys.has(name) && counting.has(client)) {
    return fn.call(client, keys.length, ...keys, ...args);
  }
  return fn.call(client, ...keys, ...args);
}
