/**
 * A small Jayway-compatible JSONPath evaluator for the forms Conductor supports inside `${...}`:
 * dotted and bracket properties, indexes (negative too), slices, `*`, `..` deep scan, `[?(...)]`
 * filters and the functions `length()`, `size()`, `min()`, `max()`, `avg()`, `sum()`, `keys()`,
 * `first()`, `last()`. Results follow Conductor's `SUPPRESS_EXCEPTIONS` setting: a definite path
 * that does not exist gives `null`, an indefinite one gives the list of matches (maybe `[]`).
 * @module
 */
import { isIndefinite, parsePath, type PathSegment } from './json-path-parse.js';
import { testFilter } from './json-path-filter.js';

const cache = new Map<string, PathSegment[]>();
const CACHE_LIMIT = 500;

/**
 * Reads `path` (no leading `$` needed: `workflow.input.x`) from `document`.
 * Never throws: an unparsable path gives `null`, like Conductor.
 * @example readJsonPath({ a: { b: [1, 2] } }, 'a.b[1]') // 2
 */
export function readJsonPath(document: unknown, path: string): unknown {
  let segments: PathSegment[];
  try {
    segments = parseCached(path);
  } catch {
    return null;
  }
  const result = evaluateSegments(document, segments, document);
  return result === undefined ? null : result;
}

/** True when `path` parses as JSONPath. Used by validation (`... is not valid`). */
export function isValidJsonPath(path: string): boolean {
  try {
    parseCached(path);
    return true;
  } catch {
    return false;
  }
}

function parseCached(path: string): PathSegment[] {
  const hit = cache.get(path);
  if (hit) return hit;
  const segments = parsePath(path);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, segments);
  return segments;
}

/** Evaluates segments; undefined means "no such definite path". */
function evaluateSegments(start: unknown, segments: PathSegment[], root: unknown): unknown {
  const last = segments[segments.length - 1];
  const fn = last?.type === 'function' ? last : null;
  const steps = fn ? segments.slice(0, -1) : segments;
  let nodes: unknown[] = [start];
  for (const segment of steps) {
    nodes = nodes.flatMap((node) => applySegment(node, segment, root));
  }
  const value = isIndefinite(steps) ? nodes : nodes[0];
  return fn ? applyFunction(fn.name, value) : value;
}

function applySegment(node: unknown, segment: PathSegment, root: unknown): unknown[] {
  switch (segment.type) {
    case 'property':
      return readProperties(node, segment.names);
    case 'wildcard':
      if (Array.isArray(node)) return node;
      return isObject(node) ? Object.values(node) : [];
    case 'index':
      return Array.isArray(node) ? readIndexes(node, segment.indexes) : [];
    case 'slice':
      return Array.isArray(node) ? slice(node, segment.start, segment.end, segment.step) : [];
    case 'filter': {
      const read = (path: string, current: unknown): unknown =>
        path.startsWith('$')
          ? evaluateSegments(root, parseCached(path), root)
          : evaluateSegments(current, parseCached(path), root);
      if (Array.isArray(node))
        return node.filter((item) => testFilter(segment.predicate, item, read));
      return isObject(node) && testFilter(segment.predicate, node, read) ? [node] : [];
    }
    case 'scan':
      return selfAndDescendants(node).flatMap((n) => applySegment(n, segment.segment, root));
    case 'function':
      return [applyFunction(segment.name, node)];
  }
}

function readProperties(node: unknown, names: string[]): unknown[] {
  if (!isObject(node)) return [];
  if (names.length === 1) {
    const name = names[0] as string;
    return Object.hasOwn(node, name) ? [node[name]] : [];
  }
  const merged: Record<string, unknown> = {};
  for (const name of names) if (Object.hasOwn(node, name)) merged[name] = node[name];
  return [merged];
}

function readIndexes(list: unknown[], indexes: number[]): unknown[] {
  const out: unknown[] = [];
  for (const i of indexes) {
    const at = i < 0 ? list.length + i : i;
    if (at >= 0 && at < list.length) out.push(list[at]);
  }
  return out;
}

function slice(list: unknown[], start: number | null, end: number | null, step: number): unknown[] {
  const norm = (i: number): number =>
    Math.max(0, Math.min(list.length, i < 0 ? list.length + i : i));
  const from = start === null ? 0 : norm(start);
  const to = end === null ? list.length : norm(end);
  const out: unknown[] = [];
  for (let i = from; i < to; i += Math.max(1, step)) out.push(list[i]);
  return out;
}

function selfAndDescendants(node: unknown): unknown[] {
  const out: unknown[] = [node];
  const children = Array.isArray(node) ? node : isObject(node) ? Object.values(node) : [];
  for (const child of children) {
    if (typeof child === 'object' && child !== null) out.push(...selfAndDescendants(child));
  }
  return out;
}

function applyFunction(name: string, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const numbers = Array.isArray(value)
    ? value.filter((v): v is number => typeof v === 'number')
    : [];
  switch (name) {
    case 'length':
    case 'size':
      if (Array.isArray(value) || typeof value === 'string') return value.length;
      return isObject(value) ? Object.keys(value).length : undefined;
    case 'keys':
      return isObject(value) ? Object.keys(value) : undefined;
    case 'first':
      return Array.isArray(value) ? value[0] : undefined;
    case 'last':
      return Array.isArray(value) ? value[value.length - 1] : undefined;
    case 'min':
      return numbers.length ? Math.min(...numbers) : undefined;
    case 'max':
      return numbers.length ? Math.max(...numbers) : undefined;
    case 'sum':
      return numbers.reduce((a, b) => a + b, 0);
    case 'avg':
      return numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : undefined;
    default:
      return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
