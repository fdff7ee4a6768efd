#!/usr/bin/env node
/**
 * `npm start`'s first step: builds the web app and the server bundle only when a source they are
 * built from is newer than the built output (or the output is missing), and says which it does.
 * `npm run build` always rebuilds; `node scripts/build-if-stale.mjs --force` does the same.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.tsbuild', 'coverage']);

/** Newest modification time (ms) of the files under `paths`, and the file that has it. */
export function newest(paths, base = root) {
  let best = { mtime: 0, file: '' };
  const visit = (path) => {
    let st;
    try {
      st = statSync(path);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (!SKIP.has(entry) && !entry.endsWith('.tsbuildinfo')) visit(join(path, entry));
      }
    } else if (st.mtimeMs > best.mtime && !/\.test\.tsx?$/.test(path)) {
      best = { mtime: st.mtimeMs, file: path };
    }
  };
  paths.forEach((p) => visit(join(base, p)));
  return best;
}

function mtimeOf(file, base) {
  try {
    return statSync(join(base, file)).mtimeMs;
  } catch {
    return undefined;
  }
}

const COMMON = [
  'package-lock.json',
  'tsconfig.base.json',
  'packages/engine/src',
  'packages/engine/package.json',
];

/** Each build: what it is built from, the file it writes last, and how to run it. */
export const TARGETS = [
  {
    name: 'web app',
    workspace: '@baton/web',
    output: 'apps/web/dist/index.html',
    sources: [
      ...COMMON,
      'apps/web/src',
      'apps/web/public',
      'apps/web/index.html',
      'apps/web/vite.config.ts',
      'apps/web/package.json',
      'packages/client/src',
      'packages/client/package.json',
      // The example cards bundle examples/*.json.
      'examples',
    ],
  },
  {
    name: 'server',
    workspace: '@baton/server',
    output: 'apps/server/dist/main.js',
    sources: [
      ...COMMON,
      'apps/server/src',
      'apps/server/tsup.config.ts',
      'apps/server/package.json',
      'packages/client/src',
      'packages/contract/src',
      'packages/runtime/src',
      'packages/stores/src',
    ],
  },
];

/** Why `target` needs a build, or undefined when its output is newer than every source. */
export function staleReason(target, base = root) {
  const built = mtimeOf(target.output, base);
  if (built === undefined) return `${target.output} is missing`;
  const src = newest(target.sources, base);
  if (src.mtime > built) return `${relative(base, src.file)} changed since the last build`;
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  for (const target of TARGETS) {
    const reason = force ? 'asked with --force' : staleReason(target);
    if (reason === undefined) {
      console.log(
        `[build] ${target.name}: up to date (${target.output}); \`npm run build\` rebuilds it anyway`,
      );
      continue;
    }
    console.log(`[build] ${target.name}: building (${reason})`);
    const started = Date.now();
    const result = spawnSync('npm', ['run', 'build', '-w', target.workspace], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (result.status !== 0) {
      console.error(`[build] ${target.name}: build failed`);
      process.exit(result.status ?? 1);
    }
    console.log(`[build] ${target.name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
