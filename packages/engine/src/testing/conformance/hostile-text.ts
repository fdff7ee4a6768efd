import { describe, expect, it } from 'vitest';
import type { SearchExpression } from '../../search/search-query.js';
import {
  searchRequest,
  task,
  uniqueName,
  workflow,
  workflowDef,
  type GetStores,
} from './fixtures.js';

/**
 * Strings that are valid JSON but that SQL databases refuse or alter: NUL, unpaired high and low
 * surrogates, a private-use character some encodings use as an escape marker (alone and before
 * hex digits), a literal backslash-u sequence and a well-formed surrogate pair.
 */
const HOSTILE = [
  'nul:\u0000:end',
  'high:\uD800:end',
  'low:\uDC00:end',
  'reversed:\uDC00\uD800',
  'marker:\uE000:end',
  'marker-hex:\uE0000000',
  'escaped:\\u0000',
  'pair:\uD83D\uDE00',
] as const;

/** An object holding every hostile string as a value, as a key and nested in an array. */
function hostileValue(): Record<string, unknown> {
  const value: Record<string, unknown> = { list: [...HOSTILE] };
  HOSTILE.forEach((s, i) => {
    value[`k${i}`] = s;
    value[s] = i;
  });
  return value;
}

const byName = (name: string): SearchExpression => ({
  type: 'condition',
  field: 'workflowType',
  op: '=',
  values: [name],
});

/** Every store keeps hostile text faithfully wherever it goes: documents, columns, logs, search. */
export function describeHostileTextConformance(stores: GetStores): void {
  describe('hostile text', () => {
    it('stores NUL, unpaired surrogates and marker characters and reads them back unchanged', async () => {
      const { executions } = stores();
      const name = uniqueName('text');
      const correlationId = `corr\u0000\uD800${name}`;
      const idempotencyKey = `key\u0000\uDC00\uE000${name}`;
      const wf = workflow(name, {
        input: hostileValue(),
        correlationId,
        idempotencyKey,
        reasonForIncompletion: 'reason\u0000\uD800',
      });
      const first = task(wf, 1, { inputData: hostileValue() });
      wf.tasks = [first];
      await executions.createExecution(wf);

      const created = await executions.getExecution(wf.workflowId);
      expect(created?.workflow.input).toEqual(hostileValue());
      expect(created?.workflow.correlationId).toBe(correlationId);
      expect(created?.workflow.tasks[0]?.inputData).toEqual(hostileValue());

      const done = {
        ...first,
        status: 'COMPLETED' as const,
        outputData: hostileValue(),
        reasonForIncompletion: 'worker\u0000said',
      };
      await executions.saveExecution({
        workflow: { ...wf, output: hostileValue(), tasks: [] },
        expectedRevision: 1,
        upsertTasks: [done],
        deleteTaskIds: [],
      });
      const saved = await executions.getExecution(wf.workflowId);
      expect(saved?.revision).toBe(2);
      expect(saved?.workflow.output).toEqual(hostileValue());
      expect(saved?.workflow.reasonForIncompletion).toBe('reason\u0000\uD800');
      expect((await executions.getTask(first.taskId))?.outputData).toEqual(hostileValue());
      expect((await executions.getTask(first.taskId))?.reasonForIncompletion).toBe(
        'worker\u0000said',
      );
      expect((await executions.findByIdempotencyKey(name, idempotencyKey))?.workflowId).toBe(
        wf.workflowId,
      );
      const correlated = await executions.getWorkflowsByCorrelationId(name, correlationId, {
        includeClosed: true,
        includeTasks: true,
      });
      expect(correlated.map((w) => w.workflowId)).toEqual([wf.workflowId]);
      expect(correlated[0]?.tasks[0]?.outputData).toEqual(hostileValue());
    });

    it('keeps answering searches, with the hostile documents intact, once one is stored', async () => {
      const { executions } = stores();
      const name = uniqueName('text');
      const hostile = workflow(name, { input: hostileValue(), output: hostileValue() });
      hostile.tasks = [task(hostile, 1, { outputData: hostileValue() })];
      const plain = workflow(name);
      await executions.createExecution(hostile);
      await executions.createExecution(plain);
      const found = await executions.searchWorkflows(
        searchRequest({ query: byName(name), freeText: '*' }),
        { includeTasks: true },
      );
      expect(found.totalHits).toBe(2);
      const again = found.results.find((w) => w.workflowId === hostile.workflowId);
      expect(again?.input).toEqual(hostileValue());
      expect(again?.tasks[0]?.outputData).toEqual(hostileValue());
      const everything = await executions.searchWorkflows(searchRequest({ size: 1 }));
      expect(everything.totalHits).toBeGreaterThanOrEqual(2);
      const tasks = await executions.searchTasks(
        searchRequest({
          query: { type: 'condition', field: 'workflowId', op: '=', values: [hostile.workflowId] },
        }),
      );
      expect(tasks.results.map((t) => t.outputData)).toEqual([hostileValue()]);
    });

    it('keeps hostile text in task logs and definitions', async () => {
      const { executions, definitions } = stores();
      const taskId = uniqueName('task');
      await executions.addTaskLogs([{ taskId, log: 'log\u0000\uD800\uE000', createdTime: 1 }]);
      expect((await executions.getTaskLogs(taskId)).map((l) => l.log)).toEqual([
        'log\u0000\uD800\uE000',
      ]);
      const name = uniqueName('def');
      const def = workflowDef(name, 1, {
        description: 'desc\u0000\uDC00',
        inputTemplate: hostileValue(),
      });
      await definitions.saveWorkflowDef(def, { overwrite: true });
      const stored = await definitions.getWorkflowDef(name, 1);
      expect(stored?.description).toBe('desc\u0000\uDC00');
      expect(stored?.inputTemplate).toEqual(hostileValue());
    });
  });
}
