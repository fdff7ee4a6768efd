/**
 * Loads the Lua scripts in `./lua` into an ioredis client with `defineCommand`, once per client.
 * A file `<name>-<numKeys>.lua` becomes the command `<name>` with that many KEYS; ioredis runs it
 * with EVALSHA and falls back to EVAL after a script cache flush or a failover.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RedisClient } from './redis-client.js';

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
  lua: string;
}

const LUA_DIR = fileURLToPath(new URL('./lua/', import.meta.url));
const FILE_NAME = /^([a-z][A-Za-z]*)-(\d+)\.lua$/;

let sources: ScriptSource[] | undefined;
const loaded = new WeakSet<RedisClient>();

function readSources(): ScriptSource[] {
  sources ??= readdirSync(LUA_DIR).flatMap((file) => {
    const match = FILE_NAME.exec(file);
    if (!match?.[1] || !match[2]) return [];
    return [
      {
        name: match[1],
        numberOfKeys: Number(match[2]),
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
  for (const source of readSources()) {
    client.defineCommand(source.name, { numberOfKeys: source.numberOfKeys, lua: source.lua });
  }
  loaded.add(client);
}

/** Runs the script `name` with `keys` and `args` on `client`; the key count must match the file's. */
export function runScript(
  client: RedisClient,
  name: ScriptName,
  keys: string[],
  args: ScriptArg[],
): Promise<unknown> {
  loadScripts(client);
  const fn = (client as unknown as Record<string, ScriptFn | undefined>)[name];
  if (!fn) throw new Error(`Lua script ${name} is missing from ${LUA_DIR}`);
  return fn.call(client, ...keys, ...args);
}
