import { describe, expect, it, vi } from 'vitest';
import type { WorkflowTask } from '../../model/workflow-def.js';
import type { HttpResponse } from '../../ports/http-caller.js';
import { createHarness, simple } from '../harness.testkit.js';

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
      { inputParameters: { scriptExpression: 'return $.a * 2', a: 4 } },
      'COMPLETED',
      { result: 8 },
    ],
    [
      // Conductor reads the script from the input only; a hostile body runs (and fails), never
      // "completes" as an empty function would.
      'LAMBDA',
      { inputParameters: { scriptExpression: 'while (true) {}' } },
      'FAILED',
      { error: 'Script exceeded the time limit of 4000 ms' },
    ],
    [
      'LAMBDA',
      { scriptExpression: 'return $.a * 2', inputParameters: { scriptExpression: ' ', a: 4 } },
      'FAILED',
      {},
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
    ['COMPLETED', 'COMPLETED', 'Workflow is COMPLETED by TERMINATE task: id-2'],
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

describe('script results and messages are bounded', () => {
  const inline = (expression: string): WorkflowTask =>
    node('INLINE', 't', { inputParameters: { evaluatorType: 'javascript', expression, a: 1 } });

  it('fails a task whose result is over scriptResultMaxBytes, keeping a smaller one', async () => {
    const h = createHarness({ scriptResultMaxBytes: 1_000 });
    await h.registerWorkflow({ name: 'big', tasks: [inline('"x".repeat(3000)')] });
    await h.registerWorkflow({ name: 'small', tasks: [inline('$.a + 1')] });
    const big = await h.task(await h.start('big'), 't');
    const reason = 'Script result is 3002 bytes of JSON, more than the limit of 1000 bytes';
    expect([big.status, big.reasonForIncompletion, big.outputData]).toEqual([
      'FAILED_WITH_TERMINAL_ERROR',
      reason,
      { error: reason },
    ]);
    const small = await h.task(await h.start('small'), 't');
    expect([small.status, small.outputData]).toEqual(['COMPLETED', { result: 2 }]);
  });

  it('fails a javascript SWITCH whose value is over the cap instead of storing it', async () => {
    const h = createHarness({ scriptResultMaxBytes: 1_000 });
    await h.registerWorkflow({
      tasks: [
        node('SWITCH', 's', {
          evaluatorType: 'javascript',
          expression: '"x".repeat(3000)',
          decisionCases: {},
        }),
      ],
    });
    const task = await h.task(await h.start('wf'), 's');
    expect(task.status).toBe('FAILED');
    expect(task.reasonForIncompletion).toMatch(/3002 bytes of JSON, more than the limit of 1000/);
    expect(JSON.stringify(task).length).toBeLessThan(3_000);
  });

  it('cuts a long error message to 2,000 characters, saying so', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [inline('throw new Error("long")')] });
    const task = await h.task(await h.start('wf'), 't');
    expect(task.status).toBe('FAILED_WITH_TERMINAL_ERROR');
    expect(task.reasonForIncompletion).toBe(
      `Error: ${'m'.repeat(1951)}... (message truncated to 2000 characters)`,
    );
    expect(task.outputData.error).toBe(task.reasonForIncompletion);
  });

  it('fails a LAMBDA with no scriptExpression input as Conductor does', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [node('LAMBDA', 't', { inputParameters: { a: 1 } })] });
    const task = await h.task(await h.start('wf'), 't');
    expect([task.status, task.reasonForIncompletion]).toEqual([
      'FAILED',
      "Empty 'scriptExpression' in Lambda task's input parameters. A non-empty String value must be provided.",
    ]);
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
    expect([failed?.status, failed?.reasonForIncompletion]).toEqual([
      'FAILED',
      'Failed to invoke HTTP task due to: 503 Service Unavailable: "down"',
    ]);
    expect(failed?.outputData.response).toBe('503 Service Unavailable: "down"');
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

