import { describe, expect, it } from 'vitest';
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';
import { resolveExpression, resolveParams, resolveWithDocument } from './resolve-params.js';
import { buildParamsDocument, lazyParamsDocument, stripLoopSuffix } from './params-document.js';

function task(ref: string, seq: number, fields: Partial<Task> = {}): Task {
  return {
    taskId: `id-${ref}-${seq}`,
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
    pollCount: 1,
    workflowInstanceId: 'wf-1',
    workflowType: 'orders',
    workflowPriority: 0,
    scheduledTime: 10,
    startTime: 11,
    endTime: 12,
    updateTime: 12,
    startDelayInSeconds: 0,
    callbackAfterSeconds: 0,
    responseTimeoutSeconds: 3600,
    callbackFromWorker: true,
    iteration: 0,
    workflowTask: { name: ref, taskReferenceName: ref },
    ...fields,
  };
}

const workflow: Workflow = {
  workflowId: 'wf-1',
  workflowName: 'orders',
  workflowVersion: 3,
  status: 'RUNNING',
  correlationId: 'corr-9',
  input: {
    orderId: 'o-1',
    count: 2,
    price: 1.5,
    flag: true,
    which: 'orderId',
    list: ['a', 'b'],
    obj: { a: 1, b: 'x' },
  },
  output: {},
  variables: { region: 'eu' },
  tasks: [
    task('fetch', 1, {
      outputData: {
        items: [
          { id: 7, ok: true },
          { id: 8, ok: false },
        ],
      },
      inputData: { q: 'in' },
    }),
    task('charge', 2, { status: 'FAILED', outputData: { attempt: 0 }, retried: true }),
    task('charge', 3, { retryCount: 1, outputData: { attempt: 1 }, taskId: 'charge-retry' }),
    task('loop', 4, {
      taskType: 'DO_WHILE',
      status: 'IN_PROGRESS',
      iteration: 2,
      outputData: { iteration: 2 },
    }),
    task('step__1', 5, { iteration: 1, loopOverTask: true, outputData: { n: 1 } }),
    task('step__2', 6, { iteration: 2, loopOverTask: true, outputData: { n: 2 } }),
    task('odd__ref', 7, { outputData: { v: 'kept' } }),
  ],
  createTime: 1,
  startTime: 1,
  failedReferenceTaskNames: [],
  failedTaskNames: [],
  priority: 0,
  workflowDefinition: { name: 'orders', version: 3, schemaVersion: 2, tasks: [] },
};

const ctx = { workflow, taskId: 'task-42' };

describe('resolveExpression', () => {
  it.each<[string, unknown]>([
    ['${workflow.input.orderId}', 'o-1'],
    ['${workflow.input.count}', 2],
    ['${workflow.input.flag}', true],
    ['${workflow.input.list}', ['a', 'b']],
    ['${workflow.input.obj}', { a: 1, b: 'x' }],
    ['${workflow.input.missing}', null],
    ['${workflow.variables.region}', 'eu'],
    ['${workflow.workflowId}', 'wf-1'],
    ['${workflow.workflowType}', 'orders'],
    ['${workflow.version}', 3],
    ['${workflow.status}', 'RUNNING'],
    ['${workflow.correlationId}', 'corr-9'],
    ['${workflow.schemaVersion}', 2],
    ['${workflow.parentWorkflowId}', null],
    ['${workflow.createTime}', null],
    ['${workflow.priority}', null],
    ['${fetch.output.items[0].id}', 7],
    ['${fetch.output.items[*].id}', [7, 8]],
    ['${fetch.output.items[?(@.ok == true)].id}', [7]],
    ['${fetch.output.items.length()}', 2],
    ['${fetch.input.q}', 'in'],
    ['${fetch.status}', 'COMPLETED'],
    ['${fetch.taskId}', 'id-fetch-1'],
    ['${charge.output.attempt}', 1],
    ['${charge.retryCount}', 1],
    ['${step.output.n}', 2],
    ['${step.iteration}', 2],
    ['${step__1.output.n}', null],
    ['${loop.output.iteration}', 2],
    ['${odd__ref.output.v}', 'kept'],
    ['${notScheduled.output.x}', null],
    ['${CPEWF_TASK_ID}', 'task-42'],
    ['${workflow.input.${workflow.input.which}}', 'o-1'],
    ['id-${workflow.input.orderId}', 'id-o-1'],
    ['id-${workflow.input.missing}', 'id-null'],
    ['n=${workflow.input.count}', 'n=2'],
    ['p=${workflow.input.price}', 'p=1.5'],
    ['${workflow.input.obj} as text', '{a=1, b=x} as text'],
    ['list ${workflow.input.list}', 'list [a, b]'],
    ['${workflow.input.orderId}-${workflow.input.count}', 'o-1-2'],
    ['$${workflow.input.orderId}', '${workflow.input.orderId}'],
    ['a $${x} and ${workflow.input.orderId}', 'a ${x} and o-1'],
    ['${}', ''],
    ['${  }', ''],
    ['x${}y', 'xy'],
    ['plain text', 'plain text'],
    ['${unclosed', '${unclosed'],
    ['${workflow.input.bad path}', null],
    ['${NETFLIX_ENV}', '${NETFLIX_ENV}'],
    ['${workflow.secrets.key}', '${workflow.secrets.key}'],
  ])('resolves %s', (expression, expected) => {
    expect(resolveExpression(expression, ctx)).toEqual(expected);
  });

  it('leaves ${CPEWF_TASK_ID} literal when no task id is given', () => {
    expect(resolveExpression('${CPEWF_TASK_ID}', { workflow })).toBe('${CPEWF_TASK_ID}');
  });

  it('reads allow-listed system parameters from the context', () => {
    const withEnv = { workflow, systemParameters: { NETFLIX_ENV: 'test', REGION: 'us' } };
    expect(resolveExpression('${NETFLIX_ENV}/${REGION}', withEnv)).toBe('test/us');
  });
});

