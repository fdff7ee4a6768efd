/**
 * Measures how fast a task's completion shows on an open execution view: from the moment a worker
 * (`@baton/client/worker`) hands its result to the server until the node's colour (its
 * `data-status`) changes in Chromium. Prints p50/p95/max and exits 1 when p95 exceeds the target.
 *
 * Usage (against a running server that serves the built web app):
 *   npx tsx --conditions=@baton/source scripts/bench-live-status.ts [--url http://127.0.0.1:8080] [--tasks 40] [--target 500]
 * @module
 */
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { BatonClient, type WorkflowDef } from '@baton/client';
import { TaskRunner } from '@baton/client/worker';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.BATON_URL ?? 'http://127.0.0.1:8080' },
    tasks: { type: 'string', default: '40' },
    target: { type: 'string', default: '500' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const baseUrl = values.url!;
const taskCount = Number(values.tasks);
const targetMs = Number(values.target);
const TASK_TYPE = 'bench_live_status_task';
const WORKFLOW = 'bench_live_status';

/** The q-th quantile (0..1) of sorted samples, nearest rank. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

async function main(): Promise<void> {
  const client = new BatonClient({ baseUrl });
  await client.metadata.registerTaskDefs([
    {
      name: TASK_TYPE,
      retryCount: 0,
      timeoutSeconds: 60,
      responseTimeoutSeconds: 30,
      ownerEmail: 'bench@example.com',
    },
  ]);
  const def: WorkflowDef = {
    name: WORKFLOW,
    version: 1,
    schemaVersion: 2,
    ownerEmail: 'bench@example.com',
    tasks: Array.from({ length: taskCount }, (_, i) => ({
      name: TASK_TYPE,
      taskReferenceName: `step_${i + 1}`,
      type: 'SIMPLE',
    })),
  };
  await client.metadata.updateWorkflowDefs([def]);

  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const seen = new Map<string, number>();
  await page.exposeFunction('__benchReport', (ref: string, status: string, at: number) => {
    if (status === 'COMPLETED' && !seen.has(ref)) seen.set(ref, at);
  });
  // A string, not a function: tsx's name-keeping helpers would not exist inside the page.
  await page.addInitScript(`
    const check = (el, now) => {
      const id = el.dataset && el.dataset.testid;
      const status = el.dataset && el.dataset.status;
      if (id && id.startsWith('exec-node-') && status) window.__benchReport(id.slice(10), status, now);
    };
    // Attribute changes and freshly mounted nodes both count (React may remount a node).
    new MutationObserver((records) => {
      const now = Date.now();
      for (const r of records) {
        if (r.type === 'attributes') check(r.target, now);
        for (const added of r.addedNodes)
          if (added instanceof Element) for (const el of [added, ...added.querySelectorAll('[data-status]')]) check(el, now);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  `);

  // Start first and open the page before any worker runs, so every completion happens on screen.
  const workflowId = await client.workflows.startByName(WORKFLOW, {});
  await page.goto(`${baseUrl}/executions/${workflowId}`);
  await page.getByTestId('exec-node-step_1').waitFor();
  // Measure the steady state of an open view, not the page's first paint.
  await page.waitForTimeout(2_000);

  const rawSse = new Map<string, number>();
  if (process.env.BENCH_DEBUG) {
    await page.exposeFunction('__benchSse', (ref: string, at: number) => rawSse.set(ref, at));
    await page.evaluate(
      `(() => { const es = new EventSource('/api/events?workflowId=${workflowId}'); es.onmessage = (m) => { const e = JSON.parse(m.data); if (e.type === 'task' && e.status === 'COMPLETED') window.__benchSse(e.referenceTaskName, Date.now()); }; })()`,
    );
  }
  const handedOver = new Map<string, number>();
  const runner = new TaskRunner({
    client,
    logger: { info() {}, warn() {}, error: (m) => console.error(m) },
    pollTimeoutMs: 200,
    workers: [
      {
        taskDefName: TASK_TYPE,
        pollInterval: 20,
        execute: async (task) => {
          await new Promise((r) => setTimeout(r, 150));
          handedOver.set(task.referenceTaskName, Date.now());
          return { outputData: { ok: true } };
        },
      },
    ],
  });
  runner.start();
  const deadline = Date.now() + taskCount * 2_000 + 10_000;
  while (seen.size < taskCount && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  await runner.stop();
  if (seen.size < taskCount) {
    const statuses = await page
      .locator('[data-testid^="exec-node-"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status));
    console.log(`  worker handed over ${handedOver.size}; page shows: ${statuses.join(',')}`);
  }
  await browser.close();

  if (process.env.BENCH_DEBUG)
    console.log(
      'raw EventSource in page:',
      [...handedOver].map(([r, t0]) => (rawSse.get(r) ?? NaN) - t0).join(','),
    );
  const samples = [...handedOver]
    .flatMap(([ref, t0]) => (seen.has(ref) ? [seen.get(ref)! - t0] : []))
    .sort((a, b) => a - b);
  const missing = taskCount - samples.length;
  const p50 = quantile(samples, 0.5);
  const p95 = quantile(samples, 0.95);
  console.log(
    `live status latency over ${samples.length} task completions (execution ${workflowId})`,
  );
  console.log(
    `  p50 ${p50.toFixed(0)} ms   p95 ${p95.toFixed(0)} ms   max ${(samples.at(-1) ?? NaN).toFixed(0)} ms   target p95 <= ${targetMs} ms`,
  );
  if (missing > 0) console.log(`  ${missing} completion(s) never showed on the page`);
  process.exitCode = p95 <= targetMs && missing === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
