import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { TARGETS, staleReason } from './build-if-stale.mjs';

interface Target {
  output: string;
  sources: string[];
}

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-stale-'));
  mkdirSync(join(dir, 'src/deep'), { recursive: true });
  mkdirSync(join(dir, 'dist'), { recursive: true });
  mkdirSync(join(dir, 'src/node_modules'), { recursive: true });
  return dir;
}

function at(path: string, seconds: number): void {
  utimesSync(path, seconds, seconds);
}

const target: Target = { output: 'dist/out.js', sources: ['src', 'package.json'] };

describe('build-if-stale', () => {
  it('builds when the output is missing', () => {
    const dir = tree();
    writeFileSync(join(dir, 'src/a.ts'), '');
    expect(staleReason(target, dir)).toMatch(/dist\/out.js is missing/);
  });

  it('skips the build when the output is newer than every source, and names a newer source', () => {
    const dir = tree();
    const a = join(dir, 'src/deep/a.ts');
    const out = join(dir, 'dist/out.js');
    writeFileSync(a, '');
    writeFileSync(out, '');
    at(a, 1_000);
    at(out, 2_000);
    expect(staleReason(target, dir)).toBeUndefined();
    at(a, 3_000);
    expect(staleReason(target, dir)).toBe('src/deep/a.ts changed since the last build');
  });

  it('ignores test files and node_modules', () => {
    const dir = tree();
    const out = join(dir, 'dist/out.js');
    writeFileSync(out, '');
    at(out, 2_000);
    for (const f of ['src/a.test.ts', 'src/node_modules/x.js']) {
      writeFileSync(join(dir, f), '');
      at(join(dir, f), 3_000);
    }
    expect(staleReason(target, dir)).toBeUndefined();
  });

  it('builds the web app and the server from their own sources', () => {
    const names = (TARGETS as Target[]).map((t) => t.output);
    expect(names).toEqual(['apps/web/dist/index.html', 'apps/server/dist/main.js']);
    for (const t of TARGETS as Target[]) expect(t.sources).toContain('package-lock.json');
    expect((TARGETS as Target[])[0]!.sources).toContain('examples');
  });
});
