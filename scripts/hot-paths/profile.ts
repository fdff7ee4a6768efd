/**
 * CPU profiling for `bench-hot-paths.ts`: records a V8 CPU profile of a phase in process (the
 * same data `node --cpu-prof` writes) and summarises it as the functions with the most self time.
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** A `.cpuprofile` document (the subset used here). */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Runs `fn` under the V8 sampling profiler; writes the profile to `file` when given. */
export async function profiled<T>(
  fn: () => Promise<T>,
  file?: string,
): Promise<{ result: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    const result = await fn();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    if (file) await writeFile(file, JSON.stringify(profile));
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

/** One line of the summary: a function (name + file:line) and its share of the samples. */
export interface SelfTime {
  name: string;
  where: string;
  percent: number;
}

/** The `top` functions by self time, merged by function and location. */
export function topSelfTime(profile: CpuProfile, top = 25): SelfTime[] {
  const byKey = new Map<string, { name: string; where: string; hits: number }>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const where = url ? `${shorten(url)}:${lineNumber + 1}` : '';
    const key = `${name} ${where}`;
    const entry = byKey.get(key) ?? { name, where, hits: 0 };
    entry.hits += hits;
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, percent: total ? (100 * e.hits) / total : 0 }));
}

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) return path.slice(modules + 'node_modules/'.length);
  const packages = path.indexOf('/packages/');
  return packages >= 0 ? path.slice(packages + 1) : path;
}

/** Prints a summary table. */
export function printSelfTime(title: string, rows: readonly SelfTime[]): void {
  console.log(`\n${title}: top self time`);
  for (const row of rows) {
    console.log(`  ${row.percent.toFixed(1).padStart(5)}%  ${row.name}  ${row.where}`);
  }
}
