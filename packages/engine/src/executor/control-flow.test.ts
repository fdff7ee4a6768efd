import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '../model/workflow-def.js';
import { createHarness, simple } from './harness.testkit.js';

const fork = (ref: string, branches: WorkflowTask[][]): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type: 'FORK_JOIN',
  forkTasks: branches,
});
const join = (ref: string, joinOn: string[]): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type: 'JOIN',
  joinOn,
});

describe('SWITCH and DECISION', () => {
  const switchDef = (extra: Partial<WorkflowTask>): WorkflowTask[] => [
    {
      name: 'sw',
      taskReferenceName: 'sw',
      type: 'SWITCH',
      inputParameters: { kind: '${workflow.input.kind}' },
      decisionCases: { a: [simple('caseA')], b: [simple('caseB1'), simple('caseB2')], empty: [] },
      defaultCase: [simple('dflt')],
      ...extra,
    },
    simple('after'),
  ];

  it.each([
    ['value-param', { evaluatorType: 'value-param', expression: 'kind' }, 'a', ['caseA']],
    ['value-param default', { evaluatorType: 'value-param', expression: 'kind' }, 'zzz', ['dflt']],
    [
      'javascript',
      { evaluatorType: 'javascript', expression: '$.kind == "x" ? "a" : "b"' },
      'x',
      ['caseA'],
    ],
    [
      'javascript other',
      { evaluatorType: 'javascript', expression: '$.kind == "x" ? "a" : "b"' },
      'y',
      ['caseB1', 'caseB2'],
    ],
    ['explicit empty case', { evaluatorType: 'value-param', expression: 'kind' }, 'empty', []],
  ])(
    'schedules the selected case (%s) and continues after the switch',
    async (_n, extra, kind, expected) => {
      const h = createHarness();
      await h.registerWorkflow({ tasks: switchDef(extra as Partial<WorkflowTask>) });
      const id = await h.start('wf', { kind });
      for (const ref of expected) await h.complete(ref);
      await h.complete('after');
      const wf = await h.workflow(id);
      expect(wf.status).toBe('COMPLETED');
      expect(wf.tasks.map((t) => t.referenceTaskName)).toEqual(['sw', ...expected, 'after']);
      const sw = wf.tasks[0];
      expect(sw?.status).toBe('COMPLETED');
      expect(sw?.outputData.evaluationResult).toHaveLength(1);
    },
  );

  it('fails the workflow when the javascript expression throws', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: switchDef({ evaluatorType: 'javascript', expression: 'nope.x' }),
    });
    const id = await h.start('wf', { kind: 'a' });
    const wf = await h.workflow(id);
    expect(wf.status).toBe('FAILED');
    expect(wf.tasks[0]?.status).toBe('FAILED');
    expect(wf.reasonForIncompletion).toMatch(/failed with status: FAILED/);
  });

  it('supports DECISION with caseValueParam and falls back to default on an empty case', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'd',
          taskReferenceName: 'd',
          type: 'DECISION',
          caseValueParam: 'k',
          inputParameters: { k: '${workflow.input.k}' },
          decisionCases: { one: [simple('one')], none: [] },
          defaultCase: [simple('dflt')],
        },
      ],
    });
    const id1 = await h.start('wf', { k: 'one' });
    await h.complete('one');
    expect((await h.workflow(id1)).tasks[0]?.outputData).toEqual({ caseOutput: ['one'] });
    const id2 = await h.start('wf', { k: 'none' });
    await h.complete('dflt');
    expect((await h.workflow(id2)).status).toBe('COMPLETED');
  });
});

