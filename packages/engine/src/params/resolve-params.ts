/**
 * `${...}` parameter resolution with Conductor's results
 * (docs/conductor-compatibility.md#parameter-resolution).
 * @module
 */
import type { Workflow } from '../model/workflow.js';
import { toJavaString } from './java-to-string.js';
import { readJsonPath } from './json-path.js';
import { buildParamsDocument, wholeParamsDocument } from './params-document.js';

export interface ResolveContext {
  /** The execution whose input, variables, fields and tasks the expressions read. */
  workflow: Workflow;
  /** The id of the task being scheduled (for `${CPEWF_TASK_ID}`). */
  taskId?: string;
  /**
   * Values for system parameters such as `NETFLIX_ENV` (Conductor reads JVM properties and OS
   * environment variables; Baton uses this allow-list instead). `CPEWF_TASK_ID` comes from `taskId`.
   */
  systemParameters?: Record<string, string>;
  /** A document from `buildParamsDocument(workflow)` to reuse across many resolutions. */
  document?: Record<string, unknown>;
}

/** The system parameters Conductor always recognises; unresolved ones stay literal. */
export const SYSTEM_PARAMETERS = ['CPEWF_TASK_ID', 'NETFLIX_ENV', 'NETFLIX_STACK'] as const;

const SECRETS_PREFIX = 'workflow.secrets.';

/**
 * Resolves every `${...}` expression in `params` (nested maps, lists, embedded strings) against the
 * workflow. Keys whose value resolves to null stay in the map with value null.
 * @example resolveParams({ id: '${workflow.input.orderId}' }, { workflow }) // { id: 'o-1' }
 */
export function resolveParams(
  params: Record<string, unknown>,
  context: ResolveContext,
): Record<string, unknown> {
  const resolver = createResolver(context);
  return resolver(params) as Record<string, unknown>;
}

/** Resolves any JSON value: strings are expressions, maps and lists are walked, other scalars pass. */
export function resolveValue(value: unknown, context: ResolveContext): unknown {
  return createResolver(context)(value);
}

/**
 * Resolves one string. When the whole string is a single `${...}` the value keeps its JSON type
 * (object, list, number, boolean or null); otherwise each `${...}` is replaced by its Java-style
 * string form (`"id-${missing}"` → `"id-null"`).
 */
export function resolveExpression(expression: string, context: ResolveContext): unknown {
  return createResolver(context)(expression);
}

/**
 * Resolves `value` against an arbitrary document (used for DO_WHILE conditions, event payloads and
 * tests). `taskId` feeds `${CPEWF_TASK_ID}`.
 */
export function resolveWithDocument(
  value: unknown,
  document: Record<string, unknown>,
  options: { taskId?: string; systemParameters?: Record<string, string> } = {},
): unknown {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return replaceVariables(v, document, options, 0);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item);
      return out;
    }
    return v;
  };
  return walk(value);
}

function createResolver(context: ResolveContext): (value: unknown) => unknown {
  const document = context.document ?? buildParamsDocument(context.workflow);
  const options = { taskId: context.taskId, systemParameters: context.systemParameters };
  return (value) => resolveWithDocument(value, document, options);
}

interface Replacement {
  start: number;
  end: number;
  value: unknown;
}

function replaceVariables(
  text: string,
  document: Record<string, unknown>,
  options: { taskId?: string; systemParameters?: Record<string, string> },
  depth: number,
): unknown {
  const replacements: Replacement[] = [];
  for (const { start, end } of findExpressions(text)) {
    const inner = text.slice(start + 2, end - 1);
    const path = String(replaceVariables(inner, document, options, depth + 1));
    if (path.trim() === '') {
      replacements.push({ start, end, value: '' });
    } else if (path.startsWith(SECRETS_PREFIX)) {
      replacements.push({ start, end, value: text.slice(start, end) });
    } else if (isSystemParameter(path, options.systemParameters)) {
      const sys = path === 'CPEWF_TASK_ID' ? options.taskId : options.systemParameters?.[path];
      if (sys !== undefined) replacements.push({ start, end, value: sys });
    } else {
      const value = readJsonPath(document, path);
      // The whole document (`${$}`) is handed out as a plain object, never a lazy one.
      const plain = value === document ? wholeParamsDocument(document) : value;
      replacements.push({ start, end, value: copyJson(plain) });
    }
  }
  const only = replacements[0];
  if (
    replacements.length === 1 &&
    only &&
    only.start === 0 &&
    only.end === text.length &&
    depth === 0
  ) {
    return only.value;
  }
  let out = text;
  for (let i = replacements.length - 1; i >= 0; i -= 1) {
    const r = replacements[i] as Replacement;
    out = out.slice(0, r.start) + toJavaString(r.value) + out.slice(r.end);
  }
  return out.replaceAll('$${', '${');
}

/** Results are copied so that resolved input never aliases the workflow's state. */
function copyJson(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (JSON.parse(JSON.stringify(value)) as unknown)
    : value;
}

function isSystemParameter(name: string, extra: Record<string, string> | undefined): boolean {
  return (
    (SYSTEM_PARAMETERS as readonly string[]).includes(name) ||
    (extra !== undefined && Object.hasOwn(extra, name))
  );
}

/**
 * Finds top-level `${...}` spans with balanced braces, skipping `$${` escapes.
 * @internal exported for validation, which scans definitions for references.
 */
export function findExpressions(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let i = 0;
  while (i < text.length - 1) {
    if (text[i] === '$' && text[i + 1] === '{' && (i === 0 || text[i - 1] !== '$')) {
      const end = matchBrace(text, i + 1);
      if (end > 0) {
        spans.push({ start: i, end });
        i = end;
        continue;
      }
    }
    i += 1;
  }
  return spans;
}

/** The index just past the `}` balancing the `{` at `open`, or -1. */
function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
