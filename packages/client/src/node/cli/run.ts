/**
 * `baton`: the command line of the Baton API. {@link runCli} parses the arguments with Node's
 * `util.parseArgs`, runs one command through {@link BatonClient} and returns the exit code:
 * 0 done, 1 the server refused or failed (or could not be reached), 2 bad usage or bad input
 * files (nothing was sent).
 * @module
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { BatonClient } from '../../client.js';
import { isBatonApiError } from '../../errors.js';
import type { ExecutionEvent, Task, Workflow } from '../../types.js';
import { DefinitionFileError, loadDefinitions, writeDefinitions } from './definitions.js';

/** Where the CLI writes and what it reads of its environment (tests pass their own). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const DEFAULT_URL = 'http://127.0.0.1:8080';
const TERMINAL = new Set(['COMPLETED', 'FAILED', 'TERMINATED', 'TIMED_OUT']);

const OPTIONS = {
  url: { type: 'string' },
  key: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  version: { type: 'string' },
  input: { type: 'string' },
  'correlation-id': { type: 'string' },
  execution: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

type OptionName = keyof typeof OPTIONS;
type Values = {
  [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

interface Command {
  args: string;
  summary: string;
  options: OptionName[];
  /** Number of positional arguments: [min, max]. */
  arity: [number, number];
  run(ctx: Context, positionals: string[], values: Values): Promise<number>;
}

interface Context {
  client: BatonClient;
  io: CliIo;
}

/** A usage error: printed with the hint to `--help`, exit code 2. */
class UsageError extends Error {}

const COMMANDS: Record<string, Command> = {
  import: {
    args: '<file|folder>...',
    summary: 'register the task and workflow definitions of JSON files (folders are searched)',
    options: [],
    arity: [1, Infinity],
    run: runImport,
  },
  export: {
    args: '<folder>',
    summary: 'write every workflow definition (all versions) and task definition as JSON files',
    options: [],
    arity: [1, 1],
    run: runExport,
  },
  start: {
    args: '<workflowName>',
    summary: 'start an execution; prints its id',
    options: ['version', 'input', 'correlation-id'],
    arity: [1, 1],
    run: runStart,
  },
  status: {
    args: '<workflowId>',
    summary: "an execution's status and tasks",
    options: ['json'],
    arity: [1, 1],
    run: runStatus,
  },
  logs: {
    args: '<taskId>',
    summary: "a task's log lines (with --execution: every task's of a workflow id)",
    options: ['execution', 'json'],
    arity: [1, 1],
    run: runLogs,
  },
  tail: {
    args: '<workflowId>',
    summary: "print an execution's events live until it ends (exit 0 when COMPLETED, else 1)",
    options: ['json'],
    arity: [1, 1],
    run: runTail,
  },
};

function usage(): string {
  const lines = [
    'Usage: baton [--url <url>] [--key <key>] <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(
      ([name, c]) => `  ${`${name} ${c.args}`.padEnd(30)} ${c.summary}`,
    ),
    '',
    'Options:',
    `  --url <url>              server (env BATON_URL, default ${DEFAULT_URL})`,
    '  --key <key>              API key (env BATON_API_KEY)',
    '  --version <n>            start: the definition version (default the latest)',
    '  --input <json|@file>     start: the workflow input, a JSON object or @file holding one',
    '  --correlation-id <id>    start: the correlation id',
    '  --execution              logs: the argument is a workflow id',
    '  --json                   status, logs, tail: print JSON',
    '',
    'Exit codes: 0 done, 1 the server refused or failed, 2 bad usage or bad input file.',
  ];
  return lines.join('\n');
}

