/**
 * In-memory evaluation of search expressions and free text over plain records (summaries, rows),
 * for stores and tests that have no query engine.
 * @module
 */
import type { SearchExpression } from './search-query.js';

/**
 * True when `record` satisfies `expr` (null matches everything). Fields are read by name, or by a
 * dotted path (`input.orderId`). `=`/`!=`/`IN` values containing `*` are wildcards. A missing, null
 * or empty value satisfies `IS null` and `!=`, and no other operator. Numbers compare numerically;
 * a number compared with an ISO date string compares as epoch ms.
 */
export function matchesSearch(
  record: Record<string, unknown>,
  expr: SearchExpression | null,
): boolean {
  if (expr === null) return true;
  if (expr.type === 'and') return expr.items.every((item) => matchesSearch(record, item));
  if (expr.type === 'or') return expr.items.some((item) => matchesSearch(record, item));
  const value = readField(record, expr.field);
  const isEmpty = value === undefined || value === null || value === '';
  const [first, second] = expr.values;
  switch (expr.op) {
    case 'IS_NULL':
      return isEmpty;
    case 'IS_NOT_NULL':
      return !isEmpty;
    case '=':
      return !isEmpty && first !== undefined && isEqual(value, first);
    case '!=':
      return isEmpty || (first !== undefined && !isEqual(value, first));
    case 'IN':
      return !isEmpty && expr.values.some((wanted) => isEqual(value, wanted));
    case '>':
      return !isEmpty && first !== undefined && compare(value, first) > 0;
    case '<':
      return !isEmpty && first !== undefined && compare(value, first) < 0;
    case 'BETWEEN':
      return (
        !isEmpty &&
        first !== undefined &&
        second !== undefined &&
        compare(value, first) >= 0 &&
        compare(value, second) <= 0
      );
    case 'STARTS_WITH':
      return !isEmpty && first !== undefined && toText(value).startsWith(String(first));
  }
}

/**
 * Free-text match in the spirit of Conductor's `freeText`: `''` and `*` match everything;
 * `field:value` matches one field (wildcards allowed, e.g. `correlationId:abc*`); other text is
 * split on blanks and every term must appear (case-insensitive, `*` wildcards) in some value of
 * the record, objects included as JSON.
 */
export function matchesFreeText(record: Record<string, unknown>, freeText: string): boolean {
  const text = freeText.trim();
  if (text === '' || text === '*') return true;
  const haystack = Object.values(record)
    .filter((v) => v !== undefined && v !== null)
    .map(toText)
    .join('\n');
  return text.split(/\s+/).every((term) => {
    const fieldMatch = /^([A-Za-z_][\w.]*):(.+)$/.exec(term);
    if (fieldMatch) {
      const value = readField(record, fieldMatch[1] as string);
      return (
        value !== undefined &&
        value !== null &&
        globToRegExp(fieldMatch[2] as string, true).test(toText(value))
      );
    }
    return globToRegExp(term, false).test(haystack);
  });
}

function readField(record: Record<string, unknown>, field: string): unknown {
  if (Object.hasOwn(record, field)) return record[field];
  let current: unknown = record;
  for (const part of field.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part))
      return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function isEqual(value: unknown, wanted: string | number): boolean {
  if (typeof value === 'number') return value === Number(wanted);
  const text = String(wanted);
  return text.includes('*') ? globToRegExp(text, true).test(toText(value)) : toText(value) === text;
}

function compare(value: unknown, wanted: string | number): number {
  const left = typeof value === 'string' && typeof wanted === 'number' ? Date.parse(value) : value;
  if (typeof left === 'number' || typeof wanted === 'number') {
    const l = Number(left);
    const r = Number(wanted);
    return Number.isNaN(l) || Number.isNaN(r) ? Number.NaN : l - r;
  }
  const l = toText(left);
  return l < wanted ? -1 : l > wanted ? 1 : 0;
}

function toText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function globToRegExp(glob: string, anchored: boolean): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(anchored ? `^${body}$` : body, 'is');
}
