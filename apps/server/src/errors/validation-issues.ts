/**
 * Ajv issues (Fastify's FST_ERR_VALIDATION) → Conductor `validationErrors[]`, one entry per issue,
 * each naming the field (`body.tasks[0].name`, `querystring.size`).
 * @module
 */
import type { ValidationIssue } from '@baton/engine';

/** The fields of an Ajv ErrorObject used here. */
export interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The parsed parts of the request, to look up invalid values. */
export type RequestParts = Partial<Record<string, unknown>>;

function pointerToSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toPath(context: string, segments: string[]): string {
  let path = context;
  for (const segment of segments) {
    path += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return path;
}

function lookup(root: unknown, segments: string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** One ValidationIssue per Ajv issue. */
export function toValidationIssues(
  issues: AjvIssue[],
  context: string,
  parts: RequestParts,
): ValidationIssue[] {
  return issues.map((issue) => {
    const segments = pointerToSegments(issue.instancePath ?? '');
    const missing = issue.params?.['missingProperty'];
    if (issue.keyword === 'required' && typeof missing === 'string') {
      const path = toPath(context, [...segments, missing]);
      return { path, message: `${path} is required`, invalidValue: null };
    }
    const path = toPath(context, segments);
    const invalidValue = lookup(parts[context], segments);
    return { path, message: `${path} ${issue.message ?? 'is invalid'}`, invalidValue };
  });
}