describe('FORK_JOIN and JOIN', () => {
  it('schedules FORK, the first task of each branch and the JOIN in one pass and joins outputs', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        fork('f', [[simple('a1'), simple('a2')], [simple('b1')]]),
        join('j', ['a2', 'b1']),
        simple('after', 'after', { inputParameters: { j: '${j.output}' } }),
      ],
    });
    const id = await h.start('wf');
    expect(await h.refs(id)).toEqual([
      'f:COMPLETED',
      'a1:SCHEDULED',
      'b1:SCHEDULED',
      'j:IN_PROGRESS',
    ]);
    expect((await h.task(id, 'f')).taskType).toBe('FORK');
    await h.complete('b1', { b: 1 });
    await h.complete('a1');
    expect((await h.task(id, 'j')).status).toBe('IN_PROGRESS');
    await h.complete('a2', { a: 2 });
    const joined = await h.task(id, 'j');
    expect(joined.status).toBe('COMPLETED');
    expect(joined.outputData).toEqual({ a2: { a: 2 }, b1: { b: 1 } });
    const after = await h.complete('after');
    expect(after.inputData.j).toEqual({ a2: { a: 2 }, b1: { b: 1 } });
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('fails the workflow and cancels the JOIN when a non-optional branch fails', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'a', retryCount: 0 });
    await h.registerWorkflow({
      tasks: [fork('f', [[simple('a')], [simple('b')]]), join('j', ['a', 'b'])],
    });
    const id = await h.start('wf');
    await h.fail('a', 'bad');
    const wf = await h.workflow(id);
    expect(wf.status).toBe('FAILED');
    expect(await h.refs(id)).toEqual(['f:COMPLETED', 'a:FAILED', 'b:CANCELED', 'j:CANCELED']);
    expect(wf.failedReferenceTaskNames).toEqual(['a']);
  });

  it('completes a JOIN with COMPLETED_WITH_ERRORS after an optional branch fails', async () => {
    const h = createHarness();
    await h.registerTasks({ name: 'a', retryCount: 0 });
    await h.registerWorkflow({
      tasks: [
        fork('f', [[simple('a', 'a', { optional: true })], [simple('b')]]),
        join('j', ['a', 'b']),
      ],
    });
    const id = await h.start('wf');
    await h.fail('a');
    expect((await h.task(id, 'j')).status).toBe('IN_PROGRESS');
    await h.complete('b');
    expect((await h.task(id, 'j')).status).toBe('COMPLETED_WITH_ERRORS');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('fails the workflow when a fork is not followed by a join', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [fork('f', [[simple('a')]]), simple('x')] });
    const wf = await h.workflow(await h.start('wf'));
    expect(wf.status).toBe('FAILED');
    expect(wf.reasonForIncompletion).toBe(
      'Fork task definition is not followed by a join task.  Check the blueprint',
    );
  });

  it('runs a fork nested in a switch case and continues after the switch', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'sw',
          taskReferenceName: 'sw',
          type: 'SWITCH',
          evaluatorType: 'value-param',
          expression: 'k',
          inputParameters: { k: 'x' },
          decisionCases: {
            x: [fork('f', [[simple('a')], [simple('b')]]), join('j', ['a', 'b']), simple('c')],
          },
        },
        simple('end'),
      ],
    });
    const id = await h.start('wf');
    expect(await h.refs(id)).toEqual([
      'sw:COMPLETED',
      'f:COMPLETED',
      'a:SCHEDULED',
      'b:SCHEDULED',
      'j:IN_PROGRESS',
    ]);
    await h.complete('a');
    await h.complete('b');
    await h.complete('c');
    await h.complete('end');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('takes the output of whichever branch ran in an EXCLUSIVE_JOIN', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'sw',
          taskReferenceName: 'sw',
          type: 'SWITCH',
          evaluatorType: 'value-param',
          expression: 'k',
          inputParameters: { k: '${workflow.input.k}' },
          decisionCases: { a: [simple('a')], b: [simple('b')] },
        },
        { name: 'xj', taskReferenceName: 'xj', type: 'EXCLUSIVE_JOIN', joinOn: ['a', 'b'] },
      ],
    });
    const id = await h.start('wf', { k: 'b' });
    await h.complete('b', { picked: 'b' });
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    expect((await h.task(id, 'xj')).outputData).toEqual({ picked: 'b' });
  });
});

describe('TERMINATE in a branch', () => {
  it('ends the workflow with the termination status and cancels the other branch', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        fork('f', [
          [
            {
              name: 't',
              taskReferenceName: 't',
              type: 'TERMINATE',
              inputParameters: {
                terminationStatus: 'FAILED',
                terminationReason: 'stop',
                workflowOutput: { why: 'stop' },
              },
            },
          ],
          [simple('b')],
        ]),
        join('j', ['t', 'b']),
      ],
    });
    const id = await h.start('wf');
    const wf = await h.workflow(id);
    expect(wf.status).toBe('FAILED');
    expect(wf.reasonForIncompletion).toBe('stop');
    expect(wf.output).toEqual({ why: 'stop' });
    expect(await h.refs(id)).toEqual(['f:COMPLETED', 't:COMPLETED', 'b:CANCELED', 'j:CANCELED']);
    expect(await h.stores.queue.size('b')).toBe(0);
  });
});