describe('HTTP tasks under a slow endpoint', () => {
  const http = (uri: string): WorkflowTask =>
    node('HTTP', 'call', { inputParameters: { http_request: { uri, method: 'GET' } } });
  const OK: HttpResponse = { statusCode: 200, reasonPhrase: 'OK', headers: {}, body: 'fine' };

  /** Answers `https://hang/...` only when `release()` is called; everything else at once. */
  function hangingEndpoint(h: ReturnType<typeof createHarness>) {
    let release: () => void = () => undefined;
    const answered = new Promise<HttpResponse>((resolve) => (release = () => resolve(OK)));
    h.http.respond = (request) =>
      request.uri.startsWith('https://hang/') ? (answered as unknown as HttpResponse) : OK;
    return { release: () => release() };
  }

  it('runs the next batch while a call of an earlier batch still waits for its answer', async () => {
    const h = createHarness();
    const endpoint = hangingEndpoint(h);
    await h.registerWorkflow({ name: 'slow', tasks: [http('https://hang/x')] });
    await h.registerWorkflow({ name: 'fast', tasks: [http('https://fast/x')] });
    const slow = await h.start('slow');
    // Before: this call waited for the hanging answer, and so did every later HTTP task.
    expect(await h.executor.runSystemTasks('HTTP', 5)).toBe(1);
    const fast = await h.start('fast');
    expect(await h.executor.runSystemTasks('HTTP', 5)).toBe(1);
    expect((await h.workflow(fast)).status).toBe('COMPLETED');
    expect((await h.workflow(slow)).status).toBe('RUNNING');

    endpoint.release();
    await vi.waitFor(async () => expect((await h.workflow(slow)).status).toBe('COMPLETED'));
  });

  it('keeps at most systemTaskConcurrency tasks of a type running, then waits for one', async () => {
    const h = createHarness({ systemTaskConcurrency: 1 });
    const endpoint = hangingEndpoint(h);
    await h.registerWorkflow({ name: 'slow', tasks: [http('https://hang/x')] });
    await h.registerWorkflow({ name: 'fast', tasks: [http('https://fast/x')] });
    await h.start('slow');
    await h.executor.runSystemTasks('HTTP', 5);
    const fast = await h.start('fast');
    let popped = false;
    const next = h.executor.runSystemTasks('HTTP', 5).then((n) => ((popped = true), n));
    await h.stores.queue.waitForMessages('nothing-is-pushed-here', 50);
    expect(popped).toBe(false);
    expect((await h.workflow(fast)).status).toBe('RUNNING');

    endpoint.release();
    expect(await next).toBe(1);
    expect((await h.workflow(fast)).status).toBe('COMPLETED');
  });

  it('reports a task that failed after its call returned on the next call', async () => {
    const h = createHarness();
    let fail: (error: Error) => void = () => undefined;
    const failing = new Promise<HttpResponse>((_, reject) => (fail = reject));
    h.http.respond = () => failing as unknown as HttpResponse;
    await h.registerWorkflow({ name: 'slow', tasks: [http('https://hang/x')] });
    const id = await h.start('slow');
    expect(await h.executor.runSystemTasks('HTTP', 5)).toBe(1);
    // A store failure while completing the task (the HTTP failure itself is a FAILED task).
    const save = h.stores.executions.saveExecution.bind(h.stores.executions);
    h.stores.executions.saveExecution = () => Promise.reject(new Error('store down'));
    fail(new Error('reset'));
    await vi.waitFor(() =>
      expect(h.executor.runSystemTasks('HTTP', 5)).rejects.toThrow('store down'),
    );
    h.stores.executions.saveExecution = save;
    expect((await h.workflow(id)).tasks[0]?.status).toBe('SCHEDULED');
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

describe('KAFKA_PUBLISH', () => {
  it('registers but fails at run time: this server has no Kafka client', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        node('KAFKA_PUBLISH', 'k', {
          inputParameters: {
            kafka_request: { topic: 't', value: 'v', bootStrapServers: 'b:9092' },
          },
        }),
      ],
    });
    const id = await h.start('wf');
    await h.executor.runSystemTasks('KAFKA_PUBLISH', 5);
    const task = await h.task(id, 'k');
    expect([task.status, task.reasonForIncompletion]).toEqual([
      'FAILED',
      'KAFKA_PUBLISH is not supported by this server',
    ]);
    expect((await h.workflow(id)).status).toBe('FAILED');
  });
});
