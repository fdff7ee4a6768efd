/**
 * Screenshots of the designer and the execution monitor for the docs, at 1280×720 and 1600×1000,
 * light and dark: `docs/screenshots/{designer,designer-tests,execution,execution-failed,debug-run,
 * compare-runs,compare-versions}-<size>-<theme>.png`.
 *
 *     npm run build && npx tsx scripts/screenshots.ts
 *     npx tsx scripts/screenshots.ts --only=compare-versions   # only the shots named
 *
 * Starts the BUILT server (apps/server/dist, serving apps/web/dist) on a free port with PGlite in
 * a fresh temp dir and the built-in sample workers on (`BATON_DEMO_WORKERS`), as the e2e suite
 * does; registers the frozen-burrito example, runs it once with the sample workers (COMPLETED) and
 * once failing its first task (FAILED), and a copy of it in two versions (for the version
 * comparison), then drives Chromium (scripts/chromium-path.ts).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { BatonClient, type TaskDef, type WorkflowDef } from '@baton/client';
import { chromiumPath } from './chromium-path.js';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'docs/screenshots');
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1600, height: 1000 },
];
const THEMES = ['light', 'dark'] as const;
/** `--only=a,b`: take only the shots with these names. */
const ONLY = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const example = <T>(file: string) =>
  JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as T;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function main() {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-screenshots-'));
  const server = spawn(process.execPath, [join(root, 'apps/server/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BATON_DATA_DIR: dataDir,
      BATON_WEB_DIR: join(root, 'apps/web/dist'),
      BATON_DEMO_WORKERS: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    await waitFor('the server', async () =>
      (await fetch(`${baseUrl}/api/health`)).ok ? true : undefined,
    );
    const api = new BatonClient({ baseUrl });

    // The example, a COMPLETED run by the sample workers and a FAILED run.
    const burrito = example<WorkflowDef>('frozen-burrito.json');
    await api.metadata.registerTaskDefs(example<TaskDef[]>('task-defs.json'));
    await api.metadata.updateWorkflowDefs([burrito]);
    const { domain } = await api.setSampleWorkers(true);
    const completedId = await api.workflows.start({
      name: burrito.name,
      input: {},
      taskToDomain: { '*': domain },
    });
    const failedId = await api.workflows.start({ name: burrito.name, input: {} });
    const first = await waitFor('the failed run’s first task', async () => {
      const task = await api.tasks.poll('unwrap_burrito', { workerId: 'screenshots' });
      return task && task.workflowInstanceId === failedId ? task : undefined;
    });
    await api.tasks.update({
      workflowInstanceId: failedId,
      taskId: first.taskId,
      status: 'FAILED_WITH_TERMINAL_ERROR',
      reasonForIncompletion: 'the burrito was still frozen solid',
    });
    for (const id of [completedId, failedId]) {
      await waitFor(`execution ${id} to finish`, async () => {
        const { status } = await api.workflows.get(id, { includeTasks: false });
        return status === 'RUNNING' ? undefined : status;
      });
    }

    // Test cases of the example (docs/workflow-tests.md): the microwave only, so coverage shows
    // the oven case unreached.
    await api.metadata.saveWorkflowTests(burrito.name, [
      {
        name: 'microwave',
        input: {},
        taskRefToMockOutput: Object.fromEntries(
          [
            'unwrap_burrito',
            'zap_first_side',
            'flip_microwave',
            'zap_second_side',
            'serve_burrito',
          ].map((ref) => [ref, [{ status: 'COMPLETED' as const, output: {} }]]),
        ),
        expect: { status: 'COMPLETED', tasksNotRan: ['bake'] },
      },
    ]);
    // Two versions of a copy of the example: a task removed, one changed, one added.
    const versionsName = `${burrito.name}_versions`;
    await api.metadata.registerWorkflowDef({ ...burrito, name: versionsName, version: 1 });
    const v2 = structuredClone(burrito) as WorkflowDef & { tasks: Record<string, unknown>[] };
    const oven = v2.tasks.find((t) => t.taskReferenceName === 'choose_oven') as {
      decisionCases: Record<string, Record<string, unknown>[]>;
    };
    oven.decisionCases.oven = [
      ...(oven.decisionCases.oven ?? []).filter((t) => t.taskReferenceName !== 'flip_oven'),
      {
        name: 'add_salsa',
        taskReferenceName: 'add_salsa',
        type: 'INLINE',
        inputParameters: { evaluatorType: 'javascript', expression: "'salsa'" },
      },
    ];
    const serve = v2.tasks.find((t) => t.taskReferenceName === 'serve_burrito')!;
    serve.inputParameters = { ...(serve.inputParameters as object), garnish: 'salsa' };
    await api.metadata.registerWorkflowDef({ ...v2, name: versionsName, version: 2 });

    mkdirSync(outDir, { recursive: true });
    const shots: [string, string, (page: Page) => Promise<void>][] = [
      [
        'designer',
        `/workflows/${burrito.name}`,
        async (page) => {
          await page.locator('.react-flow__node').first().waitFor();
          await page.locator('[data-testid="task-zap_first_side"]').click();
        },
      ],
      [
        'designer-tests',
        `/workflows/${burrito.name}`,
        async (page) => {
          await page.locator('.react-flow__node').first().waitFor();
          await page.getByRole('tab', { name: 'Test' }).click();
          await page.getByRole('button', { name: 'Run all tests' }).click();
          await page.getByTestId('coverage-gaps').waitFor();
          await page.getByRole('button', { name: 'microwave', exact: true }).click();
          await page.getByRole('button', { name: 'Run microwave' }).click();
          await page.locator('[data-testid="run-status-serve_burrito"]').waitFor();
          await sleep(2500); // the run plays task by task
        },
      ],
      [
        'execution',
        `/executions/${completedId}?task=serve_burrito`,
        async (page) => {
          await page.locator('[data-status="COMPLETED"]').first().waitFor();
        },
      ],
      [
        'execution-failed',
        `/executions/${failedId}?task=unwrap_burrito`,
        async (page) => {
          await page.locator('[data-status="FAILED"]').first().waitFor();
        },
      ],
      [
        'debug-run',
        `/executions/${failedId}/debug`,
        async (page) => {
          await page.locator('[data-mark="failure"]').first().waitFor();
        },
      ],
      [
        'compare-runs',
        `/compare/runs?a=${completedId}&b=${failedId}&task=unwrap_burrito`,
        async (page) => {
          await page.locator('[data-mark="diverged"]').first().waitFor();
          await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
        },
      ],
      [
        'compare-versions',
        `/compare/versions/${versionsName}?a=1&b=2&task=flip_oven`,
        async (page) => {
          // The merged canvas, the removed task (a ghost) selected with its v1 definition beside.
          await page.locator('[data-mark="added"]').first().waitFor();
          await page.locator('[data-mark="removed"]').first().waitFor();
          await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
        },
      ],
    ];
    for (const theme of THEMES) {
      for (const viewport of SIZES) {
        const context = await browser.newContext({ viewport, colorScheme: theme });
        const page = await context.newPage();
        for (const [name, url, ready] of shots.filter(([n]) => !ONLY || ONLY.includes(n))) {
          await page.goto(baseUrl + url);
          await ready(page);
          await sleep(600); // the fit-view animation and fonts
          const file = join(outDir, `${name}-${viewport.width}x${viewport.height}-${theme}.png`);
          await page.screenshot({ path: file });
          console.log(`wrote ${file}`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
