/**
 * Search: `/api/workflow/search` (summaries), `/search-v2` (full workflows) and the by-tasks
 * variants, with Conductor's `start`/`size` (max 5000)/`sort`/`freeText`/`query` parameters.
 * @module
 */
import { batonError, parseSearchQuery, toWorkflowSummary } from '@baton/engine';
import type {
  ExecutionStore,
  SearchExpression,
  SearchRequest,
  SortField,
  Workflow,
} from '@baton/engine';
import {
  SearchQuerySchema,
  SearchResultSchema,
  WorkflowRef,
  WorkflowSummarySchema,
} from '@baton/contract';
import type { Static } from '@sinclair/typebox';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['workflow'];
const MAX_SIZE = 5000;

/** Parses `field:ASC|other:DESC` (also `field` alone, meaning ASC). */
export function parseSort(sort: string | undefined): SortField[] {
  if (sort === undefined || sort.trim() === '') return [];
  return sort
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const [field = '', order = 'ASC'] = s.split(':');
      const upper = order.trim().toUpperCase();
      if (upper !== 'ASC' && upper !== 'DESC') {
        throw batonError('REQUEST_INVALID', `Invalid sort order '${order}' in '${s}'`, {
          validationErrors: [
            {
              path: 'querystring.sort',
              message: 'Sort order must be ASC or DESC',
              invalidValue: sort,
            },
          ],
        });
      }
      return { field: field.trim(), order: upper };
    });
}

/** Whether `expr` has a condition on `field`. */
function mentions(expr: SearchExpression | null, field: string): boolean {
  if (expr === null) return false;
  return expr.type === 'condition'
    ? expr.field === field
    : expr.items.some((item) => mentions(item, field));
}

/**
 * Leaves test runs (`POST /api/workflow/test`) out of a workflow search unless the query asks
 * about them (`test = true`).
 */
export function withoutTestRuns(request: SearchRequest): SearchRequest {
  if (mentions(request.query, 'test')) return request;
  const notTest: SearchExpression = {
    type: 'condition',
    field: 'test',
    op: '!=',
    values: ['true'],
  };
  return {
    ...request,
    query: request.query === null ? notTest : { type: 'and', items: [request.query, notTest] },
  };
}

/** Turns the query string into a store SearchRequest, enforcing the 5000 page limit. */
export function toSearchRequest(q: Static<typeof SearchQuerySchema>): SearchRequest {
  if (q.size > MAX_SIZE) {
    throw batonError(
      'REQUEST_INVALID',
      'Cannot return more than 5000 workflows. Please use pagination.',
      {
        validationErrors: [
          { path: 'querystring.size', message: 'must be <= 5000', invalidValue: q.size },
        ],
      },
    );
  }
  return {
    start: q.start,
    size: q.size,
    sort: parseSort(q.sort),
    query: parseSearchQuery(q.query ?? ''),
    freeText: q.freeText,
  };
}

async function workflowsOfTasks(executions: ExecutionStore, request: SearchRequest) {
  const tasks = await executions.searchTasks(request);
  const ids = [...new Set(tasks.results.map((t) => t.workflowInstanceId))];
  const found = await Promise.all(ids.map((id) => executions.getExecution(id)));
  const workflows: Workflow[] = found.flatMap((e) =>
    e === null ? [] : [{ ...e.workflow, tasks: [] }],
  );
  return { totalHits: workflows.length, results: workflows };
}

/** Registers the search routes. */
export function searchRoutes(app: App, executions: ExecutionStore): void {
  const base = { config: { permission: 'read' as const } };
  const summaries = SearchResultSchema(WorkflowSummarySchema);
  const fulls = SearchResultSchema(WorkflowRef);

  app.get(
    '/workflow/search',
    {
      ...base,
      schema: {
        tags: TAGS,
        summary: 'Search executions (summaries)',
        querystring: SearchQuerySchema,
        response: { 200: summaries, ...ERRORS },
      },
    },
    async (request) => {
      const found = await executions.searchWorkflows(
        withoutTestRuns(toSearchRequest(request.query)),
      );
      return {
        totalHits: found.totalHits,
        results: found.results.map((w) => toWorkflowSummary(w)),
      };
    },
  );

  app.get(
    '/workflow/search-v2',
    {
      ...base,
      schema: {
        tags: TAGS,
        summary: 'Search executions (full workflows, without tasks)',
        querystring: SearchQuerySchema,
        response: { 200: fulls, ...ERRORS },
      },
    },
    async (request) => executions.searchWorkflows(withoutTestRuns(toSearchRequest(request.query))),
  );

  app.get(
    '/workflow/search-by-tasks',
    {
      ...base,
      schema: {
        tags: TAGS,
        summary: 'Search executions by their tasks (summaries)',
        querystring: SearchQuerySchema,
        response: { 200: summaries, ...ERRORS },
      },
    },
    async (request) => {
      const found = await workflowsOfTasks(executions, toSearchRequest(request.query));
      return {
        totalHits: found.totalHits,
        results: found.results.map((w) => toWorkflowSummary(w)),
      };
    },
  );

  app.get(
    '/workflow/search-by-tasks-v2',
    {
      ...base,
      schema: {
        tags: TAGS,
        summary: 'Search executions by their tasks (full workflows)',
        querystring: SearchQuerySchema,
        response: { 200: fulls, ...ERRORS },
      },
    },
    async (request) => workflowsOfTasks(executions, toSearchRequest(request.query)),
  );
}
