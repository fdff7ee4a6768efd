/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function and per package,
 * so the report can say where the server's time goes.
 * @module
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** The parts of a `.cpuprofile` that are read. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  /** Microseconds between consecutive samples (the first relative to `startTime`). */
  timeDeltas?: number[];
}

/** One row of the summary. */
export interface ProfileRow {
  name: string;
  selfMs: number;
  selfPct: number;
}

/** Top functions and packages by self time. */
export interface ProfileSummary {
  totalMs: number;
  /** Share of time the server was busy (not idle). */
  busyPct: number;
  functions: ProfileRow[];
  packages: ProfileRow[];
  /** Baton's own functions (`@baton/*`) by total time, callees included: the hot paths. */
  batonTotals: ProfileRow[];
}

/** Which package or area a script URL belongs to. */
export function toPackage(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '?');
  }
  const pkg = /\/(packages|apps)\/([^/]+)\//.exec(url);
  return pkg ? `@baton/${pkg[2] ?? '?'}` : url.split('/').slice(-2).join('/');
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const i = url.search(/\/(packages|apps)\//);
  return i >= 0 ? url.slice(i + 1) : url.replace(/^file:\/\//, '');
}

/** Hits per node id, counting only samples taken `skipMs` or later after the profile began. */
function hitsAfter(profile: CpuProfile, skipMs: number): Map<number, number> {
  const hits = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  if (skipMs <= 0 || !samples || !timeDeltas || samples.length !== timeDeltas.length) {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
    return hits;
  }
  let t = 0;
  samples.forEach((id, i) => {
    t += (timeDeltas[i] ?? 0) / 1000;
    if (t >= skipMs) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

/**
 * Self time per function (name + file + line) and per package, top `limit` of each. Samples in
 * the first `skipMs` (start-up: module loading and compilation) are left out when the profile has
 * its sample timeline.
 */
export function summarizeProfile(profile: CpuProfile, limit = 20, skipMs = 0): ProfileSummary {
  const hitsById = hitsAfter(profile, skipMs);
  const totalHits = [...hitsById.values()].reduce((a, b) => a + b, 0);
  const totalMs = Math.max(0, (profile.endTime - profile.startTime) / 1000 - skipMs);
  const msPerHit = totalHits > 0 ? totalMs / totalHits : 0;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = hitsById.get(node.id) ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += hits;
      continue;
    }
    const name =
      url === ''
        ? functionName || '(anonymous)'
        : `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    const pkg = toPackage(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
  }
  const batonTotals = inclusiveHits(profile, hitsById, (node) =>
    toPackage(node.callFrame.url, node.callFrame.functionName).startsWith('@baton/'),
  );
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, hits]) => ({
        name,
        selfMs: Math.round(hits * msPerHit),
        selfPct: totalHits > 0 ? Math.round((1000 * hits) / totalHits) / 10 : 0,
      }));
  return {
    totalMs: Math.round(totalMs),
    busyPct: totalHits > 0 ? Math.round((1000 * (totalHits - idle)) / totalHits) / 10 : 0,
    functions: rows(byFunction),
    packages: rows(byPackage),
    batonTotals: rows(batonTotals),
  };
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  return url === '' ? name : `${name} ${shortUrl(url)}:${lineNumber + 1}`;
}

/**
 * Total hits (self plus callees) per function among nodes accepted by `keep`, counting a
 * recursive function once per call path.
 */
function inclusiveHits(
  profile: CpuProfile,
  hitsById: Map<number, number>,
  keep: (node: ProfileNode) => boolean,
): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  const totals = new Map<string, number>();
  const onPath = new Set<string>();
  const visit = (node: ProfileNode): number => {
    const name = frameName(node);
    const counted = keep(node) && !onPath.has(name);
    if (counted) onPath.add(name);
    let hits = hitsById.get(node.id) ?? 0;
    for (const id of node.children ?? []) {
      const child = byId.get(id);
      if (child) hits += visit(child);
    }
    if (counted) {
      onPath.delete(name);
      totals.set(name, (totals.get(name) ?? 0) + hits);
    }
    return hits;
  };
  for (const node of profile.nodes) if (!childIds.has(node.id)) visit(node);
  return totals;
}
