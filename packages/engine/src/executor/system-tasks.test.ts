import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '../model/workflow-def.js';
import { createHarness, simple } from './harness.testkit.js';

const node = (type: string, ref: string, extra: Partial<WorkflowTask> = {}): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type,
  ...extra,
});

describe('sync system tasks', () => {
  it.each([
    [
      'INLINE',
      { inputParameters: { evaluatorType: 'javascript', expression: '$.a + 1', a: 1 } },
      'COMPLETED',
      { result: 2 },
    ],
    [
      'INLINE',
      { inputParameters: { evaluatorType: 'javascript', expression: 'nope()' } },
      'FAILED_WITH_TERMINAL_ERROR',
      { error: 'nope is not defined' },
    ],
    [
      'INLINE',
      { inputParameters: { evaluatorType: 'value-param', expression: 'a', a: 'x' } },
      'COMPLETED',
      { result: 'x' },
    ],
    [
      'LAMBDA',
      { scriptExpression: 'return $.a * 2', inputParameters: { a: 4 } },
      'COMPLETED',
      { result: 8 },
    ],
    [
      'JSON_JQ_TRANSFORM',
      { inputParameters: { queryExpression: '.v', v: { k: 1 } } },
      'COMPLETED',
      { result: { k: 1 }, resultList: [{ k: 1 }] },
    ],
    [
      'JSON_JQ_TRANSFORM',
      { inputParameters: { queryExpression: 'error' } },
      'FAILED',
      { error: 'jq: error: syntax error' },
    ],
    ['NOOP', {}, 'COMPLETED', {}],
    ['SET_VARIABLE', { inputParameters: { v: 7 } }, 'COMPLETED', {}],
  ])('runs %s inside the decide loop (%#)', async (type, extra, status, output) => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [node(type, 't', extra as Partial<WorkflowTask>), simple('after')],
    });
    const id = await h.start('wf');
    const task = await h.task(id, 't');
    expect(task.status).toBe(status);
    expect(task.outputData).toEqual(output);
  });

  it('merges SET_VARIABLE input into workflow.variables, readable by later tasks', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      variables: { keep: 1 },
      tasks: [
        node('SET_VARIABLE', 'sv', { inputParameters: { v: '${workflow.input.v}' } }),
        simple('use', 'use', { inputParameters: { v: '${workflow.variables.v}' } }),
      ],
    });
    const id = await h.start('wf', { v: 'hello' });
    expect((await h.workflow(id)).variables).toEqual({ keep: 1, v: 'hello' });
    expect((await h.complete('use')).inputData).toEqual({ v: 'hello' });
  });

  it.each([
    ['COMPLETED', 'COMPLETED', null],
    ['TERMINATED', 'TERMINATED', 'Workflow is TERMINATED by TERMINATE task: id-2'],
  ])(
    'ends the workflow %s through TERMINATE with its workflowOutput',
    async (requested, status, reason) => {
      const h = createHarness();
      await h.registerWorkflow({
        outputParameters: { ignored: true },
        tasks: [
          node('TERMINATE', 't', {
            inputParameters: { terminationStatus: requested, workflowOutput: 5 },
          }),
          simple('never'),
        ],
      });
      const wf = await h.workflow(await h.start('wf'));
      expect(wf.status).toBe(status);
      expect(wf.output).toEqual({ output: 5 });
      expect(wf.reasonForIncompletion).toBe(reason);
      expect(wf.tasks.map((t) => t.referenceTaskName)).toEqual(['t']);
    },
  );

  it('publishes EVENT payloads to the sink and completes', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      name: 'evwf',
      tasks: [node('EVENT', 'ev', { sink: 'conductor', inputParameters: { p: 1 } })],
    });
    const id = await h.start('evwf');
    expect(h.published).toHaveLength(1);
    expect(h.published[0]?.sink).toBe('conductor:evwf:ev');
    expect(h.published[0]?.payload).toMatchObject({
      p: 1,
      workflowInstanceId: id,
      event_produced: 'conductor:evwf:ev',
    });
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('keeps HUMAN IN_PROGRESS until an update by reference completes it', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [node('HUMAN', 'approve')] });
    const id = await h.start('wf');
    expect(await h.executor.pollTasks('HUMAN', { count: 1 })).toEqual([]);
    expect((await h.task(id, 'approve')).status).toBe('IN_PROGRESS');
    await h.executor.updateTaskByRef(id, 'approve', 'COMPLETED', { ok: true });
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    expect(wf.output).toEqual({ ok: true });
  });
});

