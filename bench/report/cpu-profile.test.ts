import { describe, expect, it } from 'vitest';
import { summarizeProfile, toPackage } from './cpu-profile.js';

const frame = (functionName: string, url: string, lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

describe('summarizeProfile', () => {
  const profile = {
    startTime: 0,
    endTime: 1_000_000,
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), hitCount: 0 },
      { id: 2, callFrame: frame('(idle)', ''), hitCount: 50 },
      {
        id: 3,
        callFrame: frame('parse', 'file:///x/node_modules/fastify/lib/a.js', 9),
        hitCount: 30,
      },
      { id: 4, callFrame: frame('decide', 'file:///x/packages/engine/src/d.ts', 4), hitCount: 15 },
      {
        id: 5,
        callFrame: frame('parse', 'file:///x/node_modules/fastify/lib/a.js', 9),
        hitCount: 5,
      },
    ],
  };

  it('adds self time of identical frames and sorts by it, leaving idle out', () => {
    const s = summarizeProfile(profile);
    expect(s.functions[0]).toEqual({ name: 'parse fastify/lib/a.js:10', selfMs: 350, selfPct: 35 });
    expect(s.functions.map((f) => f.name)).not.toContain('(idle)');
    expect(s.busyPct).toBe(50);
  });

  it('groups by package', () => {
    const s = summarizeProfile(profile);
    expect(s.packages.map((p) => p.name)).toEqual(['fastify', '@baton/engine']);
  });
});

describe('summarizeProfile with a start-up cut', () => {
  it('counts only samples after the cut', () => {
    const profile = {
      startTime: 0,
      endTime: 4_000,
      nodes: [
        { id: 1, callFrame: frame('load', 'node:internal/modules/x'), hitCount: 2 },
        { id: 2, callFrame: frame('serve', 'file:///x/node_modules/fastify/a.js'), hitCount: 2 },
      ],
      samples: [1, 1, 2, 2],
      timeDeltas: [1_000, 1_000, 1_000, 1_000],
    };
    const s = summarizeProfile(profile, 20, 2.5);
    expect(s.functions.map((f) => f.name)).toEqual(['serve fastify/a.js:1']);
    expect(s.packages).toEqual([{ name: 'fastify', selfMs: 2, selfPct: 100 }]);
  });
});

describe('summarizeProfile hot paths', () => {
  it('adds callee time to the Baton function that called it', () => {
    const profile = {
      startTime: 0,
      endTime: 10_000,
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), hitCount: 0, children: [2] },
        {
          id: 2,
          callFrame: frame('update', 'file:///x/apps/server/src/u.ts'),
          hitCount: 1,
          children: [3],
        },
        { id: 3, callFrame: frame('writev', ''), hitCount: 9 },
      ],
    };
    const s = summarizeProfile(profile);
    expect(s.batonTotals).toEqual([
      { name: 'update apps/server/src/u.ts:1', selfMs: 10, selfPct: 100 },
    ]);
  });
});

describe('toPackage', () => {
  it('names scoped packages, node internals and V8 pseudo frames', () => {
    expect(toPackage('file:///a/node_modules/@fastify/x/y.js', 'f')).toBe('@fastify/x');
    expect(toPackage('node:internal/streams', 'f')).toBe('node internals');
    expect(toPackage('', '(garbage collector)')).toBe('(garbage collector)');
  });
});
