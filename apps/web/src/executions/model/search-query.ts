/**
 * The executions list's filters: read from and written to the URL, and turned into Conductor's
 * search request (`query` syntax of docs/conductor-compatibility.md#search, `freeText`, `sort`,
 * paging).
 * @module
 */
import type { SearchParams, WorkflowStatus } from '@baton/client';

/** The list's filters, as kept in the URL. */
export interface ExecutionFilters {
  workflowTypes: string[];
  statuses: WorkflowStatus[];
  /** Start time range, epoch ms. */
  from?: number;
  to?: number;
  correlationId?: string;
  freeText?: string;
  /** `field:ASC|DESC`. */
  sort: string;
  /** 0-based page. */
  page: number;
  size: number;
}

/** Sort keys the list offers. */
export const SORTS = [
  'startTime:DESC',
  'startTime:ASC',
  'endTime:DESC',
  'workflowType:ASC',
  'status:ASC',
] as const;
const DEFAULT_SORT = 'startTime:DESC';
const DEFAULT_SIZE = 25;
const STATUS_SET = new Set(['RUNNING', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED', 'PAUSED']);

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const int = (value: string | null, fallback: number, min: number, max: number) => {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};

/** Reads the filters from a query string; unknown or malformed values fall back to defaults. */
export function filtersFromParams(params: URLSearchParams): ExecutionFilters {
  const time = (key: string) => {
    const raw = params.get(key);
    const n = raw === null ? NaN : Number.isFinite(Number(raw)) ? Number(raw) : Date.parse(raw);
    return Number.isFinite(n) ? n : undefined;
  };
  const from = time('from');
  const to = time('to');
  const correlationId = params.get('correlationId')?.trim();
  const freeText = params.get('q')?.trim();
  return {
    workflowTypes: list(params.get('workflow')),
    statuses: list(params.get('status')).filter((s) => STATUS_SET.has(s)) as WorkflowStatus[],
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(correlationId ? { correlationId } : {}),
    ...(freeText ? { freeText } : {}),
    sort: (SORTS as readonly string[]).includes(params.get('sort') ?? '')
      ? params.get('sort')!
      : DEFAULT_SORT,
    page: int(params.get('page'), 0, 0, 100_000),
    size: int(params.get('size'), DEFAULT_SIZE, 1, 500),
  };
}

/** Writes the filters to a query string, leaving out defaults so URLs stay short. */
export function filtersToParams(f: ExecutionFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.workflowTypes.length) p.set('workflow', f.workflowTypes.join(','));
  if (f.statuses.length) p.set('status', f.statuses.join(','));
  if (f.from !== undefined) p.set('from', String(f.from));
  if (f.to !== undefined) p.set('to', String(f.to));
  if (f.correlationId) p.set('correlationId', f.correlationId);
  if (f.freeText) p.set('q', f.freeText);
  if (f.sort !== DEFAULT_SORT) p.set('sort', f.sort);
  if (f.page > 0) p.set('page', String(f.page));
  if (f.size !== DEFAULT_SIZE) p.set('size', String(f.size));
  return p;
}

const quote = (s: string) => `"${s.replace(/"/g, '')}"`;

/** Conductor's `query` for the filters, e.g. `workflowType IN ("a") AND status IN (RUNNING)`. */
export function toSearchQuery(f: ExecutionFilters): string {
  const parts: string[] = [];
  if (f.workflowTypes.length)
    parts.push(`workflowType IN (${f.workflowTypes.map(quote).join(',')})`);
  if (f.statuses.length) parts.push(`status IN (${f.statuses.join(',')})`);
  if (f.from !== undefined) parts.push(`startTime > ${f.from}`);
  if (f.to !== undefined) parts.push(`startTime < ${f.to}`);
  if (f.correlationId) parts.push(`correlationId = ${quote(f.correlationId)}`);
  return parts.join(' AND ');
}

/** The search request for the filters (page and size become `start` and `size`). */
export function toSearchParams(f: ExecutionFilters): SearchParams {
  const query = toSearchQuery(f);
  return {
    start: f.page * f.size,
    size: f.size,
    sort: f.sort,
    freeText: f.freeText || '*',
    ...(query ? { query } : {}),
  };
}
