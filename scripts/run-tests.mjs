#!/usr/bin/env node
// The one test command (`npm test`, called by .ci/run): runs every gate in order, stops at the
// first failing gate, and ends with one line `N passed, M failed` summing every suite it ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'baton-tests-'));
let passed = 0;
let failed = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  return true;
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  return true;
}

function finish(ok) {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(ok && failed === 0 ? 0 : 1);
}

/** Runs Vitest projects with a JSON report, and counts their tests. */
function vitestGate(label, projects) {
  const file = join(out, `${label}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p])];
  const ok = run(label, 'npx', [
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  if (!countVitest(file)) failed += 1;
  return ok;
}

const gates = [
  () => run('format', 'npx', ['prettier', '--check', '.']),
  () => run('lint', 'npx', ['eslint', '.', '--max-warnings=0']),
  () => run('typecheck', 'npx', ['tsc', '-b']),
  () => vitestGate('unit', ['unit', 'web']),
  () => vitestGate('integration', ['int']),
  () => vitestGate('load', ['load']),
  () => run('build', 'npm', ['run', 'build']),
  () => {
    // Keeps the benchmark from rotting: a few hundred workflows end to end, no timing assertions.
    const ok = run('bench smoke', 'npm', ['run', 'bench:smoke']);
    if (ok) passed += 1;
    else failed += 1;
    return ok;
  },
  () => {
    if (!existsSync('e2e') || !existsSync('playwright.config.ts')) return true;
    const file = join(out, 'e2e.json');
    const ok = run('e2e', 'npx', ['playwright', 'test', '--reporter=line,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    });
    if (!countPlaywright(file)) failed += 1;
    return ok;
  },
];

for (const gate of gates) {
  if (!gate()) finish(false);
}
finish(true);
