#!/usr/bin/env node
/**
 * Measures what a newcomer waits for: the first `npm start` (no build yet, new data folder), the
 * second one (build and data reused), and the embedded server's resident memory once idle.
 * Not a test: it prints figures. Run it on a quiet machine:
 *
 *   node scripts/measure-start.mjs [--idle-seconds 20] [--keep-build]
 *
 * `--keep-build` skips deleting apps/web/dist and apps/server/dist (the first start then measures a
 * start with the build present but a new data folder).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    'idle-seconds': { type: 'string', default: '20' },
    'keep-build': { type: 'boolean', default: false },
  },
});
const idleSeconds = Number(values['idle-seconds']);

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Resident memory of `pid` in MB (Linux /proc), or undefined. */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `npm start`; resolves once the server says it listens, with the time and its pid. */
async function start(label, dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), BATON_DATA_DIR: dataDir, LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const listening = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label}: no start within 10 min\n${out}`)),
      600_000,
    );
    const onData = (chunk) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        if (!line.includes('Baton listening on')) continue;
        clearTimeout(timer);
        let pid;
        try {
          pid = JSON.parse(line).pid;
        } catch {
          pid = undefined;
        }
        resolve({ seconds: (performance.now() - started) / 1000, pid });
        return;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`${label}: npm start exited (${code})\n${out}`)));
  });
  const built = /\[build\] [^\n]*building/.test(out);
  return {
    ...listening,
    built,
    port,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', resolve);
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}

const fmt = (n, digits = 1) => (n === undefined ? 'n/a' : n.toFixed(digits));
const dataDir = mkdtempSync(join(tmpdir(), 'baton-measure-'));
try {
  if (!values['keep-build']) {
    for (const dir of ['apps/web/dist', 'apps/server/dist']) {
      rmSync(join(root, dir), { recursive: true, force: true });
    }
  }
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const first = await start('first start', dataDir);
  await first.stop();
  const second = await start('second start', dataDir);
  const samples = [];
  for (let s = 0; s < idleSeconds; s += 5) {
    await new Promise((r) => setTimeout(r, 5_000));
    samples.push(rssMb(second.pid));
  }
  await second.stop();
  console.log(`load average before: ${load}`);
  console.log(
    `first npm start:  ${fmt(first.seconds)} s to listening (${first.built ? 'built' : 'no build'}, new data folder)`,
  );
  console.log(
    `second npm start: ${fmt(second.seconds)} s to listening (${second.built ? 'built' : 'no build'})`,
  );
  console.log(
    `idle server RSS:  ${samples.map((s) => fmt(s, 0)).join(' → ')} MB (every 5 s after listening; pid ${second.pid})`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
