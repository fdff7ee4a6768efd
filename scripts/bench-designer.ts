/**
 * Designer speed check: opens a generated 500-task workflow (nested forks, switches and loops) in
 * Chromium and reports how long it takes to lay out, render and answer a click, and how long one
 * task edit takes to show. Needs the built web app (`npm run build -w @baton/web`).
 *
 * Usage: npx tsx scripts/bench-designer.ts [--tasks 500] [--assert]
 *   --assert exits 1 when opening takes 1 s or more.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import type { WorkflowDef, WorkflowTask } from '@baton/engine';

const DIST = join(import.meta.dirname, '../apps/web/dist');
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

function serveDist(): Promise<{ server: Server; url: string }> {
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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const target = Number(args[args.indexOf('--tasks') + 1] ?? 500) || 500;
  const def = generateDef(target);
  const { server, url } = await serveDist();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.addInitScript(
      (text) => sessionStorage.setItem('baton:draft:new', text),
      JSON.stringify({ def, baseVersion: null }),
    );
    // Load the app shell and its chunks once, so the timing below measures the designer, not the network.
    await page.goto(`${url}/workflows`);
    await page.waitForLoadState('networkidle');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(list.map((m) => [m.name, m.value]));
    };
    const before = await metrics();
    const start = Date.now();
    await page.evaluate(() => {
      history.pushState({}, '', '/workflows/new');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    const first = page.getByTestId('task-t0');
    await first.waitFor();
    const rendered = Date.now() - start;
    await first.click({ position: { x: 30, y: 20 } });
    await page.getByLabel('Properties of t0').waitFor();
    const interactive = Date.now() - start;
    const after = await metrics();
    // Main-thread busy time (s → ms): less sensitive than wall time to other processes on the machine.
    const busy = (key: string) => Math.round(((after[key] ?? 0) - (before[key] ?? 0)) * 1000);
    const nodes = await page.locator('.react-flow__node').count();

    const editStart = Date.now();
    const name = page.getByTestId('task-name');
    await name.fill('renamed_t0');
    await name.press('Enter');
    await page.getByTestId('task-t0').getByText('renamed_t0').waitFor();
    const edit = Date.now() - editStart;

    const result = {
      tasks: target,
      renderedNodes: nodes,
      openToFirstNodeMs: rendered,
      openToInteractiveMs: interactive,
      mainThreadTaskMs: busy('TaskDuration'),
      scriptMs: busy('ScriptDuration'),
      layoutMs: busy('LayoutDuration'),
      editMs: edit,
    };
    console.log(JSON.stringify(result, null, 2));
    if (args.includes('--assert') && interactive >= 1000) {
      console.error(`too slow: ${interactive} ms to become interactive (budget 1000 ms)`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) void main();
