/**
 * SearchRequest → parameterised SQL (WHERE and ORDER BY) over the workflows or tasks table.
 * Values always travel as `$n` parameters; field names are looked up in a fixed column map, and
 * an unknown field raises REQUEST_INVALID (we reject rather than silently drop, unlike Conductor's
 * Postgres indexer, so a typo in a query is visible). The semantics match the in-memory store:
 * `*` wildcards in `=`, nulls last in every sort, the id as the final tie-breaker, free text as a
 * case-insensitive substring of `search_text`.
 * @module
 */
import { batonError, type SearchExpression, type SearchRequest } from '@baton/engine';

interface Column {
  sql: string;
  numeric: boolean;
}

const text = (sql: string): Column => ({ sql, numeric: false });
const num = (sql: string): Column => ({ sql, numeric: true });

/** Query field → column, per searchable table. */
export const SEARCH_COLUMNS = {
  workflow: {
    workflowId: text('workflow_id'),
    workflowType: text('workflow_name'),
    version: num('workflow_version'),
    status: text('status'),
    correlationId: text('correlation_id'),
    startTime: num('start_time'),
    endTime: num('end_time'),
    updateTime: num('update_time'),
    parentWorkflowId: text('parent_workflow_id'),
    idempotencyKey: text('idempotency_key'),
    priority: num('priority'),
    /** `true` for a run of `POST /api/workflow/test` (input `_systemMetadata.test`). */
    test: text(`(data #>> '{input,_systemMetadata,test}')`),
  },
  task: {
    taskId: text('task_id'),
    taskType: text('task_type'),
    taskDefName: text('task_def_name'),
    referenceTaskName: text('reference_task_name'),
    status: text('status'),
    workflowId: text('workflow_id'),
    workflowType: text('workflow_type'),
    correlationId: text('correlation_id'),
    scheduledTime: num('scheduled_time'),
    startTime: num('start_time'),
    endTime: num('end_time'),
    updateTime: num('update_time'),
    workerId: text('worker_id'),
    domain: text('domain'),
  },
} satisfies Record<string, Record<string, Column>>;

export type SearchTable = keyof typeof SEARCH_COLUMNS;

/** A WHERE clause (without the keyword), an ORDER BY list and their parameters. */
export interface SearchSql {
  where: string;
  orderBy: string;
  params: unknown[];
}