/** Runs one `baton` command line (without `node` and the script) and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageFailure(io, (error as Error).message);
  }
  const values = parsed.values as Values;
  const [name, ...positionals] = parsed.positionals;
  if (values.help === true) {
    io.out(usage());
    return EXIT_OK;
  }
  if (name === undefined) return usageFailure(io, 'missing command');
  const command = COMMANDS[name];
  if (command === undefined) return usageFailure(io, `unknown command '${name}'`);
  const global: OptionName[] = ['url', 'key', 'help'];
  for (const option of Object.keys(values) as OptionName[]) {
    if (!global.includes(option) && !command.options.includes(option)) {
      return usageFailure(io, `option '--${option}' does not apply to '${name}'`);
    }
  }
  const [min, max] = command.arity;
  if (positionals.length < min || positionals.length > max) {
    return usageFailure(io, `'${name}' takes ${command.args}`);
  }
  const baseUrl = values.url ?? io.env['BATON_URL'] ?? DEFAULT_URL;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    return usageFailure(io, `--url: '${baseUrl}' is not an http(s) URL`);
  }
  const apiKey = values.key ?? io.env['BATON_API_KEY'];
  const client = new BatonClient({
    baseUrl,
    ...(apiKey === undefined || apiKey === '' ? {} : { apiKey }),
    events: { EventSource: null, reconnect: { initialMs: 250, maxMs: 2000 } },
  });
  try {
    return await command.run({ client, io }, positionals, values);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error.message);
    if (error instanceof DefinitionFileError) {
      io.err(`baton: ${error.message} (nothing was sent)`);
      return EXIT_USAGE;
    }
    io.err(`baton: ${describeError(error, baseUrl)}`);
    return EXIT_FAILED;
  }
}

function usageFailure(io: CliIo, message: string): number {
  io.err(`baton: ${message}`);
  io.err("Run 'baton --help' for the commands and options.");
  return EXIT_USAGE;
}

/** One line for any failure: the server's code, status and message; never a stack trace. */
function describeError(error: unknown, baseUrl?: string): string {
  if (isBatonApiError(error)) {
    const details = error.validationErrors.map((v) => `${v.path}: ${v.message}`);
    const head =
      error.status === 0
        ? `cannot reach the server${baseUrl === undefined ? '' : ` at ${baseUrl}`}: ${error.message}`
        : `${error.code} (HTTP ${error.status}): ${error.message}`;
    return [head, ...details.map((d) => `  ${d}`)].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

async function runImport(ctx: Context, paths: string[]): Promise<number> {
  const defs = await loadDefinitions(paths);
  let failed = 0;
  for (const item of defs) {
    const label =
      item.kind === 'task'
        ? `task ${item.def.name}`
        : `workflow ${item.def.name} v${String(item.def.version ?? 1)}`;
    try {
      if (item.kind === 'task') {
        await ctx.client.metadata.registerTaskDefs([item.def]);
      } else {
        const result = await ctx.client.metadata.updateWorkflowDefs([item.def]);
        const refused = Object.values(result.bulkErrorResults ?? {});
        if (refused.length > 0) throw new Error(refused.join('; '));
      }
      ctx.io.out(`${item.file}: ${label} registered`);
    } catch (error) {
      // A wrong key or an unreachable server fails every file alike: stop at the first.
      if (isBatonApiError(error) && (error.status === 0 || error.status === 401)) throw error;
      failed++;
      ctx.io.err(`baton: ${item.file}: ${label} refused: ${describeError(error)}`);
    }
  }
  ctx.io.out(`${defs.length - failed} of ${defs.length} definitions registered`);
  return failed === 0 ? EXIT_OK : EXIT_FAILED;
}

async function runExport(ctx: Context, [dir]: string[]): Promise<number> {
  const [workflows, tasks] = await Promise.all([
    ctx.client.metadata.listWorkflowDefs(),
    ctx.client.metadata.listTaskDefs(),
  ]);
  const written = await writeDefinitions(dir!, workflows, tasks);
  for (const file of written) ctx.io.out(file);
  ctx.io.out(
    `exported ${workflows.length} workflow definitions and ${tasks.length} task definitions to ${dir!}`,
  );
  return EXIT_OK;
}

async function readInput(raw: string | undefined): Promise<Record<string, unknown>> {
  if (raw === undefined) return {};
  let text = raw;
  if (raw.startsWith('@')) {
    const file = raw.slice(1);
    text = await readFile(file, 'utf8').catch(() => {
      throw new UsageError(`--input: cannot read file '${file}'`);
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input: invalid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('--input: must be a JSON object');
  }
  return value as Record<string, unknown>;
}

async function runStart(ctx: Context, [name]: string[], values: Values): Promise<number> {
  let version: number | undefined;
  if (values.version !== undefined) {
    version = Number(values.version);
    if (!/^\d+$/.test(values.version) || !Number.isSafeInteger(version) || version < 1) {
      throw new UsageError(`--version: '${values.version}' is not a positive integer`);
    }
  }
  const input = await readInput(values.input);
  const id = await ctx.client.workflows.startByName(name!, input, {
    ...(version === undefined ? {} : { version }),
    ...(values['correlation-id'] === undefined ? {} : { correlationId: values['correlation-id'] }),
  });
  ctx.io.out(id);
  return EXIT_OK;
}

function time(ms: number | undefined): string {
  return ms === undefined || ms === 0 ? '-' : new Date(ms).toISOString();
}

async function runStatus(ctx: Context, [id]: string[], values: Values): Promise<number> {
  const wf: Workflow = await ctx.client.workflows.get(id!, { includeTasks: true });
  if (values.json === true) {
    ctx.io.out(JSON.stringify(wf, null, 2));
    return EXIT_OK;
  }
  ctx.io.out(`${wf.workflowId}  ${wf.workflowName} v${wf.workflowVersion}  ${wf.status}`);
  ctx.io.out(`started ${time(wf.startTime)}  ended ${time(wf.endTime)}`);
  if (wf.reasonForIncompletion) ctx.io.out(`reason: ${wf.reasonForIncompletion}`);
  for (const task of (wf.tasks ?? []) as Task[]) {
    ctx.io.out(`  ${task.referenceTaskName}  ${task.taskType}  ${task.status}  ${task.taskId}`);
  }
  return EXIT_OK;
}

async function runLogs(ctx: Context, [id]: string[], values: Values): Promise<number> {
  const tasks: Array<{ taskId: string; ref: string }> = [];
  if (values.execution === true) {
    const wf = await ctx.client.workflows.get(id!, { includeTasks: true });
    for (const t of (wf.tasks ?? []) as Task[])
      tasks.push({ taskId: t.taskId, ref: t.referenceTaskName });
  } else {
    const task = await ctx.client.tasks.get(id!);
    tasks.push({ taskId: task.taskId, ref: task.referenceTaskName });
  }
  for (const { taskId, ref } of tasks) {
    const logs = await ctx.client.tasks.getLogs(taskId);
    for (const log of logs) {
      if (values.json === true) ctx.io.out(JSON.stringify(log));
      else ctx.io.out(`${time(log.createdTime)}  ${ref}  ${log.log}`);
    }
  }
  return EXIT_OK;
}

function formatEvent(e: ExecutionEvent): string {
  return e.type === 'workflow'
    ? `${time(e.time)}  workflow ${e.workflowName}  ${e.status}${e.reasonForIncompletion ? `  (${e.reasonForIncompletion})` : ''}`
    : `${time(e.time)}  task ${e.referenceTaskName} (${e.taskType})  ${e.status}`;
}

/**
 * Prints the execution's events from `GET /api/events?workflowId=` until it reaches a terminal
 * status. The status is also re-read now and then, so an end that happened before the stream
 * was open, or while it was reconnecting, still ends the command.
 */
async function runTail(ctx: Context, [id]: string[], values: Values): Promise<number> {
  const first = await ctx.client.workflows.getStatus(id!);
  if (TERMINAL.has(first.status)) {
    ctx.io.out(`${id!} already ended: ${first.status}`);
    return first.status === 'COMPLETED' ? EXIT_OK : EXIT_FAILED;
  }
  return new Promise<number>((resolve, reject) => {
    let done = false;
    const end = (settle: () => void) => {
      if (done) return;
      done = true;
      stop();
      clearInterval(timer);
      settle();
    };
    const finish = (status: string) =>
      end(() => resolve(status === 'COMPLETED' ? EXIT_OK : EXIT_FAILED));
    const fail = (error: unknown) => end(() => reject(error));
    const stop = ctx.client.events.subscribe(
      { workflowId: id! },
      (event) => {
        if (done) return;
        ctx.io.out(values.json === true ? JSON.stringify(event) : formatEvent(event));
        if (event.type === 'workflow' && event.workflowId === id && TERMINAL.has(event.status)) {
          finish(event.status);
        }
      },
      (error) => {
        // Dropped connections are retried; a refusal (bad key, bad request) will not get better.
        if (error.status >= 400 && error.status < 500) fail(error);
      },
    );
    const timer = setInterval(() => {
      ctx.client.workflows.getStatus(id!).then((s) => {
        if (!done && TERMINAL.has(s.status)) {
          ctx.io.out(`${id!} ended: ${s.status}`);
          finish(s.status);
        }
      }, fail);
    }, 2000);
  });
}
