/**
 * Search over in-memory rows with `matchesSearch`/`matchesFreeText`, the semantics every adapter
 * shares (checked by the conformance suite). Each workflow or task is first turned into a record
 * of its searchable fields; a query or sort on any other field raises REQUEST_INVALID. Free text
 * looks at ids, names, correlation id, input and output. Sorting puts nulls last and ends with the
 * id as tie-breaker.
 * @module
 */
import { batonError } from '../../errors.js';
import type { Task } from '../../model/task.js';
import type { SearchResult, Workflow } from '../../model/workflow.js';
import type { SearchRequest } from '../../ports/execution-store.js';
import { matchesFreeText, matchesSearch } from '../../search/match-search.js';
import type { SearchExpression } from '../../search/search-query.js';

export type SearchKind = 'workflow' | 'task';
type SearchRecord = Record<string, string | number | null>;

/** The fields a query or sort may name, per kind. */
function queryRecord(kind: SearchKind, item: Workflow | Task): SearchRecord {
  if (kind === 'workflow') {
    const w = item as Workflow;
    return {
      workflowId: w.workflowId,
      workflowType: w.workflowName,
      version: w.workflowVersion,
      status: w.status,
      correlationId: w.correlationId ?? null,
      startTime: w.startTime ?? null,
      endTime: w.endTime ?? null,
      updateTime: w.updateTime ?? null,
      parentWorkflowId: w.parentWorkflowId ?? null,
      idempotencyKey: w.idempotencyKey ?? null,
      priority: w.priority ?? null,
    };
  }
  const t = item as Task;
  return {
    taskId: t.taskId,
    taskType: t.taskType,
    taskDefName: t.taskDefName ?? null,
    referenceTaskName: t.referenceTaskName ?? null,
    status: t.status,
    workflowId: t.workflowInstanceId,
    workflowType: t.workflowType ?? null,
    correlationId: t.correlationId ?? null,
    scheduledTime: t.scheduledTime ?? null,
    startTime: t.startTime ?? null,
    endTime: t.endTime ?? null,
    updateTime: t.updateTime ?? null,
    workerId: t.workerId ?? null,
    domain: t.domain ?? null,
  };
}

/** What free text looks at, in this order (durable adapters store the same text). */
function freeTextRecord(kind: SearchKind, item: Workflow | Task): Record<string, unknown> {
  if (kind === 'workflow') {
    const w = item as Workflow;
    return {
      workflowId: w.workflowId,
      workflowType: w.workflowName,
      correlationId: w.correlationId,
      input: w.input,
      output: w.output,
    };
  }
  const t = item as Task;
  return {
    taskId: t.taskId,
    taskType: t.taskType,
    taskDefName: t.taskDefName,
    referenceTaskName: t.referenceTaskName,
    workflowId: t.workflowInstanceId,
    correlationId: t.correlationId,
    inputData: t.inputData,
    outputData: t.outputData,
  };
}

/** Filters, sorts and pages `items` as the ExecutionStore search methods describe. */
export function searchItems<T extends Workflow | Task>(
  kind: SearchKind,
  items: T[],
  request: SearchRequest,
): SearchResult<T> {
  const known = new Set(Object.keys(queryRecord(kind, emptyItem(kind))));
  const check = (field: string): string => {
    if (known.has(field)) return field;
    throw batonError('REQUEST_INVALID', `Unknown ${kind} search field: ${field}`, {
      validationErrors: [{ path: 'query', message: `unknown field ${field}`, invalidValue: field }],
    });
  };
  if (request.query) checkFields(request.query, check);
  const idField = kind === 'workflow' ? 'workflowId' : 'taskId';
  const sort = request.sort.length
    ? request.sort
    : [{ field: kind === 'workflow' ? 'startTime' : 'scheduledTime', order: 'DESC' as const }];
  const sorters = sort.map((s) => ({ field: check(s.field), sign: s.order === 'DESC' ? -1 : 1 }));

  const matched = items
    .map((item) => ({ item, record: queryRecord(kind, item) }))
    .filter(
      ({ item, record }) =>
        matchesSearch(record, request.query) &&
        matchesFreeText(freeTextRecord(kind, item), request.freeText),
    );
  matched.sort((a, b) => {
    for (const { field, sign } of sorters) {
      const order = compareValues(a.record[field] ?? null, b.record[field] ?? null, sign);
      if (order !== 0) return order;
    }
    return compareValues(a.record[idField] ?? null, b.record[idField] ?? null, 1);
  });
  return {
    totalHits: matched.length,
    results: matched.slice(request.start, request.start + request.size).map(({ item }) => item),
  };
}

function checkFields(expr: SearchExpression, check: (field: string) => unknown): void {
  if (expr.type === 'condition') check(expr.field);
  else for (const item of expr.items) checkFields(item, check);
}

/** Nulls last whatever the direction; numbers numerically, strings by code unit. */
function compareValues(a: string | number | null, b: string | number | null, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  const [x, y] = [String(a), String(b)];
  return sign * (x < y ? -1 : x > y ? 1 : 0);
}

function emptyItem(kind: SearchKind): Workflow | Task {
  return (kind === 'workflow' ? { workflowId: '' } : { taskId: '' }) as unknown as Workflow | Task;
}