describe('WAIT', () => {
  it('completes a duration wait once the time has passed (via its WAIT queue message)', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [node('WAIT', 'w', { inputParameters: { duration: '1m 30s' } }), simple('after')],
    });
    const id = await h.start('wf');
    const wait = await h.task(id, 'w');
    expect([wait.status, wait.callbackAfterSeconds]).toEqual(['IN_PROGRESS', 90]);
    expect(await h.executor.runSystemTasks('WAIT', 10)).toBe(0);
    h.clock.advanceSeconds(90);
    expect(await h.executor.runSystemTasks('WAIT', 10)).toBe(1);
    expect((await h.task(id, 'w')).status).toBe('COMPLETED');
    expect((await h.task(id, 'after')).status).toBe('SCHEDULED');
  });

  it('waits until an absolute time, and fails when both inputs are given', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        node('WAIT', 'w', {
          inputParameters: { until: '${workflow.input.until}', duration: '${workflow.input.d}' },
        }),
      ],
    });
    const id = await h.start('wf', { until: '2026-01-01 00:10 UTC' });
    h.clock.advanceSeconds(599);
    await h.executor.sweep(10);
    expect((await h.task(id, 'w')).status).toBe('IN_PROGRESS');
    h.clock.advanceSeconds(1);
    await h.executor.decide(id);
    expect((await h.workflow(id)).status).toBe('COMPLETED');
    const both = await h.workflow(await h.start('wf', { until: '2026-01-01', d: '1s' }));
    expect(both.tasks[0]?.status).toBe('FAILED_WITH_TERMINAL_ERROR');
    expect(both.status).toBe('FAILED');
  });
});

describe('HTTP', () => {
  const http = (request: Record<string, unknown>): WorkflowTask =>
    node('HTTP', 'call', { inputParameters: { http_request: request } });

  it('calls the HttpCaller and completes with the response on 2xx', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        http({
          uri: 'https://api.example/x',
          method: 'post',
          body: { a: 1 },
          headers: { 'X-A': 'b' },
        }),
      ],
    });
    const id = await h.start('wf');
    expect((await h.task(id, 'call')).status).toBe('SCHEDULED');
    expect(await h.executor.runSystemTasks('HTTP', 5)).toBe(1);
    expect(h.http.requests[0]).toMatchObject({
      uri: 'https://api.example/x',
      method: 'POST',
      body: '{"a":1}',
    });
    expect(h.http.requests[0]?.headers).toMatchObject({
      'X-A': 'b',
      'Content-Type': 'application/json',
    });
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    expect(wf.tasks[0]?.outputData).toEqual({
      response: { statusCode: 200, reasonPhrase: 'OK', headers: {}, body: { ok: true } },
    });
  });

  it('fails on a non-2xx answer, on a thrown error, and without a uri', async () => {
    const h = createHarness();
    h.http.respond = () => ({
      statusCode: 503,
      reasonPhrase: 'Service Unavailable',
      headers: {},
      body: 'down',
    });
    await h.registerWorkflow({ name: 'a', tasks: [http({ uri: 'https://x', method: 'GET' })] });
    await h.registerWorkflow({ name: 'b', tasks: [http({ method: 'GET' })] });
    const a = await h.start('a');
    const b = await h.start('b');
    await h.executor.runSystemTasks('HTTP', 5);
    const failed = (await h.workflow(a)).tasks[0];
    expect([failed?.status, failed?.reasonForIncompletion]).toEqual(['FAILED', 'down']);
    expect((failed?.outputData.response as { statusCode: number }).statusCode).toBe(503);
    expect((await h.workflow(b)).tasks[0]?.reasonForIncompletion).toMatch(/^Missing HTTP URI/);
    h.http.respond = () => {
      throw new Error('connect ECONNREFUSED');
    };
    const c = await h.start('a');
    await h.executor.runSystemTasks('HTTP', 5);
    expect((await h.workflow(c)).tasks[0]?.reasonForIncompletion).toBe(
      'Failed to invoke HTTP task due to: connect ECONNREFUSED',
    );
  });
});

describe('HTTP responses nested too deep', () => {
  it('fails the task with a reason instead of failing every save', async () => {
    const h = createHarness();
    const body = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    h.http.respond = () => ({ statusCode: 200, reasonPhrase: 'OK', headers: {}, body });
    await h.registerWorkflow({
      tasks: [
        node('HTTP', 'call', {
          inputParameters: { http_request: { uri: 'https://x', method: 'GET' } },
        }),
      ],
    });
    const id = await h.start('wf');
    await h.executor.runSystemTasks('HTTP', 5);
    const wf = await h.workflow(id);
    expect([wf.status, wf.tasks[0]?.status, wf.tasks[0]?.reasonForIncompletion]).toEqual([
      'FAILED',
      'FAILED',
      'outputData nests deeper than 1000 levels',
    ]);
  });
});

describe('START_WORKFLOW', () => {
  it('starts another workflow (not a child) and completes with its id', async () => {
    const h = createHarness();
    await h.registerWorkflow({ name: 'other', tasks: [simple('o')] });
    await h.registerWorkflow({
      tasks: [
        node('START_WORKFLOW', 'sw', {
          inputParameters: { startWorkflow: { name: 'other', input: { z: 1 } } },
        }),
      ],
    });
    const id = await h.start('wf');
    await h.executor.runSystemTasks('START_WORKFLOW', 1);
    const wf = await h.workflow(id);
    expect(wf.status).toBe('COMPLETED');
    const otherId = wf.tasks[0]?.outputData.workflowId as string;
    const other = await h.workflow(otherId);
    expect([other.workflowName, other.parentWorkflowId, other.input]).toEqual([
      'other',
      null,
      { z: 1 },
    ]);
  });
});
