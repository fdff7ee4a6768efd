/**
 * Parses the Jayway JSONPath forms Conductor accepts inside `${...}` into segments.
 * @module
 */
import { parseFilter, type FilterExpr } from './json-path-filter.js';

/** One step of a JSONPath. */
export type PathSegment =
  | { type: 'property'; names: string[] }
  | { type: 'wildcard' }
  | { type: 'index'; indexes: number[] }
  | { type: 'slice'; start: number | null; end: number | null; step: number }
  | { type: 'filter'; predicate: FilterExpr }
  | { type: 'function'; name: string }
  | { type: 'scan'; segment: PathSegment };

/** Thrown for a path Jayway would reject; callers turn it into null (SUPPRESS_EXCEPTIONS). */
export class JsonPathSyntaxError extends Error {
  constructor(path: string, reason: string) {
    super(`Invalid JSONPath '${path}': ${reason}`);
    this.name = 'JsonPathSyntaxError';
  }
}

/**
 * Parses `path` (with or without a leading `$` or `@`) into segments.
 * @throws JsonPathSyntaxError when the path cannot be parsed.
 */
export function parsePath(path: string): PathSegment[] {
  const reader = { text: path, pos: 0 };
  const segments: PathSegment[] = [];
  const first = path[0];
  if (first === '$' || first === '@') reader.pos = 1;
  else if (first !== '[' && first !== '.') segments.push(readDotted(reader, path));
  while (reader.pos < path.length) {
    if (path.startsWith('..', reader.pos)) {
      reader.pos += 2;
      const inner = path[reader.pos] === '[' ? readBracket(reader, path) : readDotted(reader, path);
      segments.push({ type: 'scan', segment: inner });
    } else if (path[reader.pos] === '.') {
      reader.pos += 1;
      segments.push(readDotted(reader, path));
    } else if (path[reader.pos] === '[') {
      segments.push(readBracket(reader, path));
    } else {
      throw new JsonPathSyntaxError(path, `unexpected '${path[reader.pos]}' at ${reader.pos}`);
    }
  }
  return segments;
}

interface Reader {
  text: string;
  pos: number;
}

function readDotted(reader: Reader, path: string): PathSegment {
  const start = reader.pos;
  while (reader.pos < path.length) {
    const c = path[reader.pos];
    if (c === ' ') throw new JsonPathSyntaxError(path, "use ['my prop'] for names with blanks");
    if (c === '.' || c === '[') break;
    if (c === '(') {
      const name = path.slice(start, reader.pos);
      const close = path.indexOf(')', reader.pos);
      if (close < 0) throw new JsonPathSyntaxError(path, 'unclosed function call');
      reader.pos = close + 1;
      return { type: 'function', name };
    }
    reader.pos += 1;
  }
  const name = path.slice(start, reader.pos);
  if (name === '') throw new JsonPathSyntaxError(path, `empty property at ${start}`);
  return name === '*' ? { type: 'wildcard' } : { type: 'property', names: [name] };
}

function readBracket(reader: Reader, path: string): PathSegment {
  const close = findBracketEnd(path, reader.pos);
  const body = path.slice(reader.pos + 1, close).trim();
  reader.pos = close + 1;
  if (body === '*') return { type: 'wildcard' };
  if (body.startsWith('?(') && body.endsWith(')')) {
    return { type: 'filter', predicate: parseFilter(body.slice(2, -1)) };
  }
  if (body.startsWith("'") || body.startsWith('"'))
    return { type: 'property', names: splitQuoted(body, path) };
  if (body.includes(':')) return parseSlice(body, path);
  const indexes = body.split(',').map((part) => Number(part.trim()));
  if (body === '' || indexes.some((n) => !Number.isInteger(n))) {
    throw new JsonPathSyntaxError(path, `bad index [${body}]`);
  }
  return { type: 'index', indexes };
}

/** Index of the `]` closing the `[` at `open`, skipping quoted text and nested brackets. */
function findBracketEnd(path: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < path.length; i += 1) {
    const c = path[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth += 1;
    else if (c === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new JsonPathSyntaxError(path, 'unclosed [');
}

function splitQuoted(body: string, path: string): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < body.length) {
    const quote = body[i];
    if (quote !== "'" && quote !== '"')
      throw new JsonPathSyntaxError(path, `bad property list [${body}]`);
    let name = '';
    i += 1;
    while (i < body.length && body[i] !== quote) {
      if (body[i] === '\\' && i + 1 < body.length) i += 1;
      name += body[i];
      i += 1;
    }
    if (i >= body.length) throw new JsonPathSyntaxError(path, 'unclosed quote');
    names.push(name);
    i += 1;
    while (i < body.length && (body[i] === ' ' || body[i] === ',')) i += 1;
  }
  return names;
}

function parseSlice(body: string, path: string): PathSegment {
  const parts = body.split(':').map((p) => p.trim());
  const toNumber = (p: string | undefined): number | null => {
    if (p === undefined || p === '') return null;
    const n = Number(p);
    if (!Number.isInteger(n)) throw new JsonPathSyntaxError(path, `bad slice [${body}]`);
    return n;
  };
  return {
    type: 'slice',
    start: toNumber(parts[0]),
    end: toNumber(parts[1]),
    step: toNumber(parts[2]) ?? 1,
  };
}

/** True when the path may return several values (Jayway's "indefinite" path): a list is returned. */
export function isIndefinite(segments: PathSegment[]): boolean {
  return segments.some(
    (s) =>
      s.type === 'scan' ||
      s.type === 'wildcard' ||
      s.type === 'filter' ||
      s.type === 'slice' ||
      (s.type === 'index' && s.indexes.length > 1),
  );
}
