import { describe, expect, it } from 'vitest';
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';
import { toJavaString } from './java-to-string.js';
import { buildParamsDocument } from './params-document.js';
import { findExpressions, resolveExpression, resolveValue } from './resolve-params.js';

function task(ref: string, seq: number, fields: Partial<Task> = {}): Task {
  return {
    taskId: `${ref}-${seq}`,
    taskType: 'SIMPLE',
    taskDefName: ref,
    referenceTaskName: ref,
    status: 'COMPLETED',
    inputData: {},
    outputData: {},
    seq,
    retryCount: 0,
    retried: false,
    executed: true,
    pollCount: 0,
    workflowInstanceId: 'wf',
    workflowType: 'w',
    workflowPriority: 0,
    scheduledTime: 0,
    startTime: 0,
    endTime: 0,
    updateTime: 0,
    startDelayInSeconds: 0,
    callbackAfterSeconds: 0,
    responseTimeoutSeconds: 0,
    callbackFromWorker: false,
    iteration: 0,
    workflowTask: { name: ref, taskReferenceName: ref },
    ...fields,
  };
}

function workflowWith(tasks: Task[], input: Record<string, unknown> = {}): Workflow {
  return {
    workflowId: 'wf',
    workflowName: 'w',
    workflowVersion: 1,
    status: 'RUNNING',
    input,
    output: {},
    variables: {},
    tasks,
    createTime: 0,
    startTime: 0,
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    priority: 0,
    workflowDefinition: { name: 'w', tasks: [] },
  };
}

const input = {
  id: 'x',
  list: [1, 2],
  map: { k: null, n: [true] },
  flag: false,
  ratio: 0.25,
  'odd key': 1,
};
const workflow = workflowWith(
  [
    task('fetch', 1, { outputData: { rows: [{ id: 1 }, { id: 2, inner: { id: 3 } }] } }),
    task('inner__1_1', 2, { iteration: 1, loopOverTask: true, outputData: { v: 'first' } }),
    task('inner__1_2', 3, { iteration: 2, loopOverTask: true, outputData: { v: 'second' } }),
    task('my__loop', 4, { taskType: 'DO_WHILE', iteration: 1, outputData: { iteration: 1 } }),
    task('legacy__3', 5, { iteration: 3, outputData: { v: 'suffix inferred' } }),
    task('skipped', 0, { status: 'SKIPPED' }),
    task('skipped', 6, { status: 'COMPLETED', outputData: { v: 'ran later' } }),
  ],
  input,
);
const ctx = { workflow };

describe('resolution edge cases', () => {
  it.each<[string, unknown]>([
    ['${workflow.input}', input],
    ["${workflow.input['odd key']}", 1],
    ['${workflow.input.list[1]}', 2],
    ['${workflow.input.list[-1]}', 2],
    ['${workflow.input.map.k}', null],
    ['${fetch.output..id}', [1, 2, 3]],
    ['${fetch.output.rows[?(@.inner)].id}', [2]],
    ['${fetch.output.rows[*].inner.id}', [3]],
    ['${workflow.input.${workflow.input.nope}}', null],
    ['flag=${workflow.input.flag}', 'flag=false'],
    ['ratio=${workflow.input.ratio}', 'ratio=0.25'],
    ['map=${workflow.input.map}', 'map={k=null, n=[true]}'],
    ['$${a} and $${b}', '${a} and ${b}'],
    ['$$${workflow.input.id}', '$${workflow.input.id}'],
    ['${inner.output.v}', 'second'],
    ['${my__loop.output.iteration}', 1],
    ['${legacy.output.v}', 'suffix inferred'],
    ['${skipped.output.v}', 'ran later'],
    ['{"json": "${workflow.input.id}"}', '{"json": "x"}'],
    ['${workflow.input.id}${workflow.input.id}', 'xx'],
  ])('resolves %s', (expression, expected) => {
    expect(resolveExpression(expression, ctx)).toEqual(expected);
  });

  it('passes non-string scalars through untouched', () => {
    expect(resolveValue([1, true, null, 2.5, { a: false }], ctx)).toEqual([
      1,
      true,
      null,
      2.5,
      { a: false },
    ]);
  });

  it('reads workflow fields that are unset as null', () => {
    const doc = buildParamsDocument(workflow) as { workflow: Record<string, unknown> };
    expect(doc.workflow.correlationId).toBeNull();
    expect(doc.workflow.parentWorkflowTaskId).toBeNull();
    expect(doc.workflow.reasonForIncompletion).toBeNull();
  });
});

describe('findExpressions', () => {
  it.each<[string, string[]]>([
    ['${a}', ['${a}']],
    ['x ${a} y ${b.c[0]}', ['${a}', '${b.c[0]}']],
    ['${a.${b}}', ['${a.${b}}']],
    ['$${a}', []],
    ['${a', []],
    ['{${a}}', ['${a}']],
  ])('finds the expressions of %j', (text, expected) => {
    expect(findExpressions(text).map(({ start, end }) => text.slice(start, end))).toEqual(expected);
  });
});

describe('toJavaString', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [undefined, 'null'],
    ['text', 'text'],
    [3, '3'],
    [1.5, '1.5'],
    [true, 'true'],
    [[], '[]'],
    [{}, '{}'],
    [['a', 1, null], '[a, 1, null]'],
    [{ a: { b: [1, 2] }, c: 'x' }, '{a={b=[1, 2]}, c=x}'],
  ])('renders %j as %j', (value, expected) => {
    expect(toJavaString(value)).toBe(expected);
  });
});
