/**
 * @baton/client as published: `npm pack` (which builds dist/ through `prepack`), an offline
 * install of the tarball into a temp folder outside the repository, then plain `node` importing
 * every entry and talking to a real server, `tsc` checking the bundled `.d.ts` in strict mode, and
 * the `baton` bin run as a process.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../apps/server/test/helpers.js';
import type { TestApp } from '../../../apps/server/test/helpers.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const repoRoot = resolve(packageDir, '../..');
const KEY = 'pack-admin-key';

let t: TestApp;
let url: string;
let dir: string;

beforeAll(async () => {
  t = await createTestApp({ apiKeys: [{ key: KEY, role: 'admin' }] });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
  // Outside the repository, so nothing resolves from its node_modules.
  dir = mkdtempSync(join(tmpdir(), 'baton-client-pack-'));
  await run('npm', ['pack', '--pack-destination', dir], { cwd: packageDir });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${tarball}`],
    { cwd: dir },
  );
  // undici is an optional peer dependency (only `@baton/client/node` needs it): a user installs
  // it; here it is copied from the repository, as the test runs without a registry.
  cpSync(join(repoRoot, 'node_modules/undici'), join(dir, 'node_modules/undici'), {
    recursive: true,
  });
}, 300_000);
afterAll(async () => {
  await t?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the packed @baton/client', () => {
  it('ships only the built files, and no workspace dependency', async () => {
    const installed = join(dir, 'node_modules/@baton/client');
    const files = readdirSync(installed, { recursive: true }).map(String);
    expect(files).toEqual(
      expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/cli.js']),
    );
    expect(files.filter((f) => f.startsWith('src'))).toEqual([]);
    const { stdout } = await run('npm', ['ls', '--all', '--parseable'], { cwd: dir });
    expect(stdout).not.toMatch(/@baton\/(engine|contract)/);
  });

  it('runs a workflow from a plain node script through every entry', async () => {
    const script = `
      import { BatonClient, isBatonApiError } from '@baton/client';
      import { createNodeTransport } from '@baton/client/node';
      import { TaskRunner } from '@baton/client/worker';
      const transport = createNodeTransport();
      const client = new BatonClient({ baseUrl: process.env.URL, apiKey: process.env.KEY, transport });
      await client.metadata.registerTaskDefs([{ name: 'pack_task', ownerEmail: 'a@example.com' }]);
      await client.metadata.registerWorkflowDef({
        name: 'pack_flow', version: 1, schemaVersion: 2, ownerEmail: 'a@example.com',
        tasks: [{ name: 'pack_task', taskReferenceName: 'pack_ref', type: 'SIMPLE',
                  inputParameters: { n: '\${workflow.input.n}' } }],
        outputParameters: { doubled: '\${pack_ref.output.doubled}' },
      }, { overwrite: true });
      const id = await client.workflows.startByName('pack_flow', { n: 21 });
      const runner = new TaskRunner({ client, workerId: 'pack-worker', workers: [
        { taskDefName: 'pack_task', execute: async (task) => ({ status: 'COMPLETED',
          outputData: { doubled: task.inputData.n * 2 } }) },
      ] });
      runner.start();
      let wf;
      for (let i = 0; i < 100; i++) {
        wf = await client.workflows.get(id);
        if (wf.status !== 'RUNNING') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await runner.stop();
      let refused = 'none';
      try { await new BatonClient({ baseUrl: process.env.URL, apiKey: 'wrong' }).metadata.listTaskDefs(); }
      catch (e) { refused = isBatonApiError(e) ? e.code : 'not an api error'; }
      await transport.close();
      console.log(JSON.stringify({ id, status: wf.status, output: wf.output, refused }));
    `;
    writeFileSync(join(dir, 'use.mjs'), script);
    const { stdout } = await run('node', ['use.mjs'], {
      cwd: dir,
      env: { ...process.env, URL: url, KEY },
    });
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ status: 'COMPLETED', output: { doubled: 42 } });
    expect(['UNAUTHORIZED', 'HTTP_401']).toContain(result.refused);
  });

  it('has declarations that type-check on their own (strict, no skipLibCheck)', async () => {
    writeFileSync(
      join(dir, 'check.ts'),
      `import { BatonClient, type WorkflowDef, type ExecutionEvent } from '@baton/client';
       import { TaskRunner, type WorkerDefinition } from '@baton/client/worker';
       import { createNodeTransport } from '@baton/client/node';
       const def: WorkflowDef = { name: 'x', tasks: [] };
       const client = new BatonClient({ baseUrl: '', transport: createNodeTransport() });
       const worker: WorkerDefinition = { taskDefName: 'x', execute: async () => ({ status: 'COMPLETED' }) };
       new TaskRunner({ client, workers: [worker] });
       const status: Promise<string> = client.workflows.startByName(def.name);
       const on = (e: ExecutionEvent) => e.workflowId;
       void status; void on;
       // @ts-expect-error a wrong option type must be an error: the types are real, not any.
       new BatonClient({ baseUrl: 42 });
      `,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2022', 'dom'],
          types: [],
        },
        files: ['check.ts'],
      }),
    );
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const check = await run('node', [tsc, '-p', '.'], { cwd: dir }).catch(
      (e: { stdout: string }) => ({ stdout: e.stdout }),
    );
    expect(check.stdout).toBe('');
  });

  it('installs the baton command, which answers with exit codes and no stack trace', async () => {
    const bin = join(dir, 'node_modules/.bin/baton');
    const env = { ...process.env, BATON_URL: url, BATON_API_KEY: KEY };
    const started = await run(bin, ['start', 'pack_flow', '--input', '{"n": 1}'], {
      cwd: dir,
      env,
    });
    const id = started.stdout.trim();
    const status = await run(bin, ['status', id, '--json'], { cwd: dir, env });
    expect(JSON.parse(status.stdout)).toMatchObject({ workflowId: id, input: { n: 1 } });

    const wrong = await run(bin, ['status', id, '--key', 'wrong'], { cwd: dir, env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(wrong).toMatchObject({ code: 1 });
    expect((wrong as { stderr: string }).stderr).toMatch(/^baton: UNAUTHORIZED \(HTTP 401\)/);
    expect((wrong as { stderr: string }).stderr).not.toMatch(/\n\s+at /);

    const usage = await run(bin, ['stats', id], { cwd: dir, env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(usage).toMatchObject({ code: 2 });
    expect((usage as { stderr: string }).stderr).toContain("unknown command 'stats'");
  });
});