describe('resolveParams', () => {
  it('walks nested maps and lists and keeps null-valued keys', () => {
    const params = {
      id: '${workflow.input.orderId}',
      nested: { ids: ['${fetch.output.items[0].id}', 'x-${workflow.input.count}', 5, true, null] },
      deeper: [{ k: '${workflow.input.flag}' }, [['${workflow.input.missing}']]],
      gone: '${workflow.input.missing}',
      number: 12,
    };
    expect(resolveParams(params, ctx)).toEqual({
      id: 'o-1',
      nested: { ids: [7, 'x-2', 5, true, null] },
      deeper: [{ k: true }, [[null]]],
      gone: null,
      number: 12,
    });
  });

  it('does not mutate the input parameters', () => {
    const params = { a: { b: '${workflow.input.orderId}' } };
    resolveParams(params, ctx);
    expect(params.a.b).toBe('${workflow.input.orderId}');
  });

  it('returns copies that do not alias the workflow input for whole-value lists', () => {
    const out = resolveParams({ l: '${workflow.input.list}' }, ctx);
    expect(out.l).toEqual(['a', 'b']);
    (out.l as string[]).push('c');
    expect(workflow.input.list).toEqual(['a', 'b']);
  });
});

describe('params document', () => {
  it('keys loop tasks without their suffix and keeps the latest attempt', () => {
    const doc = buildParamsDocument(workflow);
    expect(Object.keys(doc).sort()).toEqual([
      'charge',
      'fetch',
      'loop',
      'odd__ref',
      'step',
      'workflow',
    ]);
    expect((doc.charge as { taskId: string }).taskId).toBe('charge-retry');
  });

  it('strips composite nested-loop suffixes', () => {
    expect(stripLoopSuffix('step__2')).toBe('step');
    expect(stripLoopSuffix('step__1_3')).toBe('step');
    expect(stripLoopSuffix('step')).toBe('step');
  });

  it('resolves against an arbitrary document', () => {
    expect(resolveWithDocument({ a: '${x.y}' }, { x: { y: [1] } })).toEqual({ a: [1] });
  });
});

describe('lazy params document', () => {
  const lazy = lazyParamsDocument(workflow);
  const eager = buildParamsDocument(workflow);
  it.each([
    '${workflow.input.orderId}',
    '${workflow.variables.region}',
    '${fetch.output.items[*].id}',
    '${charge.output.attempt}',
    '${charge.taskId}',
    '${step.output.n}',
    '${odd__ref.output.v}',
    '${loop.status}',
    '${missing.output}',
    '${toString}',
    '${__proto__}',
    '${$.*.taskId}',
    '${$..n}',
    '${$}',
    'id-${fetch.output.items[0].id}-${missing}',
  ])('resolves %s as the whole document does', (expression) => {
    expect(resolveWithDocument(expression, lazy)).toEqual(resolveWithDocument(expression, eager));
  });

  it('hands the whole document out as a plain object and lists the same keys', () => {
    const whole = resolveWithDocument('${$}', lazy);
    expect(whole).toEqual(eager);
    expect(Object.keys(lazy).sort()).toEqual(Object.keys(eager).sort());
  });

  it('reads only the tasks from the end back to the one an expression names', () => {
    const read = new Set<string>();
    const tasks = workflow.tasks.map(
      (t) =>
        new Proxy(t, {
          get: (target, key) => {
            read.add(target.taskId);
            return Reflect.get(target, key) as unknown;
          },
        }),
    );
    const doc = lazyParamsDocument({ ...workflow, tasks });
    expect(resolveWithDocument('${step.output.n}', doc)).toBe(2);
    // step__2 is the second task from the end.
    expect([...read]).toEqual(['id-odd__ref-7', 'id-step__2-6']);
  });
});
