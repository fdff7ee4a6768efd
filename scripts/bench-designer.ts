/**
 * Designer speed check: opens a generated 500-task workflow (nested forks, switches and loops) in
 * Chromium and reports how long it takes to lay out, show and answer a click (opened from the
 * workflow list, and loaded cold in a new tab), how smooth a drag-pan of the canvas is, and what
 * one task edit costs (time, and how many nodes' DOM it touched). Needs
 * a built web app (`npm run build -w @baton/web`, or any Vite build passed with --dist).
 *
 * Times are taken inside the page (`performance.now()` just after the first frame showing the result
 * is painted), not by Playwright's locator polling: `locator.waitFor` re-checks with a back-off that
 * reaches 500 ms, which alone would add up to half a second to a 1 s budget.
 *
 * Usage: npx tsx scripts/bench-designer.ts [--tasks 500] [--dist apps/web/dist] [--trace out.json]
 *   [--profile out.cpuprofile] [--cold-trace out.json] [--cold-profile out.cpuprofile] [--assert]
 *   --dist          the built web app to serve (default apps/web/dist)
 *   --trace         writes a Chrome trace of the in-app opening (DevTools' Performance panel)
 *   --profile       writes a JavaScript CPU profile of the in-app opening (DevTools, speedscope)
 *   --cold-trace    the same as --trace for the cold load (a new tab on /workflows/new)
 *   --cold-profile  the same as --profile for the cold load
 *   --assert        exits 1 when becoming interactive (in-app or cold) takes 1 s or more, or one
 *                   edit touches the DOM of more than the edited node
 */
import { createServer, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { chromiumPath } from './chromium-path.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
};

/** Builds a definition of about `target` tasks mixing sequences, forks, switches and loops. */
export function generateDef(target: number): WorkflowDef {
  let n = 0;
  const task = (type = 'SIMPLE', extra: Partial<WorkflowTask> = {}): WorkflowTask => {
    const ref = `t${n++}`;
    return { name: ref, taskReferenceName: ref, type, ...extra };
  };
  const block = (depth: number): WorkflowTask[] => {
    const kind = n % 4;
    if (depth > 2 || kind === 0)
      return [
        task(),
        task('HTTP', { inputParameters: { http_request: { uri: 'https://x', method: 'GET' } } }),
      ];
    if (kind === 1) {
      const fork = task('FORK_JOIN', { forkTasks: [block(depth + 1), block(depth + 1), [task()]] });
      return [fork, task('JOIN', { joinOn: [] })];
    }
    if (kind === 2)
      return [
        task('SWITCH', {
          evaluatorType: 'value-param',
          expression: 'k',
          inputParameters: { k: '${workflow.input.k}' },
          decisionCases: { a: block(depth + 1), b: [task()] },
          defaultCase: block(depth + 1),
        }),
      ];
    return [task('DO_WHILE', { loopCondition: 'false', loopOver: block(depth + 1) })];
  };
  const tasks: WorkflowTask[] = [];
  while (n < target) tasks.push(...block(0));
  return { name: 'bench_500', version: 1, tasks };
}

function serveDist(DIST: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
      if (path.startsWith('/api/')) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"status":404,"message":"no api in bench"}');
        return;
      }
      const file = join(DIST, path);
      const body = await readFile(file).catch(() => readFile(join(DIST, 'index.html')));
      const type =
        TYPES[extname(file)] ?? (path.includes('.') ? 'application/octet-stream' : 'text/html');
      res.writeHead(200, { 'content-type': type }).end(body);
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
      });
    }),
  );
}

interface Options {
  tasks: number;
  dist: string;
  trace?: string;
  profile?: string;
  coldTrace?: string;
  coldProfile?: string;
  assert: boolean;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    tasks: Number(value('--tasks') ?? 500) || 500,
    dist: resolve(value('--dist') ?? join(import.meta.dirname, '../apps/web/dist')),
    trace: value('--trace'),
    profile: value('--profile'),
    coldTrace: value('--cold-trace'),
    coldProfile: value('--cold-profile'),
    assert: argv.includes('--assert'),
  };
}

/** One animation frame seen while panning. */
interface Frame {
  t: number;
  y: number;
  nodes: number;
}

