/**
 * Reading and writing definition files for `baton import` / `baton export`: pure classification of
 * parsed JSON plus the file-system walk. Every problem names the file it comes from.
 * @module
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { TaskDef, WorkflowDef } from '../../types.js';

/** One definition found in a file. */
export type LoadedDef =
  | { kind: 'workflow'; file: string; def: WorkflowDef }
  | { kind: 'task'; file: string; def: TaskDef };

/** A file that cannot be imported; `message` starts with the file name. */
export class DefinitionFileError extends Error {
  override readonly name = 'DefinitionFileError';
}

/**
 * Classifies the parsed content of `file`: a workflow definition (an object with a `tasks` array),
 * a task definition (an object with a `name` and no `tasks`), or an array of these.
 */
export function classifyDefinitions(file: string, value: unknown): LoadedDef[] {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) throw new DefinitionFileError(`${file}: the array is empty`);
  return items.map((item, i) => {
    const where = Array.isArray(value) ? `${file} [${i}]` : file;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new DefinitionFileError(`${where}: expected a JSON object, found ${describe(item)}`);
    }
    const record = item as Record<string, unknown>;
    if (typeof record['name'] !== 'string' || record['name'].trim() === '') {
      throw new DefinitionFileError(`${where}: "name" must be a non-empty string`);
    }
    if ('tasks' in record) {
      if (!Array.isArray(record['tasks'])) {
        throw new DefinitionFileError(`${where}: "tasks" must be an array of workflow tasks`);
      }
      return { kind: 'workflow', file: where, def: record as unknown as WorkflowDef };
    }
    return { kind: 'task', file: where, def: record as unknown as TaskDef };
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Every `*.json` file under `path` (a file or a folder, searched recursively), sorted. */
async function jsonFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new DefinitionFileError(`${path}: no such file or folder`);
  }
  if (info.isFile()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Loads every definition under `paths`. Reads and checks all files before returning, so a bad file
 * stops the import before anything is sent. Task definitions come first (workflows use them).
 */
export async function loadDefinitions(paths: readonly string[]): Promise<LoadedDef[]> {
  const files: string[] = [];
  for (const p of paths) {
    const found = await jsonFiles(p);
    if (found.length === 0) throw new DefinitionFileError(`${p}: no .json files in this folder`);
    files.push(...found);
  }
  const defs: LoadedDef[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new DefinitionFileError(`${file}: cannot read (${(error as Error).message})`);
    });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DefinitionFileError(`${file}: invalid JSON (${(error as Error).message})`);
    }
    defs.push(...classifyDefinitions(file, value));
  }
  return [...defs.filter((d) => d.kind === 'task'), ...defs.filter((d) => d.kind === 'workflow')];
}

/** A file name for a definition name: every character outside `[A-Za-z0-9_-]` is %-encoded. */
export function fileNameFor(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, (c) =>
    [...Buffer.from(c, 'utf8')]
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
}

/**
 * Writes `workflows/<name>.v<version>.json` and `tasks/<name>.json` under `dir` (created when
 * missing; files of the same names are replaced). Returns the paths written, relative to `dir`.
 */
export async function writeDefinitions(
  dir: string,
  workflows: readonly WorkflowDef[],
  tasks: readonly TaskDef[],
): Promise<string[]> {
  const written: string[] = [];
  const put = async (sub: string, base: string, value: unknown) => {
    await mkdir(join(dir, sub), { recursive: true });
    const file = join(dir, sub, `${base}.json`);
    await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
    written.push(relative(dir, file));
  };
  for (const def of workflows) {
    await put('workflows', `${fileNameFor(def.name)}.v${def.version ?? 1}`, def);
  }
  for (const def of tasks) await put('tasks', fileNameFor(def.name), def);
  return written;
}
