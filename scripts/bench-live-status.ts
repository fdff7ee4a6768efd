/**
 * Measures the live execution view in Chromium on a linear execution of `--tasks` SIMPLE tasks:
 *
 * - opening: from navigation until the first task node shows and the main thread has settled (no
 *   long task for a second), with the main thread's busy time (CDP `TaskDuration`) meanwhile;
 * - live status: a `@baton/client/worker` TaskRunner completes the tasks one after another at a
 *   steady rate; the latency of each is from the worker's hand-over to the server until the
 *   node's colour (its `data-status`) changes on the page (p50/p95/max);
 * - responsiveness while updating: main-thread busy time per second (CDP `TaskDuration`), the
 *   longest main-thread task (PerformanceObserver 'longtask') and the longest gap between frames.
 *
 * Prints the figures and exits 1 when a target is missed (p95, a missing completion, opening, or a
 * long task during the updates).
 *
 * Usage (against a running server that serves the built web app):
 *   npx tsx --conditions=@baton/source scripts/bench-live-status.ts [--url http://127.0.0.1:8080]
 *     [--tasks 1000] [--work-ms 150] [--target 500] [--open-target 2000] [--longtask-target 100]
 * @module
 */
import { parseArgs } from 'node:util';
import { chromium, type CDPSession } from '@playwright/test';
import { BatonClient, type WorkflowDef } from '@baton/client';
import { TaskRunner } from '@baton/client/worker';
import { chromiumPath } from './chromium-path.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.BATON_URL ?? 'http://127.0.0.1:8080' },
    tasks: { type: 'string', default: '1000' },
    'work-ms': { type: 'string', default: '150' },
    target: { type: 'string', default: '500' },
    'open-target': { type: 'string', default: '2000' },
    'longtask-target': { type: 'string', default: '100' },
    chromium: { type: 'string', default: chromiumPath() },
  },
});
const baseUrl = values.url!;
const taskCount = Number(values.tasks);
const workMs = Number(values['work-ms']);
const targetMs = Number(values.target);
const openTargetMs = Number(values['open-target']);
const longTaskTargetMs = Number(values['longtask-target']);
const TASK_TYPE = 'bench_live_status_task';
const WORKFLOW = `bench_live_status_${taskCount}`;
/** The main thread counts as settled after this long without a long task. */
const QUIET_MS = 1_000;

/** The q-th quantile (0..1) of sorted samples, nearest rank. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** Seconds of main-thread work (CDP Performance metric `TaskDuration`) so far. */
async function taskDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

/** What the page records (see PAGE_PROBE). */
interface PageStats {
  /** performance.now() when the first task node was on the page. */
  firstNodeAt: number | null;
  longTasks: Array<{ start: number; duration: number }>;
  /** Longest gap between two animation frames since `resetFrames`. */
  maxFrameGap: number;
  frames: number;
}

// A string, not a function: tsx's name-keeping helpers would not exist inside the page.
const PAGE_PROBE = `
  window.__bench = { firstNodeAt: null, longTasks: [], maxFrameGap: 0, frames: 0, lastFrame: 0 };
  const b = window.__bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const frame = (t) => {
    if (b.lastFrame) b.maxFrameGap = Math.max(b.maxFrameGap, t - b.lastFrame);
    b.lastFrame = t;
    b.frames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.__benchResetFrames = () => { b.maxFrameGap = 0; b.frames = 0; b.lastFrame = 0; b.longTasks = []; };
  const check = (el, now, mounted) => {
    const id = el.dataset && el.dataset.testid;
    const status = el.dataset && el.dataset.status;
    if (!id || !id.startsWith('exec-node-') || !status) return;
    if (b.firstNodeAt === null) b.firstNodeAt = performance.now();
    window.__benchReport(id.slice(10), status, now, mounted);
  };
  // A node's status changes in place; a node also mounts when it scrolls into the rendered window.
  new MutationObserver((records) => {
    const now = Date.now();
    for (const r of records) {
      if (r.type === 'attributes') check(r.target, now, false);
      for (const added of r.addedNodes)
        if (added instanceof Element)
          for (const el of [added, ...added.querySelectorAll('[data-status]')]) check(el, now, true);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
`;