/** What the init script below puts on `window`. */
interface Probe {
  /** Page-clock times recorded by `watch` and `recordKey`. */
  marks: Record<string, number>;
  /** Records under `name` when the first frame in which `selector` is visible (and has `text`) is painted. */
  watch(name: string, selector: string, text?: string): void;
  /** Records under `name` when `key` is pressed anywhere (before the app sees it). */
  recordKey(name: string, key: string): void;
  /** Starts recording each animation frame: its time, the canvas pan (y) and how many nodes are mounted. */
  startFrames(): void;
  stopFrames(): Frame[];
  /** Starts noting which canvas nodes' DOM changes; `stopNodeChanges` returns their ids. */
  startNodeChanges(): void;
  stopNodeChanges(): string[];
}

/** Installed before the app loads (a plain function: Playwright serialises it into the page). */
function installProbe(): void {
  const marks: Record<string, number> = {};
  const record = (name: string) => {
    marks[name] = performance.mark(name).startTime;
    // Tells the bench at once (a binding, see `waitMark`).
    (window as unknown as { __probeMarked?: (n: string, t: number) => void }).__probeMarked?.(
      name,
      marks[name],
    );
  };
  let frames: Frame[] | null = null;
  let changed = new Set<string>();
  let observer: MutationObserver | null = null;
  const probe: Probe = {
    marks,
    watch(name, selector, text) {
      const tick = () => {
        const el = document.querySelector(selector);
        const ok =
          el?.checkVisibility({ visibilityProperty: true }) &&
          (text === undefined || el.textContent?.includes(text));
        if (!ok) {
          requestAnimationFrame(tick);
          return;
        }
        // The frame that shows it is painted once this task ends (style, layout, resize
        // observers and the re-renders they cause included): a message posted now runs after it.
        const afterPaint = new MessageChannel();
        afterPaint.port1.onmessage = () => record(name);
        afterPaint.port2.postMessage(null);
      };
      requestAnimationFrame(tick);
    },
    recordKey(name, key) {
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== key) return;
        record(name);
        window.removeEventListener('keydown', onKey, true);
      };
      window.addEventListener('keydown', onKey, true);
    },
    startFrames() {
      const list: Frame[] = [];
      frames = list;
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
      const nodes = document.querySelector('.react-flow__nodes');
      const tick = (t: number) => {
        if (frames !== list) return;
        // React Flow pans by setting `transform: translate(x px, y px) scale(z)` inline.
        const y = Number(
          /translate\([^,]+,\s*(-?[\d.]+)px/.exec(viewport?.style.transform ?? '')?.[1],
        );
        list.push({ t, y, nodes: nodes?.childElementCount ?? 0 });
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    stopFrames() {
      const list = frames ?? [];
      frames = null;
      return list;
    },
    startNodeChanges() {
      changed = new Set();
      const root = document.querySelector('.react-flow__nodes');
      const note = (n: Node | null) => {
        const el = n instanceof Element ? n : n?.parentElement;
        const id = el?.closest('.react-flow__node')?.getAttribute('data-id');
        if (id) changed.add(id);
      };
      observer = new MutationObserver((records) => {
        for (const r of records) {
          note(r.target);
          r.addedNodes.forEach(note);
          r.removedNodes.forEach((n) => {
            if (n instanceof Element && n.getAttribute('data-id'))
              changed.add(n.getAttribute('data-id')!);
          });
        }
      });
      if (root)
        observer.observe(root, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
    },
    stopNodeChanges() {
      observer?.disconnect();
      return [...changed];
    },
  };
  (window as unknown as { __probe: Probe }).__probe = probe;
}

type PageProbe = { __probe: Probe };

/** Marks reported through the `__probeMarked` binding, per page. */
interface Waiter {
  promise: Promise<number>;
  resolve: (t: number) => void;
}
const reported = new WeakMap<Page, Map<string, Waiter>>();

function markWaiter(page: Page, name: string): Waiter {
  let byName = reported.get(page);
  if (!byName) reported.set(page, (byName = new Map()));
  let waiter = byName.get(name);
  if (!waiter) {
    let resolve!: (t: number) => void;
    const promise = new Promise<number>((r) => (resolve = r));
    byName.set(name, (waiter = { promise, resolve }));
  }
  return waiter;
}

/** Lets the page report its marks (see `waitMark`); call before the page loads. */
async function listenForMarks(page: Page): Promise<void> {
  await page.exposeBinding('__probeMarked', (_source, name: string, t: number) =>
    markWaiter(page, name).resolve(t),
  );
}

/**
 * Waits until the mark `name` is recorded and returns it. The page reports it through a binding:
 * `page.waitForFunction` would first compile Playwright's injected script in the page (tens of ms of
 * main-thread time on a loaded machine), in the middle of the opening being measured.
 */
async function waitMark(page: Page, name: string): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no mark ${name} within 30 s`)), 30_000);
  });
  try {
    return await Promise.race([markWaiter(page, name).promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Frame-time statistics of a list of animation-frame timestamps. */
export function frameStats(times: readonly number[], frameMs = 1000 / 60) {
  const deltas = times.slice(1).map((t, i) => t - times[i]!);
  const sorted = [...deltas].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const dropped = deltas.reduce((n, d) => n + Math.max(0, Math.round(d / frameMs) - 1), 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    frames: deltas.length,
    fps: deltas.length ? round((deltas.length * 1000) / (times.at(-1)! - times[0]!)) : 0,
    p50Ms: round(pct(0.5)),
    p95Ms: round(pct(0.95)),
    maxMs: round(sorted.at(-1) ?? 0),
    droppedFrames: dropped,
  };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const def = generateDef(opts.tasks);
  const { server, url } = await serveDist(opts.dist);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const newPage = async () => {
      const p = await browser.newPage({ viewport: { width: 1500, height: 950 } });
      // tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(...)`
      // calls; functions serialised into the page need that helper there too.
      await p.addInitScript({ content: 'window.__name = (fn) => fn;' });
      await listenForMarks(p);
      await p.addInitScript(installProbe);
      await p.addInitScript(
        (text) => sessionStorage.setItem('baton:draft:new', text),
        JSON.stringify({ def, baseVersion: null }),
      );
      return p;
    };

    /* Cold open: a fresh tab loading /workflows/new itself (the app and designer chunks over HTTP). */
    const coldPage = await newPage();
    await coldPage.addInitScript(() =>
      (window as unknown as PageProbe).__probe.watch('firstNode', '[data-testid="task-t0"]'),
    );
    const coldCdp = await coldPage.context().newCDPSession(coldPage);
    await coldCdp.send('Performance.enable');
    if (opts.coldTrace)
      await browser.startTracing(coldPage, { path: opts.coldTrace, screenshots: true });
    if (opts.coldProfile) {
      await coldCdp.send('Profiler.enable');
      await coldCdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await coldCdp.send('Profiler.start');
    }
    await coldPage.goto(`${url}/workflows/new`);
    const coldFirstNode = await waitMark(coldPage, 'firstNode'); // ms since navigation start
    // Interactive: a click on the first node, sent as soon as it shows, opens its properties.
    await coldPage.evaluate(() =>
      (window as unknown as PageProbe).__probe.watch(
        'inspector',
        '[aria-label="Properties of t0"]',
      ),
    );
    const coldBox = (await coldPage.evaluate(() =>
      document.querySelector('[data-testid="task-t0"]')!.getBoundingClientRect().toJSON(),
    )) as { x: number; y: number };
    await coldPage.mouse.click(coldBox.x + 30, coldBox.y + 20);
    const coldInteractive = await waitMark(coldPage, 'inspector');
    const coldMetrics = Object.fromEntries(
      (await coldCdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
    );
    if (opts.coldTrace) await browser.stopTracing();
    if (opts.coldProfile)
      await writeFile(
        opts.coldProfile,
        JSON.stringify((await coldCdp.send('Profiler.stop')).profile),
      );
    await coldPage.close();

    const page = await newPage();
    // Load the app shell and its chunks once (the designer chunk is prefetched), so the timing
    // below measures the designer, not the network.
    await page.goto(`${url}/workflows`);
    await page.waitForLoadState('networkidle');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(list.map((m) => [m.name, m.value]));
    };
    // Main-thread busy time (s → ms): less sensitive than wall time to other processes on the machine.
    const busy = (a: Record<string, number>, b: Record<string, number>, key: string) =>
      Math.round(((b[key] ?? 0) - (a[key] ?? 0)) * 1000);

    /* Open: navigate in-app, as a click on the workflow list would. */
    if (opts.trace) await browser.startTracing(page, { path: opts.trace, screenshots: true });
    if (opts.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const before = await metrics();
    const t0 = await page.evaluate(() => {
      const probe = (window as unknown as PageProbe).__probe;
      probe.watch('firstNode', '[data-testid="task-t0"]');
      const t = performance.mark('open').startTime;
      history.pushState({}, '', '/workflows/new');
      dispatchEvent(new PopStateEvent('popstate'));
      return t;
    });
    const firstNode = await waitMark(page, 'firstNode');
    await page.evaluate(() =>
      (window as unknown as PageProbe).__probe.watch(
        'inspector',
        '[aria-label="Properties of t0"]',
      ),
    );
    // A plain mouse click on the node, sent at once: a locator click would first wait for
    // scrolling, stable frames and a hit test, which a person does not.
    const box = (await page.evaluate(() =>
      document.querySelector('[data-testid="task-t0"]')!.getBoundingClientRect().toJSON(),
    )) as { x: number; y: number };
    await page.mouse.click(box.x + 30, box.y + 20);
    const interactive = await waitMark(page, 'inspector');
    const after = await metrics();
    if (opts.trace) await browser.stopTracing();
    if (opts.profile)
      await writeFile(opts.profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const nodes = await page.locator('.react-flow__node').count();

    /* Edit: rename the selected task, from the Enter key to the frame showing the new name. */
    const name = page.getByTestId('task-name');
    await name.fill('renamed_t0');
    await page.evaluate(() => {
      const probe = (window as unknown as PageProbe).__probe;
      probe.recordKey('editKey', 'Enter');
      probe.watch('edited', '[data-testid="task-t0"]', 'renamed_t0');
      probe.startNodeChanges();
    });
    const beforeEdit = await metrics();
    await name.press('Enter');
    const edited = (await waitMark(page, 'edited')) - (await waitMark(page, 'editKey'));
    await page.waitForTimeout(300); // let late effects (validation, draft save) land too
    const afterEdit = await metrics();
    const changedNodes = await page.evaluate(() =>
      (window as unknown as PageProbe).__probe.stopNodeChanges(),
    );

    /* Pan: drag the empty canvas for about a second, one mouse move per frame. */
    const pane = await page.evaluate(() => {
      const box = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      for (let y = box.bottom - 30; y > box.top + 30; y -= 10)
        for (let x = box.left + 30; x < box.right - 30; x += 10)
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane'))
            return { x, y, top: box.top };
      throw new Error('no empty spot on the canvas to drag');
    });
    const beforePan = await metrics();
    await page.evaluate(() => (window as unknown as PageProbe).__probe.startFrames());
    await page.mouse.move(pane.x, pane.y);
    await page.mouse.down();
    const panStart = Date.now();
    const travel = pane.y - pane.top - 40;
    while (Date.now() - panStart < 1000) {
      const f = (Date.now() - panStart) / 1000;
      // Up and back, twice: new parts of the flow scroll in, so nodes mount and unmount.
      const y = pane.y - travel * Math.abs(Math.sin(f * Math.PI * 2));
      await page.mouse.move(pane.x, y);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => (window as unknown as PageProbe).__probe.stopFrames());
    const afterPan = await metrics();

    const result = {
      tasks: opts.tasks,
      renderedNodes: nodes,
      openToFirstNodeMs: Math.round(firstNode - t0),
      openToInteractiveMs: Math.round(interactive - t0),
      coldLoadToFirstNodeMs: Math.round(coldFirstNode),
      coldLoadToInteractiveMs: Math.round(coldInteractive),
      coldMainThreadTaskMs: Math.round((coldMetrics.TaskDuration ?? 0) * 1000),
      coldScriptMs: Math.round((coldMetrics.ScriptDuration ?? 0) * 1000),
      mainThreadTaskMs: busy(before, after, 'TaskDuration'),
      scriptMs: busy(before, after, 'ScriptDuration'),
      layoutMs: busy(before, after, 'LayoutDuration'),
      styleMs: busy(before, after, 'RecalcStyleDuration'),
      editMs: Math.round(edited),
      editScriptMs: busy(beforeEdit, afterEdit, 'ScriptDuration'),
      editNodesChanged: changedNodes.length,
      editNodesChangedIds: changedNodes.slice(0, 10),
      pan: {
        ...frameStats(frames.map((f) => f.t)),
        mainThreadTaskMs: busy(beforePan, afterPan, 'TaskDuration'),
        maxPanPx: Math.round(Math.max(...frames.map((f) => Math.abs(f.y - frames[0]!.y)))),
        mountedNodesMin: Math.min(...frames.map((f) => f.nodes)),
        mountedNodesMax: Math.max(...frames.map((f) => f.nodes)),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    for (const key of ['openToInteractiveMs', 'coldLoadToInteractiveMs'] as const)
      if (opts.assert && result[key] >= 1000) {
        console.error(`too slow: ${key} ${result[key]} ms (budget 1000 ms)`);
        process.exitCode = 1;
      }
    if (opts.assert && result.editNodesChanged !== 1) {
      console.error(`one edit changed the DOM of ${result.editNodesChanged} nodes, not 1`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) void main();