/** Translates `request` for `table`; parameters start at $1. */
export function toSearchSql(table: SearchTable, request: SearchRequest): SearchSql {
  const columns: Record<string, Column> = SEARCH_COLUMNS[table];
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const column = (field: string): Column => {
    // Own fields only: `constructor` or `__proto__` must not find Object.prototype's members.
    const found = Object.hasOwn(columns, field) ? columns[field] : undefined;
    if (!found) {
      throw batonError('REQUEST_INVALID', `Unknown ${table} search field: ${field}`, {
        validationErrors: [
          { path: 'query', message: `unknown field ${field}`, invalidValue: field },
        ],
      });
    }
    return found;
  };

  const clauses: string[] = [];
  if (request.query) clauses.push(condition(request.query, column, bind));
  clauses.push(...freeTextClauses(table, request.freeText, bind));

  const idColumn = table === 'workflow' ? 'workflow_id' : 'task_id';
  const sort = request.sort.length
    ? request.sort
    : [{ field: table === 'workflow' ? 'startTime' : 'scheduledTime', order: 'DESC' as const }];
  const orderBy = sort.map((s) => {
    const c = column(s.field);
    return `${collated(c)} ${s.order === 'DESC' ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  orderBy.push(`${idColumn} COLLATE "C" ASC`);
  return {
    where: clauses.length ? clauses.join(' AND ') : 'TRUE',
    orderBy: orderBy.join(', '),
    params,
  };
}

function condition(
  expr: SearchExpression,
  column: (field: string) => Column,
  bind: (value: unknown) => string,
): string {
  if (expr.type !== 'condition') {
    if (expr.items.length === 0) return expr.type === 'and' ? 'TRUE' : 'FALSE';
    const joiner = expr.type === 'and' ? ' AND ' : ' OR ';
    return `(${expr.items.map((item) => condition(item, column, bind)).join(joiner)})`;
  }
  const c = column(expr.field);
  const [first, second] = expr.values;
  switch (expr.op) {
    case 'IS_NULL':
      return c.numeric ? `${c.sql} IS NULL` : `(${c.sql} IS NULL OR ${c.sql} = '')`;
    case 'IS_NOT_NULL':
      return c.numeric ? `${c.sql} IS NOT NULL` : `(${c.sql} IS NOT NULL AND ${c.sql} <> '')`;
    case '=':
      return first === undefined ? 'FALSE' : present(c, equals(c, first, bind));
    case '!=':
      return first === undefined
        ? 'TRUE'
        : `NOT COALESCE(${present(c, equals(c, first, bind))}, FALSE)`;
    case 'IN':
      return expr.values.length
        ? present(c, `(${expr.values.map((v) => equals(c, v, bind)).join(' OR ')})`)
        : 'FALSE';
    case '>':
    case '<':
      return first === undefined ? 'FALSE' : present(c, compare(c, expr.op, first, bind));
    case 'BETWEEN':
      return first === undefined || second === undefined
        ? 'FALSE'
        : present(c, `(${compare(c, '>=', first, bind)} AND ${compare(c, '<=', second, bind)})`);
    case 'STARTS_WITH':
      return first === undefined
        ? 'FALSE'
        : present(
            c,
            `starts_with(${c.numeric ? `${c.sql}::text` : c.sql}, ${bind(String(first))})`,
          );
  }
}

function equals(c: Column, value: string | number, bind: (value: unknown) => string): string {
  if (c.numeric) {
    const n = Number(value);
    return Number.isFinite(n) ? `${c.sql} = ${bind(n)}::float8` : 'FALSE';
  }
  const s = String(value);
  return s.includes('*') ? `${c.sql} ILIKE ${bind(toLikePattern(s))}` : `${c.sql} = ${bind(s)}`;
}

function compare(
  c: Column,
  op: '>' | '<' | '>=' | '<=',
  value: string | number,
  bind: (value: unknown) => string,
): string {
  if (c.numeric) {
    const n = Number(value);
    return Number.isFinite(n) ? `${c.sql} ${op} ${bind(n)}::float8` : 'FALSE';
  }
  // Like matchesSearch: a text field compared with a number never matches.
  if (typeof value === 'number') return 'FALSE';
  return `${c.sql} COLLATE "C" ${op} ${bind(value)}`;
}

/** `clause`, required to hold on a value that is present (not null, not empty text). */
function present(c: Column, clause: string): string {
  return c.numeric
    ? `(${c.sql} IS NOT NULL AND ${clause})`
    : `(${c.sql} IS NOT NULL AND ${c.sql} <> '' AND ${clause})`;
}

function collated(c: Column): string {
  return c.numeric ? c.sql : `${c.sql} COLLATE "C"`;
}

/** Free-text fields usable as `field:value` terms (JSON documents allow dotted paths). */
const FREE_TEXT_FIELDS: Record<
  SearchTable,
  { columns: Record<string, string>; documents: string[] }
> = {
  workflow: {
    columns: {
      workflowId: 'workflow_id',
      workflowType: 'workflow_name',
      correlationId: 'correlation_id',
    },
    documents: ['input', 'output'],
  },
  task: {
    columns: {
      taskId: 'task_id',
      taskType: 'task_type',
      taskDefName: 'task_def_name',
      referenceTaskName: 'reference_task_name',
      workflowId: 'workflow_id',
      correlationId: 'correlation_id',
    },
    documents: ['inputData', 'outputData'],
  },
};

/**
 * Free text as matchesFreeText reads it: blank-separated terms that must all match; `field:value`
 * compares one field (anchored, case-insensitive, `*` wildcards); any other term is a
 * case-insensitive substring of `search_text`. Nested JSON values compare by their text, which
 * Postgres formats with spaces; match leaves (strings, numbers) rather than whole objects.
 */
function freeTextClauses(
  table: SearchTable,
  freeText: string,
  bind: (value: unknown) => string,
): string[] {
  const text = freeText.trim();
  if (text === '' || text === '*') return [];
  const fields = FREE_TEXT_FIELDS[table];
  return text.split(/\s+/).map((term) => {
    const match = /^([A-Za-z_][\w.]*):(.+)$/.exec(term);
    if (!match) return `search_text ILIKE ${bind(`%${toLikePattern(term)}%`)}`;
    const [, field = '', value = ''] = match;
    const column = fields.columns[field];
    if (column) return `COALESCE(${column} ILIKE ${bind(toLikePattern(value))}, FALSE)`;
    const root = field.split('.')[0] ?? '';
    if (!fields.documents.includes(root)) return 'FALSE';
    const path = `string_to_array(${bind(field)}, '.')`;
    return `COALESCE((data #>> ${path}) ILIKE ${bind(toLikePattern(value))}, FALSE)`;
  });
}

/** A LIKE pattern where `*` matches anything and every other character is literal. */
function toLikePattern(glob: string): string {
  return glob.replace(/[\\%_]/g, '\\$&').replace(/\*/g, '%');
}
