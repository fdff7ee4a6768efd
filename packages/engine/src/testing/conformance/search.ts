import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../model/workflow.js';
import type { SearchExpression, SearchOperator } from '../../search/search-query.js';
import {
  errorCodeOf,
  searchRequest,
  task,
  uniqueName,
  workflow,
  type ConformanceStores,
  type GetStores,
} from './fixtures.js';

const cond = (
  field: string,
  op: SearchOperator,
  ...values: Array<string | number>
): SearchExpression => ({ type: 'condition', field, op, values });

/** Five workflows of one new name with varied fields; returns the name and the workflows. */
async function seed(stores: ConformanceStores): Promise<{ name: string; wfs: Workflow[] }> {
  const name = uniqueName('search');
  const wfs = [
    workflow(name, {
      status: 'RUNNING',
      correlationId: 'order-1',
      startTime: 100,
      createTime: 100,
    }),
    workflow(name, {
      status: 'COMPLETED',
      correlationId: 'order-2',
      startTime: 200,
      createTime: 200,
      endTime: 250,
    }),
    workflow(name, {
      status: 'FAILED',
      correlationId: null,
      startTime: 300,
      createTime: 300,
      endTime: 350,
    }),
    workflow(name, {
      status: 'RUNNING',
      correlationId: 'batch-7',
      startTime: 400,
      createTime: 400,
      input: { customer: 'Ada Lovelace' },
    }),
    workflow(name, {
      status: 'TERMINATED',
      correlationId: 'order-3',
      startTime: 500,
      createTime: 500,
      output: { note: 'needle-in-output' },
    }),
  ];
  for (const wf of wfs) {
    wf.tasks = [task(wf, 1, { status: wf.status === 'RUNNING' ? 'IN_PROGRESS' : 'COMPLETED' })];
    await stores.executions.createExecution(wf);
  }
  return { name, wfs };
}

/** Searches workflows of `name` matching `query`; returns their ids in result order. */
async function ids(
  stores: ConformanceStores,
  name: string,
  query: SearchExpression | null,
  extra: Parameters<typeof searchRequest>[0] = {},
): Promise<string[]> {
  const scoped = cond('workflowType', '=', name);
  const result = await stores.executions.searchWorkflows(
    searchRequest({ query: query ? { type: 'and', items: [scoped, query] } : scoped, ...extra }),
  );
  return result.results.map((w) => w.workflowId);
}

