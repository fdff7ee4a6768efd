/**
 * `baton` against a real server (Fastify on a free port, PGlite, API keys on): every command's
 * happy path and its hostile paths (bad files, bad options, unknown ids, wrong key), with the exit
 * codes 0 / 1 / 2 and one-line messages instead of stack traces.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, simpleDef } from '../../../apps/server/test/helpers.js';
import type { TestApp } from '../../../apps/server/test/helpers.js';
import { BatonClient } from '../src/index.js';
import { runCli } from '../src/node/cli/run.js';

const KEY = 'cli-admin-key';
let t: TestApp;
let url: string;
let client: BatonClient;
let dir: string;

beforeAll(async () => {
  t = await createTestApp({ apiKeys: [{ key: KEY, role: 'admin' }] });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
  client = new BatonClient({ baseUrl: url, apiKey: KEY });
  dir = mkdtempSync(join(tmpdir(), 'baton-cli-test-'));
}, 300_000);
afterAll(async () => {
  await t?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `baton <args>` in this process with the server's URL and key in the environment. */
async function baton(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { BATON_URL: url, BATON_API_KEY: KEY, ...env },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function expectNoStack(run: Run): void {
  expect(run.err).not.toMatch(/\n\s+at /);
  expect(run.out).not.toMatch(/\n\s+at /);
}

function folder(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

describe('baton import', () => {
  it('registers the task and workflow definitions of a folder (searched recursively)', async () => {
    const src = folder('import-ok', {
      'tasks/cli_a.json': json({ name: 'cli_a', retryCount: 1, ownerEmail: 'a@example.com' }),
      'tasks/more.json': json([
        { name: 'cli_b', ownerEmail: 'a@example.com' },
        { name: 'cli_c', ownerEmail: 'a@example.com' },
      ]),
      'cli_flow.json': json(simpleDef('cli_flow', 'cli_a')),
      'notes.txt': 'not a definition',
    });
    const run = await baton(['import', src]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`${join(src, 'cli_flow.json')}: workflow cli_flow v1 registered`);
    expect(run.out).toContain(`${join(src, 'tasks/more.json')} [1]: task cli_c registered`);
    expect(run.out).toContain('4 of 4 definitions registered');
    expect((await client.metadata.getTaskDef('cli_a')).retryCount).toBe(1);
    expect((await client.metadata.getWorkflowDef('cli_flow')).tasks[0]?.name).toBe('cli_a');
  });

  it('refuses a folder with a bad JSON file, naming it, and sends nothing', async () => {
    const src = folder('import-bad-json', {
      'a_good.json': json({ name: 'cli_never_sent', ownerEmail: 'a@example.com' }),
      'b_broken.json': '{ "name": "x", ',
    });
    const run = await baton(['import', src]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${join(src, 'b_broken.json')}: invalid JSON`);
    expect(run.err).toContain('nothing was sent');
    expectNoStack(run);
    await expect(client.metadata.getTaskDef('cli_never_sent')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses files that are not definitions, a missing path and an empty folder', async () => {
    const noName = folder('import-no-name', { 'x.json': json({ description: 'no name' }) });
    const r1 = await baton(['import', noName]);
    expect(r1.code).toBe(2);
    expect(r1.err).toContain(`${join(noName, 'x.json')}: "name" must be a non-empty string`);
    const badTasks = folder('import-bad-tasks', { 'w.json': json({ name: 'w', tasks: 'nope' }) });
    const r2 = await baton(['import', badTasks]);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('"tasks" must be an array');
    const r3 = await baton(['import', join(dir, 'does-not-exist')]);
    expect(r3.code).toBe(2);
    expect(r3.err).toContain('does-not-exist: no such file or folder');
    const empty = folder('import-empty', { 'readme.txt': 'x' });
    const r4 = await baton(['import', empty]);
    expect(r4.code).toBe(2);
    expect(r4.err).toContain('no .json files');
    for (const r of [r1, r2, r3, r4]) expectNoStack(r);
  });

  it("reports the server's refusal per file and exits 1", async () => {
    const src = folder('import-refused', {
      'bad_flow.json': json({ name: 'cli_bad_flow', version: 1, tasks: [{ type: 'SIMPLE' }] }),
      'ok.json': json({ name: 'cli_ok_task', ownerEmail: 'a@example.com' }),
    });
    const run = await baton(['import', src]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${join(src, 'bad_flow.json')}: workflow cli_bad_flow v1 refused`);
    expect(run.out).toContain('1 of 2 definitions registered');
    expectNoStack(run);
    expect((await client.metadata.getTaskDef('cli_ok_task')).name).toBe('cli_ok_task');
  });

  it('stops at a wrong key with the server message and exit 1', async () => {
    const src = folder('import-key', { 'k.json': json({ name: 'cli_key_task' }) });
    const run = await baton(['import', src, '--key', 'wrong-key']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/UNAUTHORIZED \(HTTP 401\)/);
    expectNoStack(run);
    await expect(client.metadata.getTaskDef('cli_key_task')).rejects.toMatchObject({ status: 404 });
  });
});

describe('baton export', () => {
  it('writes every workflow version and task definition, and the folder imports back', async () => {
    await client.metadata.registerTaskDefs([{ name: 'cli_exp_task', ownerEmail: 'a@example.com' }]);
    await client.metadata.updateWorkflowDefs([
      simpleDef('cli_exp', 'cli_exp_task', 1),
      { ...simpleDef('cli_exp', 'cli_exp_task', 2), description: 'second' },
    ]);
    const out = join(dir, 'export');
    const run = await baton(['export', out]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(join(out, 'workflows'))).toEqual(
      expect.arrayContaining(['cli_exp.v1.json', 'cli_exp.v2.json']),
    );
    const v2 = JSON.parse(readFileSync(join(out, 'workflows', 'cli_exp.v2.json'), 'utf8'));
    expect(v2).toMatchObject({ name: 'cli_exp', version: 2, description: 'second' });
    const task = JSON.parse(readFileSync(join(out, 'tasks', 'cli_exp_task.json'), 'utf8'));
    expect(task).toMatchObject({ name: 'cli_exp_task' });
    const all = await client.metadata.listWorkflowDefs();
    expect(readdirSync(join(out, 'workflows'))).toHaveLength(all.length);

    // The exported folder is a valid import (a whole server's definitions, round trip).
    await client.metadata.deleteWorkflowDef('cli_exp', 2);
    const back = await baton(['import', out]);
    expect(back.err).toBe('');
    expect(back.code).toBe(0);
    expect((await client.metadata.getWorkflowDef('cli_exp', 2)).description).toBe('second');
  });

  it('fails with exit 1 and a clear message on a wrong key or an unreachable server', async () => {
    const wrong = await baton(['export', join(dir, 'export-denied')], { BATON_API_KEY: 'nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/UNAUTHORIZED/);
    const down = await baton(['export', join(dir, 'export-down'), '--url', 'http://127.0.0.1:1']);
    expect(down.code).toBe(1);
    expect(down.err).toContain('cannot reach the server at http://127.0.0.1:1');
    for (const r of [wrong, down]) expectNoStack(r);
  });
});

describe('baton start, status, logs and tail', () => {
  beforeAll(async () => {
    // One workflow per test that polls, so each polls its own execution's task.
    await client.metadata.registerTaskDefs(
      ['cli_run_task', 'cli_logs_task', 'cli_tail_task'].map((name) => ({
        name,
        ownerEmail: 'a@example.com',
      })),
    );
    await client.metadata.updateWorkflowDefs([
      simpleDef('cli_run', 'cli_run_task', 1),
      simpleDef('cli_run', 'cli_run_task', 2),
      simpleDef('cli_logs', 'cli_logs_task'),
      simpleDef('cli_tail', 'cli_tail_task'),
    ]);
  });

  it('starts with --input (inline or @file), --version and --correlation-id', async () => {
    const inline = await baton(['start', 'cli_run', '--input', '{"x": 7}', '--version', '1']);
    expect(inline.err).toBe('');
    expect(inline.code).toBe(0);
    const wf = await client.workflows.get(inline.out.trim());
    expect(wf).toMatchObject({ workflowVersion: 1, input: { x: 7 }, status: 'RUNNING' });

    const file = join(dir, 'input.json');
    writeFileSync(file, '{"x": "from file"}');
    const fromFile = await baton([
      'start',
      'cli_run',
      '--input',
      `@${file}`,
      '--correlation-id',
      'c-1',
    ]);
    expect(fromFile.code).toBe(0);
    const wf2 = await client.workflows.get(fromFile.out.trim());
    expect(wf2).toMatchObject({
      workflowVersion: 2,
      input: { x: 'from file' },
      correlationId: 'c-1',
    });
  });

  it('refuses bad --input and --version (exit 2) and an unknown workflow (exit 1)', async () => {
    const notJson = await baton(['start', 'cli_run', '--input', '{x:']);
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('--input: invalid JSON');
    const array = await baton(['start', 'cli_run', '--input', '[1]']);
    expect(array.code).toBe(2);
    expect(array.err).toContain('--input: must be a JSON object');
    const noFile = await baton(['start', 'cli_run', '--input', '@/no/such/file.json']);
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain("--input: cannot read file '/no/such/file.json'");
    const version = await baton(['start', 'cli_run', '--version', '1.5']);
    expect(version.code).toBe(2);
    expect(version.err).toContain("--version: '1.5' is not a positive integer");
    const unknown = await baton(['start', 'cli_no_such_flow']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/HTTP 404/);
    for (const r of [notJson, array, noFile, version, unknown]) expectNoStack(r);
  });

  it('prints status as text and JSON; an unknown id or a wrong key exits 1', async () => {
    const id = await client.workflows.startByName('cli_run', { x: 1 });
    const text = await baton(['status', id]);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`${id}  cli_run v2  RUNNING`);
    expect(text.out).toMatch(/cli_run_task_ref {2}cli_run_task {2}SCHEDULED/);
    const asJson = await baton(['status', id, '--json']);
    expect(JSON.parse(asJson.out)).toMatchObject({ workflowId: id, status: 'RUNNING' });
    const unknown = await baton(['status', 'no-such-execution']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/WORKFLOW_NOT_FOUND \(HTTP 404\)/);
    const wrong = await baton(['status', id, '--key', 'wrong']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/UNAUTHORIZED/);
    for (const r of [unknown, wrong]) expectNoStack(r);
  });

  it("prints a task's logs, or every task's of an execution; an unknown task exits 1", async () => {
    const id = await client.workflows.startByName('cli_logs', {});
    const task = (await client.tasks.poll('cli_logs_task', { workerId: 'cli-test' }))!;
    expect(task.workflowInstanceId).toBe(id);
    await client.tasks.addLog(task.taskId, 'first line');
    await client.tasks.addLog(task.taskId, 'second line');
    const one = await baton(['logs', task.taskId]);
    expect(one.code).toBe(0);
    expect(one.out.split('\n')).toHaveLength(2);
    expect(one.out).toMatch(/cli_logs_task_ref {2}first line\n.*second line/);
    const all = await baton(['logs', id, '--execution', '--json']);
    expect(all.code).toBe(0);
    expect(all.out.split('\n').map((l) => JSON.parse(l).log)).toEqual([
      'first line',
      'second line',
    ]);
    const unknown = await baton(['logs', 'no-such-task']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/HTTP 404/);
    expectNoStack(unknown);
  });

  it('tails the events of an execution until it completes (exit 0)', async () => {
    const id = await client.workflows.startByName('cli_tail', {});
    const tail = baton(['tail', id]);
    // Complete the task once the tail is following (the task events must reach it).
    await new Promise((r) => setTimeout(r, 500));
    const task = (await client.tasks.poll('cli_tail_task', { workerId: 'cli-test' }))!;
    expect(task.workflowInstanceId).toBe(id);
    await client.tasks.update({
      workflowInstanceId: id,
      taskId: task.taskId,
      status: 'COMPLETED',
      outputData: { result: 1 },
    });
    const run = await tail;
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/task cli_tail_task_ref \(cli_tail_task\) {2}IN_PROGRESS/);
    expect(run.out).toMatch(/task cli_tail_task_ref \(cli_tail_task\) {2}COMPLETED/);
    expect(run.out).toMatch(/workflow cli_tail {2}COMPLETED/);
  });

  it('exits 1 when the execution ends otherwise, is unknown, or the key is wrong', async () => {
    const id = await client.workflows.startByName('cli_run', {});
    const tail = baton(['tail', id, '--json']);
    await new Promise((r) => setTimeout(r, 500));
    await client.workflows.terminate(id, 'stopped by the test');
    const run = await tail;
    expect(run.code).toBe(1);
    const last = JSON.parse(run.out.split('\n').at(-1)!);
    expect(last).toMatchObject({ type: 'workflow', workflowId: id, status: 'TERMINATED' });

    const ended = await baton(['tail', id]);
    expect(ended.code).toBe(1);
    expect(ended.out).toBe(`${id} already ended: TERMINATED`);
    const unknown = await baton(['tail', 'no-such-execution']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/WORKFLOW_NOT_FOUND/);
    const wrong = await baton(['tail', id, '--key', 'wrong']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/UNAUTHORIZED/);
    for (const r of [unknown, wrong]) expectNoStack(r);
  });
});

describe('baton usage errors (exit 2, nothing sent)', () => {
  it.each([
    [[], 'missing command'],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['status'], "'status' takes <workflowId>"],
    [['status', 'a', 'b'], "'status' takes <workflowId>"],
    [['status', 'x', '--input', '{}'], "option '--input' does not apply to 'status'"],
    [['status', 'x', '--bogus'], "Unknown option '--bogus'"],
    [['status', 'x', '--url', 'ftp://host'], "--url: 'ftp://host' is not an http(s) URL"],
  ])('baton %j', async (args, message) => {
    const run = await baton(args);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
    expect(run.err).toContain("Run 'baton --help'");
    expectNoStack(run);
  });

  it('prints the help with --help (exit 0)', async () => {
    const run = await baton(['--help']);
    expect(run.code).toBe(0);
    for (const c of ['import', 'export', 'start', 'status', 'logs', 'tail', '--url', '--key']) {
      expect(run.out).toContain(c);
    }
  });
});
