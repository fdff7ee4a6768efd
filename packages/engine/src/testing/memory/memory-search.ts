/**
 * Search over in-memory rows, with the semantics every adapter shares (checked by the
 * conformance suite): known fields only (others raise REQUEST_INVALID), `*` wildcards in `=`,
 * free text as a case-insensitive substring of ids, names, correlation id, input and output,
 * sorting with nulls last and the id as the final tie-breaker.
 * @module
 */
import { batonError } from '../../errors.js';
import type { Task } from '../../model/task.js';
import type { SearchResult, Workflow } from '../../model/workflow.js';
import type { SearchRequest } from '../../ports/execution-store.js';
import type { SearchExpression } from '../../search/search-query.js';

export type SearchKind = 'workflow' | 'task';
type Value = string | number | null;

const WORKFLOW_FIELDS: Record<string, (w: Workflow) => Value> = {
  workflowId: (w) => w.workflowId,
  workflowType: (w) => w.workflowName,
  version: (w) => w.workflowVersion,
  status: (w) => w.status,
  correlationId: (w) => w.correlationId ?? null,
  startTime: (w) => w.startTime,
  endTime: (w) => w.endTime ?? null,
  updateTime: (w) => w.updateTime ?? null,
  parentWorkflowId: (w) => w.parentWorkflowId ?? null,
  idempotencyKey: (w) => w.idempotencyKey ?? null,
  priority: (w) => w.priority,
};

const TASK_FIELDS: Record<string, (t: Task) => Value> = {
  taskId: (t) => t.taskId,
  taskType: (t) => t.taskType,
  taskDefName: (t) => t.taskDefName,
  referenceTaskName: (t) => t.referenceTaskName,
  status: (t) => t.status,
  workflowId: (t) => t.workflowInstanceId,
  workflowType: (t) => t.workflowType,
  correlationId: (t) => t.correlationId ?? null,
  scheduledTime: (t) => t.scheduledTime,
  startTime: (t) => t.startTime,
  endTime: (t) => t.endTime,
  updateTime: (t) => t.updateTime,
  workerId: (t) => t.workerId ?? null,
  domain: (t) => t.domain ?? null,
};

/** Filters, sorts and pages `items` as the ExecutionStore search methods describe. */
export function searchItems<T extends Workflow | Task>(
  kind: SearchKind,
  items: T[],
  request: SearchRequest,
): SearchResult<T> {
  const fields = (kind === 'workflow' ? WORKFLOW_FIELDS : TASK_FIELDS) as Record<
    string,
    (item: T) => Value
  >;
  const field = (name: string): ((item: T) => Value) => {
    const get = fields[name];
    if (!get) {
      throw batonError('REQUEST_INVALID', `Unknown ${kind} search field: ${name}`, {
        validationErrors: [{ path: 'query', message: `unknown field ${name}`, invalidValue: name }],
      });
    }
    return get;
  };
  const id = kind === 'workflow' ? field('workflowId') : field('taskId');
  const sort = request.sort.length
    ? request.sort
    : [{ field: kind === 'workflow' ? 'startTime' : 'scheduledTime', order: 'DESC' as const }];
  const sorters = sort.map((s) => ({ get: field(s.field), sign: s.order === 'DESC' ? -1 : 1 }));
  if (request.query) checkFields(request.query, field);
  const matched = items.filter(
    (item) =>
      (request.query === null || matches(request.query, item, field)) &&
      matchesText(kind, item, request.freeText),
  );
  matched.sort((a, b) => {
    for (const { get, sign } of sorters) {
      const order = compareValues(get(a), get(b), sign);
      if (order !== 0) return order;
    }
    return compareValues(id(a), id(b), 1);
  });
  return {
    totalHits: matched.length,
    results: matched.slice(request.start, request.start + request.size),
  };
}

function checkFields(expr: SearchExpression, field: (name: string) => unknown): void {
  if (expr.type === 'condition') field(expr.field);
  else for (const item of expr.items) checkFields(item, field);
}

function matches<T>(
  expr: SearchExpression,
  item: T,
  field: (name: string) => (item: T) => Value,
): boolean {
  if (expr.type === 'and') return expr.items.every((e) => matches(e, item, field));
  if (expr.type === 'or') return expr.items.some((e) => matches(e, item, field));
  const value = field(expr.field)(item);
  const [first, second] = expr.values;
  switch (expr.op) {
    case 'IS_NULL':
      return value === null || value === '';
    case 'IS_NOT_NULL':
      return value !== null && value !== '';
    case '=':
      return first !== undefined && isEqual(value, first);
    case '!=':
      return first !== undefined && !isEqual(value, first);
    case 'IN':
      return expr.values.some((v) => isEqual(value, v));
    case '>':
      return first !== undefined && value !== null && compareValues(value, first, 1) > 0;
    case '<':
      return first !== undefined && value !== null && compareValues(value, first, 1) < 0;
    case 'BETWEEN':
      return (
        first !== undefined &&
        second !== undefined &&
        value !== null &&
        compareValues(value, first, 1) >= 0 &&
        compareValues(value, second, 1) <= 0
      );
    case 'STARTS_WITH':
      return value !== null && first !== undefined && String(value).startsWith(String(first));
  }
}

function isEqual(value: Value, wanted: string | number): boolean {
  if (value === null) return false;
  if (typeof value === 'number') return value === Number(wanted);
  const text = String(wanted);
  return text.includes('*') ? globToRegExp(text, true).test(value) : value === text;
}

/** Compares with nulls last whatever the direction; numbers numerically, strings by code unit. */
function compareValues(a: Value | string, b: Value | string, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' || typeof b === 'number') return sign * (Number(a) - Number(b));
  return sign * (a < b ? -1 : a > b ? 1 : 0);
}

function matchesText(kind: SearchKind, item: Workflow | Task, freeText: string): boolean {
  const text = freeText.trim();
  if (text === '' || text === '*') return true;
  return globToRegExp(text, false, 'i').test(freeTextHaystack(kind, item));
}

/**
 * The text free-text search looks in. Durable adapters store this exact string (computed in
 * JavaScript) beside the row, so every adapter matches the same way.
 */
export function freeTextHaystack(kind: SearchKind, item: Workflow | Task): string {
  const parts =
    kind === 'workflow'
      ? [item.workflowId, item.workflowName, item.correlationId, item.input, item.output]
      : [
          item.taskId,
          item.taskType,
          item.taskDefName,
          item.referenceTaskName,
          item.workflowInstanceId,
          item.correlationId,
          item.inputData,
          item.outputData,
        ];
  return parts
    .filter((p) => p !== undefined && p !== null)
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join('\n');
}

function globToRegExp(glob: string, anchored: boolean, flags = ''): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(anchored ? `^${body}$` : body, flags + 's');
}