/** ExecutionStore search: Conductor's query syntax as data, free text, sort and paging. */
export function describeSearchConformance(stores: GetStores): void {
  describe('search', () => {
    it('filters workflows by each operator', async () => {
      const s = stores();
      const { name, wfs } = await seed(s);
      const id = (i: number) => wfs[i]?.workflowId;
      const sorted = { sort: [{ field: 'startTime', order: 'ASC' as const }] };
      expect(await ids(s, name, cond('status', '=', 'RUNNING'), sorted)).toEqual([id(0), id(3)]);
      expect(await ids(s, name, cond('status', '!=', 'RUNNING'), sorted)).toEqual([
        id(1),
        id(2),
        id(4),
      ]);
      expect(await ids(s, name, cond('status', 'IN', 'FAILED', 'TERMINATED'), sorted)).toEqual([
        id(2),
        id(4),
      ]);
      expect(await ids(s, name, cond('startTime', '>', 300), sorted)).toEqual([id(3), id(4)]);
      expect(await ids(s, name, cond('startTime', '<', 200), sorted)).toEqual([id(0)]);
      expect(await ids(s, name, cond('startTime', 'BETWEEN', 200, 400), sorted)).toEqual([
        id(1),
        id(2),
        id(3),
      ]);
      expect(await ids(s, name, cond('correlationId', 'STARTS_WITH', 'order-'), sorted)).toEqual([
        id(0),
        id(1),
        id(4),
      ]);
      expect(await ids(s, name, cond('correlationId', '=', 'order*'), sorted)).toEqual([
        id(0),
        id(1),
        id(4),
      ]);
      expect(await ids(s, name, cond('correlationId', 'IS_NULL'), sorted)).toEqual([id(2)]);
      expect(await ids(s, name, cond('endTime', 'IS_NOT_NULL'), sorted)).toEqual([id(1), id(2)]);
      expect(await ids(s, name, cond('workflowId', '=', id(3) ?? ''), sorted)).toEqual([id(3)]);
    });

    it('combines conditions with AND and OR', async () => {
      const s = stores();
      const { name, wfs } = await seed(s);
      const query: SearchExpression = {
        type: 'or',
        items: [
          { type: 'and', items: [cond('status', '=', 'RUNNING'), cond('startTime', '>', 150)] },
          cond('status', '=', 'FAILED'),
        ],
      };
      const found = await ids(s, name, query, { sort: [{ field: 'startTime', order: 'DESC' }] });
      expect(found).toEqual([wfs[3]?.workflowId, wfs[2]?.workflowId]);
    });

    it('matches free text against ids, correlation id, input and output, ignoring case', async () => {
      const s = stores();
      const { name, wfs } = await seed(s);
      expect(await ids(s, name, null, { freeText: 'ada lovelace' })).toEqual([wfs[3]?.workflowId]);
      expect(await ids(s, name, null, { freeText: 'NEEDLE' })).toEqual([wfs[4]?.workflowId]);
      expect(await ids(s, name, null, { freeText: 'batch-7' })).toEqual([wfs[3]?.workflowId]);
      expect(await ids(s, name, null, { freeText: wfs[1]?.workflowId ?? '' })).toEqual([
        wfs[1]?.workflowId,
      ]);
      expect(await ids(s, name, null, { freeText: 'no-such-text' })).toEqual([]);
      expect(await ids(s, name, null, { freeText: '*' })).toHaveLength(5);
      expect(await ids(s, name, null, { freeText: '' })).toHaveLength(5);
    });

    it('reads free text as terms that must all match, and field:value terms', async () => {
      const s = stores();
      const { name, wfs } = await seed(s);
      const only = (i: number) => [wfs[i]?.workflowId];
      expect(await ids(s, name, null, { freeText: 'ada lovelace' })).toEqual(only(3));
      expect(await ids(s, name, null, { freeText: 'ada order-1' })).toEqual([]);
      expect(await ids(s, name, null, { freeText: 'lov*ce' })).toEqual(only(3));
      expect(await ids(s, name, null, { freeText: 'correlationId:BATCH*' })).toEqual(only(3));
      expect(await ids(s, name, null, { freeText: 'correlationId:order' })).toEqual([]);
      expect(await ids(s, name, null, { freeText: 'input.customer:ada*' })).toEqual(only(3));
      expect(await ids(s, name, null, { freeText: 'output.note:needle-in-output' })).toEqual(
        only(4),
      );
      expect(await ids(s, name, null, { freeText: 'noSuchField:x' })).toEqual([]);
      const sorted = { sort: [{ field: 'startTime', order: 'ASC' as const }] };
      expect(
        await ids(s, name, null, {
          ...sorted,
          freeText: `workflowType:${name} correlationId:order-*`,
        }),
      ).toEqual([0, 1, 4].map((i) => wfs[i]?.workflowId));
    });

    it('matches = wildcards without regard to case, exact values with it', async () => {
      const s = stores();
      const { name, wfs } = await seed(s);
      expect(await ids(s, name, cond('correlationId', '=', 'BATCH*'))).toEqual([
        wfs[3]?.workflowId,
      ]);
      expect(await ids(s, name, cond('correlationId', '=', 'BATCH-7'))).toEqual([]);
      expect(await ids(s, name, cond('correlationId', '=', 'batch-7'))).toEqual([
        wfs[3]?.workflowId,
      ]);
      expect(await ids(s, name, cond('status', '=', 'run%'))).toEqual([]);
      expect(await ids(s, name, cond('correlationId', '=', "x' OR '1'='1"))).toEqual([]);
      expect(await ids(s, name, cond('correlationId', '!=', 'order*'))).toHaveLength(2);
    });

    it('sorts, puts nulls last, pages and counts every hit', async () => {
      const s = stores();
      const { name, wfs } = await seed(s);
      const byStart = { sort: [{ field: 'startTime', order: 'DESC' as const }] };
      expect(await ids(s, name, null, byStart)).toEqual(
        [4, 3, 2, 1, 0].map((i) => wfs[i]?.workflowId),
      );
      expect(await ids(s, name, null, { ...byStart, start: 1, size: 2 })).toEqual([
        wfs[3]?.workflowId,
        wfs[2]?.workflowId,
      ]);
      const byEnd = await ids(s, name, null, {
        sort: [
          { field: 'endTime', order: 'DESC' },
          { field: 'startTime', order: 'ASC' },
        ],
      });
      expect(byEnd).toEqual([2, 1, 0, 3, 4].map((i) => wfs[i]?.workflowId));
      const page = await s.executions.searchWorkflows(
        searchRequest({ query: cond('workflowType', '=', name), start: 4, size: 10 }),
      );
      expect(page.totalHits).toBe(5);
      expect(page.results).toHaveLength(1);
    });

    it('returns workflows without tasks unless asked for them', async () => {
      const s = stores();
      const { name } = await seed(s);
      const request = searchRequest({ query: cond('workflowType', '=', name), size: 1 });
      const bare = await s.executions.searchWorkflows(request);
      expect(bare.results[0]?.tasks ?? []).toEqual([]);
      expect(bare.results[0]?.input).toBeDefined();
      const full = await s.executions.searchWorkflows(request, { includeTasks: true });
      expect(full.results[0]?.tasks).toHaveLength(1);
    });

    it('searches tasks by task fields', async () => {
      const s = stores();
      const { name, wfs } = await seed(s);
      const scoped = cond('workflowType', '=', name);
      const result = await s.executions.searchTasks(
        searchRequest({
          query: { type: 'and', items: [scoped, cond('status', '=', 'IN_PROGRESS')] },
          sort: [
            { field: 'scheduledTime', order: 'ASC' },
            { field: 'workflowId', order: 'ASC' },
          ],
        }),
      );
      expect(result.totalHits).toBe(2);
      expect(result.results.map((t) => t.workflowInstanceId).sort()).toEqual(
        [wfs[0]?.workflowId, wfs[3]?.workflowId].sort(),
      );
      const byWorkflow = await s.executions.searchTasks(
        searchRequest({ query: cond('workflowId', '=', wfs[1]?.workflowId ?? '') }),
      );
      expect(byWorkflow.results.map((t) => t.taskType)).toEqual(['task_a']);
      const byText = await s.executions.searchTasks(
        searchRequest({ query: scoped, freeText: wfs[2]?.workflowId ?? '' }),
      );
      expect(byText.results).toHaveLength(1);
    });

    it('rejects an unknown query or sort field with REQUEST_INVALID', async () => {
      const { executions } = stores();
      const unknown = cond('noSuchField', '=', 'x');
      expect(await errorCodeOf(executions.searchWorkflows(searchRequest({ query: unknown })))).toBe(
        'REQUEST_INVALID',
      );
      expect(await errorCodeOf(executions.searchTasks(searchRequest({ query: unknown })))).toBe(
        'REQUEST_INVALID',
      );
      const badSort = searchRequest({ sort: [{ field: 'noSuchField', order: 'ASC' }] });
      expect(await errorCodeOf(executions.searchWorkflows(badSort))).toBe('REQUEST_INVALID');
    });
  });
}
