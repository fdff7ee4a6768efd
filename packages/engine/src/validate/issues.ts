/**
 * Small helpers shared by the definition validators: an issue collector, JSON paths and type guards.
 * @module
 */
import type { ValidationIssue } from '../errors.js';
import type { TaskDef } from '../model/task-def.js';

/** Collects issues; `invalidValue` is left out when it is undefined. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  add(path: string, message: string, invalidValue?: unknown): void {
    this.issues.push(
      invalidValue === undefined ? { path, message } : { path, message, invalidValue },
    );
  }

  /** Checks an optional field is an integer >= min (or null when `nullable`). Returns the number. */
  integer(
    record: Record<string, unknown>,
    field: string,
    path: string,
    options: { min?: number; nullable?: boolean; message?: (v: number) => string } = {},
  ): number | undefined {
    const value = record[field];
    if (value === undefined || (value === null && options.nullable)) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(joinPath(path, field), `${field} must be an integer`, value);
      return undefined;
    }
    if (options.min !== undefined && value < options.min) {
      const message = options.message?.(value) ?? `${field} must be >= ${options.min}`;
      this.add(joinPath(path, field), message, value);
    }
    return value;
  }

  /** Checks an optional field has one of `allowed` values. */
  oneOf(
    record: Record<string, unknown>,
    field: string,
    path: string,
    allowed: readonly string[],
  ): void {
    const value = record[field];
    if (value === undefined || value === null) return;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.add(joinPath(path, field), `${field} must be one of ${allowed.join(', ')}`, value);
    }
  }

  /** Checks an optional field has the JSON type `kind`. Returns true when present and valid. */
  shape(
    record: Record<string, unknown>,
    field: string,
    path: string,
    kind: 'string' | 'boolean' | 'object' | 'array',
  ): boolean {
    const value = record[field];
    if (value === undefined || value === null) return false;
    const ok =
      kind === 'object'
        ? isRecord(value)
        : kind === 'array'
          ? Array.isArray(value)
          : typeof value === kind;
    if (!ok)
      this.add(
        joinPath(path, field),
        `${field} must be ${kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind}`,
        value,
      );
    return ok;
  }
}

/** Appends a key to a JSON path: `tasks[0]` + `name` → `tasks[0].name`; odd keys use `["k"]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** What the per-type rules need: where to add issues, and the registered TaskDefs. */
export interface TypeRuleContext {
  issues: IssueCollector;
  /** Registered TaskDefs, for rules satisfied by a TaskDef's inputTemplate (HTTP, JQ...). */
  getTaskDef?: (name: string) => TaskDef | null | undefined;
}

/** `<field> field is required for taskType: <TYPE> taskName: <name>` */
export function requiredMessage(field: string, type: string, name: string): string {
  return `${field} field is required for taskType: ${type} taskName: ${name}`;
}
