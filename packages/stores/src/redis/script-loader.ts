/**
 * Loads the Lua scripts in `./lua` into an ioredis client with `defineCommand`, once per client.
 * A file `<name>-<numKeys>.lua` becomes the command `<name>` with that many KEYS, and
 * `<name>-<numKeys>+.lua` one that takes more, optional KEYS on standalone Redis (the caller
 * counts them; a cluster client gets exactly `numKeys`, as ioredis routes such a command only by
 * a fixed count). A line `--#include <name>` in a script is replaced by `./lua/lib/<name>.lua`, so
 * scripts share Lua functions without a copy per file. ioredis runs scripts with EVALSHA and falls
 * back to EVAL after a script cache flush or a failover.
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
  | 'ackIndexed'
  | 'holdLease';

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
/** Lua code included by scripts; its files are not scripts themselves. */
const LIB_DIR = `${LUA_DIR}lib/`;
const FILE_NAME = /^([a-z][A-Za-z]*)-(\d+)(\+?)\.lua$/;
const INCLUDE_LINE = /^--#include\b(.*)$/gm;
const LIB_NAME = /^[a-z][a-z0-9-]*$/;

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
        lua: expandIncludes(readFileSync(`${LUA_DIR}${file}`, 'utf8'), file),
      },
    ];
  });
  return sources;
}

/**
 * Replaces each `--#include <name>` line of `lua` (read from `file`) by the content of
 * `lib/<name>.lua`, itself expanded; `including` is the chain of libs being expanded (a cycle is
 * an error, as is an unknown name).
 */
export function expandIncludes(
  lua: string,
  file: string,
  including: readonly string[] = [],
  read: (name: string) => string | undefined = readLib,
): string {
  return lua.replace(INCLUDE_LINE, (_line, rest: string) => {
    const name = rest.trim();
    if (!LIB_NAME.test(name)) {
      throw new Error(`Lua script ${file}: invalid --#include name '${name}'`);
    }
    if (including.includes(name)) {
      throw new Error(`Lua script ${file}: --#include cycle ${[...including, name].join(' -> ')}`);
    }
    const lib = read(name);
    if (lib === undefined) {
      throw new Error(`Lua script ${file}: --#include ${name} has no file ${LIB_DIR}${name}.lua`);
    }
    return expandIncludes(lib, `lib/${name}.lua`, [...including, name], read).trimEnd();
  });
}

/** The content of `lib/<name>.lua`, or undefined when there is no such file. */
function readLib(name: string): string | undefined {
  try {
    return readFileSync(`${LIB_DIR}${name}.lua`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
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
