import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver is npm's own range matcher (installed with the toolchain); typed here for the one call.
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
};

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

const root = new URL('..', import.meta.url);
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
};

/** The oldest Node the project supports (package.json "engines") and today's Node 20. */
const NODE_20 = ['20.19.0', '20.20.2'];

describe('engines', () => {
  it('the project supports Node 20.19 and later', () => {
    for (const v of NODE_20) expect(semver.satisfies(v, pkg.engines.node)).toBe(true);
  });

  it('every package in the lockfile accepts Node 20, so a fresh install prints no EBADENGINE warning', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        if (range === undefined) return [];
        const bad = NODE_20.filter((v) => !semver.satisfies(v, range));
        return bad.length > 0 ? [`${path}@${entry.version ?? '?'} wants node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });
});
