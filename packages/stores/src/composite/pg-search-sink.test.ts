import { describe, expect, it } from 'vitest';
import type { Workflow } from '@baton/engine';
import { workflowParams } from '../postgres/rows.js';
import { decodeJsonText } from '../postgres/safe-text.js';
import { indexedWorkflowRecord } from './pg-search-sink.js';

const workflow = (overrides: Partial<Workflow> = {}): Workflow =>
  ({
    workflowId: 'wf-1',
    workflowName: 'order',
    workflowVersion: 2,
    status: 'RUNNING',
    correlationId: null,
    input: {},
    output: {},
    variables: {},
    tasks: [],
    createTime: 10,
    startTime: 11,
    updateTime: 12,
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    priority: 0,
    workflowDefinition: { name: 'order', version: 2, tasks: [] },
    ...overrides,
  }) as Workflow;

describe('indexedWorkflowRecord', () => {
  it('is the JSON of the columns with the document under data', () => {
    const wf = workflow({ correlationId: 'c-1', input: { n: 1 } });
    const { tasks: _tasks, ...document } = wf;
    expect(JSON.parse(indexedWorkflowRecord(workflowParams(wf), 7))).toEqual({
      revision: 7,
      workflow_id: 'wf-1',
      workflow_name: 'order',
      workflow_version: 2,
      status: 'RUNNING',
      correlation_id: 'c-1',
      create_time: 10,
      start_time: 11,
      end_time: null,
      update_time: 12,
      parent_workflow_id: null,
      idempotency_key: null,
      priority: 0,
      search_text: 'wf-1\norder\nc-1\n{"n":1}\n{}',
      data: document,
    });
  });

  it('keeps quotes, backslashes, non-ASCII text, U+2028, NUL and lone surrogates intact', () => {
    const text = 'say "hi"\\ naïve 東京 🚀 \u2028 \ud800 \u0001 \u0000 }]';
    const wf = workflow({ input: { [text]: text }, output: { s: text }, variables: { k: [text] } });
    const params = workflowParams(wf);
    const record = indexedWorkflowRecord(params, 1);
    // What Postgres stores holds neither NUL nor a lone surrogate; read back, it is the original.
    expect(record).not.toMatch(/(?<!\\)\\u(0000|d800)/);
    // Postgres reads the escapes into characters and gives the document back as JSON text.
    const stored = JSON.stringify(JSON.parse(record));
    const parsed = JSON.parse(decodeJsonText(stored)) as Record<string, unknown>;
    const { tasks: _tasks, ...document } = wf;
    expect(parsed.data).toEqual(JSON.parse(JSON.stringify(document)));
    expect((parsed.data as Workflow).output).toEqual({ s: text });
    expect(parsed.search_text).toBe(params[12]);
  });

  it('embeds a data text of null, and stringifies data that is not text', () => {
    const params = workflowParams(workflow());
    expect(JSON.parse(indexedWorkflowRecord([...params.slice(0, 13), 'null'], 3))).toMatchObject({
      revision: 3,
      data: null,
    });
    expect(JSON.parse(indexedWorkflowRecord([...params.slice(0, 13), { a: 1 }], 3)).data).toEqual({
      a: 1,
    });
    expect(JSON.parse(indexedWorkflowRecord(params.slice(0, 13), 3)).data).toBeNull();
  });

  it('makes records that join into one JSON array', () => {
    const records = [workflow({ workflowId: 'a' }), workflow({ workflowId: 'b' })].map((wf, i) =>
      indexedWorkflowRecord(workflowParams(wf), i + 1),
    );
    const array = JSON.parse(`[${records.join(',')}]`) as Array<{ workflow_id: string }>;
    expect(array.map((r) => r.workflow_id)).toEqual(['a', 'b']);
  });
});