async function main(): Promise<void> {
  const client = new BatonClient({ baseUrl });
  await client.metadata.registerTaskDefs([
    {
      name: TASK_TYPE,
      retryCount: 0,
      timeoutSeconds: 120,
      responseTimeoutSeconds: 60,
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
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  /** First time each node showed COMPLETED, and whether it changed in place or mounted so. */
  const seen = new Map<string, { at: number; mounted: boolean }>();
  await page.exposeFunction(
    '__benchReport',
    (ref: string, status: string, at: number, mounted: boolean) => {
      if (status === 'COMPLETED' && !seen.has(ref)) seen.set(ref, { at, mounted });
    },
  );
  await page.addInitScript(PAGE_PROBE);
  const stats = () => page.evaluate('window.__bench') as Promise<PageStats>;

  // Start first and open the page before any worker runs, so every completion happens on screen.
  const workflowId = await client.workflows.startByName(WORKFLOW, {});
  const busyBeforeOpen = await taskDuration(cdp);
  await page.goto(`${baseUrl}/executions/${workflowId}`);
  await page.locator('[data-testid^="exec-node-"]').first().waitFor();
  // Settled: a second without a long task since the first node showed (given up after 30 s).
  let open = await stats();
  for (const giveUp = Date.now() + 30_000; Date.now() < giveUp;) {
    const now = (await page.evaluate('performance.now()')) as number;
    const lastEnd = Math.max(
      open.firstNodeAt ?? 0,
      ...open.longTasks.map((t) => t.start + t.duration),
    );
    if (now - lastEnd >= QUIET_MS) break;
    await new Promise((r) => setTimeout(r, 200));
    open = await stats();
  }
  const openBusyMs = ((await taskDuration(cdp)) - busyBeforeOpen) * 1000;
  const firstNodeMs = open.firstNodeAt ?? NaN;
  const interactiveMs = Math.max(firstNodeMs, ...open.longTasks.map((t) => t.start + t.duration));
  const openLongest = Math.max(0, ...open.longTasks.map((t) => t.duration));
  const domNodes = (await page.evaluate('document.getElementsByTagName("*").length')) as number;

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
          await new Promise((r) => setTimeout(r, workMs));
          handedOver.set(task.referenceTaskName, Date.now());
          return { outputData: { ok: true } };
        },
      },
    ],
  });
  // The open page's own cost with nothing happening (clock ticks, the frame probe itself).
  const IDLE_MS = 5_000;
  const busyBeforeIdle = await taskDuration(cdp);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idleBusyMs = ((await taskDuration(cdp)) - busyBeforeIdle) * 1000;
  await page.evaluate('window.__benchResetFrames()');
  const busyBefore = await taskDuration(cdp);
  const startedAt = Date.now();
  runner.start();
  // Until every completion showed, or 5 s after the worker handed over the last one.
  const deadline = startedAt + taskCount * (workMs + 1_000) + 10_000;
  let lastHandOver = Infinity;
  while (seen.size < taskCount && Date.now() < deadline && Date.now() - lastHandOver < 5_000) {
    await new Promise((r) => setTimeout(r, 100));
    if (handedOver.size === taskCount) lastHandOver = Math.min(lastHandOver, Date.now());
  }
  const updateWallMs = Date.now() - startedAt;
  const updateBusyMs = ((await taskDuration(cdp)) - busyBefore) * 1000;
  const during = await stats();
  await runner.stop();
  if (seen.size < taskCount) {
    const statuses = await page
      .locator('[data-testid^="exec-node-"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status));
    console.log(`  worker handed over ${handedOver.size}; page shows: ${statuses.join(',')}`);
  }
  await browser.close();

  const samples = [...handedOver]
    .flatMap(([ref, t0]) => {
      const s = seen.get(ref);
      return s && !s.mounted ? [s.at - t0] : [];
    })
    .sort((a, b) => a - b);
  const mountedCompleted = [...seen.values()].filter((s) => s.mounted).length;
  const missing = taskCount - seen.size;
  const p50 = quantile(samples, 0.5);
  const p95 = quantile(samples, 0.95);
  const longest = Math.max(0, ...during.longTasks.map((t) => t.duration));
  const over = (ms: number) => during.longTasks.filter((t) => t.duration > ms).length;
  const f = (n: number) => n.toFixed(0);

  console.log(`execution ${workflowId}: ${taskCount} tasks in a row, ${workMs} ms of work each`);
  console.log(
    `  open: first node ${f(firstNodeMs)} ms, settled ${f(interactiveMs)} ms after navigation ` +
      `(target ${openTargetMs}); main thread busy ${f(openBusyMs)} ms; longest task ${f(openLongest)} ms; ${domNodes} DOM elements`,
  );
  console.log(
    `  live status over ${samples.length} completions (${(seen.size / (updateWallMs / 1000)).toFixed(1)}/s): ` +
      `p50 ${f(p50)} ms   p95 ${f(p95)} ms   max ${f(samples.at(-1) ?? NaN)} ms   target p95 <= ${targetMs} ms`,
  );
  console.log(
    `  while updating (${(updateWallMs / 1000).toFixed(1)} s): main thread busy ${f(updateBusyMs)} ms ` +
      `(${((updateBusyMs / updateWallMs) * 100).toFixed(1)}%; idle page ${((idleBusyMs / IDLE_MS) * 100).toFixed(1)}%); ` +
      `longest task ${f(longest)} ms ` +
      `(${over(50)} over 50 ms, ${over(longTaskTargetMs)} over ${longTaskTargetMs} ms); ` +
      `longest frame gap ${f(during.maxFrameGap)} ms over ${during.frames} frames`,
  );
  if (mountedCompleted > 0)
    console.log(`  ${mountedCompleted} node(s) were off screen when they completed (not sampled)`);
  if (missing > 0)
    console.log(
      `  ${missing} completion(s) never showed on the page: ${[...handedOver.keys()]
        .filter((ref) => !seen.has(ref))
        .slice(0, 20)
        .join(', ')}`,
    );
  const ok =
    p95 <= targetMs &&
    missing === 0 &&
    interactiveMs <= openTargetMs &&
    over(longTaskTargetMs) === 0;
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
