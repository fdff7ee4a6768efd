/**
 * Behaviours checked against Conductor's source (see docs/conductor-compatibility.md, "Behaviours
 * aligned with Conductor"): each test failed before the change that made Baton match.
 */
import { describe, expect, it } from 'vitest';
import { isBatonError } from '../errors.js';
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

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ code: string; kind: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    if (isBatonError(e)) return { code: e.code, kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error('expected a BatonError');
}

describe('SWITCH inside a FORK branch', () => {
  const def = (evaluatorType: string, expression: string): WorkflowTask[] => [
    fork('fork', [
      [
        {
          name: 'sw',
          taskReferenceName: 'sw',
          type: 'SWITCH',
          evaluatorType,
          expression,
          inputParameters: { kind: '${workflow.input.kind}' },
          decisionCases: { a: [simple('caseA'), simple('caseA2')] },
          defaultCase: [simple('dflt')],
        },
      ],
      [simple('other')],
    ]),
    join('join', ['sw', 'other']),
  ];

  it('creates the chosen case first task in the same decide, before the other branch', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: def('value-param', 'kind') });
    const id = await h.start('wf', { kind: 'a' });
    expect(await h.refs(id)).toEqual([
      'fork:COMPLETED',
      'sw:COMPLETED',
      'caseA:SCHEDULED',
      'other:SCHEDULED',
      'join:IN_PROGRESS',
    ]);
    await h.complete('caseA');
    await h.complete('caseA2');
    await h.complete('other');
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('falls back to the default case, and an unknown case with no default creates nothing', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: def('value-param', 'kind') });
    const id = await h.start('wf', { kind: 'zzz' });
    expect(await h.refs(id)).toEqual([
      'fork:COMPLETED',
      'sw:COMPLETED',
      'dflt:SCHEDULED',
      'other:SCHEDULED',
      'join:IN_PROGRESS',
    ]);
    const hostile = createHarness();
    const noDefault = def('value-param', 'kind');
    delete (noDefault[0]?.forkTasks?.[0]?.[0] as WorkflowTask).defaultCase;
    await hostile.registerWorkflow({ tasks: noDefault });
    const other = await hostile.start('wf', { kind: { not: 'a string' } });
    expect(await hostile.refs(other)).toEqual([
      'fork:COMPLETED',
      'sw:COMPLETED',
      'other:SCHEDULED',
      'join:IN_PROGRESS',
    ]);
  });
});

describe('SUB_WORKFLOW with an inline definition', () => {
  const inlineDef = {
    name: 'child',
    version: 1,
    schemaVersion: 2,
    tasks: [simple('ct', 'ct', { inputParameters: { n: '${workflow.input.n}' } })],
    outputParameters: { x: '${ct.output.v}', n: '${workflow.input.n}' },
  };

  it('leaves the inline definition expressions to the child and resolves name against the parent', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'sub',
          taskReferenceName: 'sub',
          type: 'SUB_WORKFLOW',
          inputParameters: { n: '${workflow.input.n}' },
          subWorkflowParam: {
            name: '${workflow.input.childName}',
            version: 1,
            workflowDefinition: inlineDef,
          },
        },
      ],
    });
    const id = await h.start('wf', { n: 3, childName: 'child' });
    await h.executor.runSystemTasks('SUB_WORKFLOW', 5);
    const sub = await h.task(id, 'sub');
    expect(sub.inputData.subWorkflowName).toBe('child');
    expect(sub.inputData.subWorkflowDefinition).toEqual(inlineDef);
    const ct = await h.complete('ct', { v: 7 });
    expect(ct.inputData).toEqual({ n: 3 });
    const child = await h.workflow(String(sub.subWorkflowId));
    expect(child.output).toEqual({ x: 7, n: 3 });
    expect((await h.task(id, 'sub')).outputData).toMatchObject({ x: 7, n: 3 });
    expect((await h.workflow(id)).status).toBe('COMPLETED');
  });

  it('resolves a workflowDefinition given as an expression, and fails on one that is not a definition', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'sub',
          taskReferenceName: 'sub',
          type: 'SUB_WORKFLOW',
          subWorkflowParam: { name: 'child', workflowDefinition: '${workflow.input.def}' },
        },
      ],
    });
    const id = await h.start('wf', { def: inlineDef });
    expect((await h.task(id, 'sub')).inputData.subWorkflowDefinition).toEqual(inlineDef);
    const bad = await h.start('wf', { def: 'not a definition' });
    await h.executor.runSystemTasks('SUB_WORKFLOW', 5);
    expect((await h.workflow(id)).status).toBe('RUNNING');
    expect((await h.workflow(bad)).status).toBe('FAILED');
  });
});

describe('JOIN inside a DO_WHILE', () => {
  it('keys its output by the iteration reference names', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'loop',
          taskReferenceName: 'loop',
          type: 'DO_WHILE',
          loopCondition: '$.loop.iteration < $.max',
          inputParameters: { max: '${workflow.input.max}' },
          loopOver: [fork('f', [[simple('l')], [simple('r')]]), join('j', ['l', 'r'])],
        },
        simple('after', 'after', { inputParameters: { fromJoin: '${j.output}' } }),
      ],
    });
    const id = await h.start('wf', { max: 2 });
    for (const i of [1, 2]) {
      await h.complete('l', { side: 'l', i });
      await h.complete('r', { side: 'r', i });
      expect((await h.task(id, `j__${i}`)).outputData).toEqual({
        [`l__${i}`]: { side: 'l', i },
        [`r__${i}`]: { side: 'r', i },
      });
    }
    const loop = await h.task(id, 'loop');
    expect(loop.outputData['1']).toMatchObject({ j: { l__1: { side: 'l', i: 1 } } });
    const after = await h.complete('after');
    expect(after.inputData.fromJoin).toEqual({
      l__2: { side: 'l', i: 2 },
      r__2: { side: 'r', i: 2 },
    });
  });
});

describe('TERMINATE with terminationStatus COMPLETED', () => {
  const terminate = (input: Record<string, unknown>): WorkflowTask => ({
    name: 't',
    taskReferenceName: 't',
    type: 'TERMINATE',
    inputParameters: input,
  });

  it('keeps the reason, the default one naming the TERMINATE task', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [terminate({ terminationStatus: 'COMPLETED' })] });
    const id = await h.start('wf');
    const wf = await h.workflow(id);
    const t = await h.task(id, 't');
    expect(wf.status).toBe('COMPLETED');
    expect(wf.reasonForIncompletion).toBe(`Workflow is COMPLETED by TERMINATE task: ${t.taskId}`);
  });

  it('keeps a given reason, and treats a blank one as none', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        terminate({ terminationStatus: 'COMPLETED', terminationReason: '${workflow.input.r}' }),
      ],
    });
    const given = await h.workflow(await h.start('wf', { r: 'all done early' }));
    expect([given.status, given.reasonForIncompletion]).toEqual(['COMPLETED', 'all done early']);
    const blankId = await h.start('wf', { r: '   ' });
    const blank = await h.workflow(blankId);
    const t = await h.task(blankId, 't');
    expect(blank.reasonForIncompletion).toBe(
      `Workflow is COMPLETED by TERMINATE task: ${t.taskId}`,
    );
  });
});

describe('DYNAMIC naming an unregistered task', () => {
  it('fails the workflow with Conductor reason and leaves no row for the rejected task', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        simple('first'),
        {
          name: 'd',
          taskReferenceName: 'd',
          type: 'DYNAMIC',
          dynamicTaskNameParam: 'which',
          inputParameters: { which: '${workflow.input.which}' },
        },
      ],
    });
    const id = await h.start('wf', { which: 'nope' });
    await h.complete('first');
    const wf = await h.workflow(id);
    expect(wf.status).toBe('FAILED');
    expect(wf.reasonForIncompletion).toBe(
      'Invalid task specified.  Cannot find task by name nope in the task definitions',
    );
    expect(await h.refs(id)).toEqual(['first:COMPLETED']);
    expect(await h.stores.executions.getTask(String(wf.tasks[1]?.taskId))).toBeFalsy();
    expect(await h.executor.pollTasks('nope', { count: 1, workerId: 'w' })).toEqual([]);
  });
});

describe('FORK_JOIN_DYNAMIC with a per-task input that is not a map', () => {
  it.each([['a string'], [[1, 2]], [42]])(
    'fails the workflow with no FORK or JOIN row and nothing queued (%j)',
    async (value) => {
      const h = createHarness();
      await h.registerWorkflow({
        tasks: [
          {
            name: 'dyn',
            taskReferenceName: 'dyn',
            type: 'FORK_JOIN_DYNAMIC',
            dynamicForkTasksParam: 'tasks',
            dynamicForkTasksInputParamName: 'inputs',
            inputParameters: {
              tasks: '${workflow.input.tasks}',
              inputs: '${workflow.input.inputs}',
            },
          },
          join('j', []),
        ],
      });
      const id = await h.start('wf', {
        tasks: [simple('x1', 'work'), simple('x2', 'work')],
        inputs: { x1: { n: 1 }, x2: value },
      });
      const wf = await h.workflow(id);
      expect(wf.status).toBe('FAILED');
      expect(wf.reasonForIncompletion).toMatch(
        /^Tasks could not be dynamically forked due to invalid input/,
      );
      expect(wf.tasks).toEqual([]);
      expect(await h.executor.pollTasks('work', { count: 5, workerId: 'w' })).toEqual([]);
    },
  );

  it('still forks when a branch has no input at all (null means an empty map)', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'dyn',
          taskReferenceName: 'dyn',
          type: 'FORK_JOIN_DYNAMIC',
          dynamicForkTasksParam: 'tasks',
          dynamicForkTasksInputParamName: 'inputs',
          inputParameters: { tasks: '${workflow.input.tasks}', inputs: '${workflow.input.inputs}' },
        },
        join('j', []),
      ],
    });
    const id = await h.start('wf', {
      tasks: [simple('x1', 'work'), simple('x2', 'work')],
      inputs: { x1: { n: 1 }, x2: null },
    });
    expect((await h.workflow(id)).status).toBe('RUNNING');
    expect(await h.refs(id)).toEqual([
      'dyn:COMPLETED',
      'x1:SCHEDULED',
      'x2:SCHEDULED',
      'j:IN_PROGRESS',
    ]);
  });
});

describe('retry and restart answers', () => {
  it('retry of a running workflow is not_found with Conductor message', async () => {
    const h = createHarness();
    await h.registerWorkflow({ tasks: [simple('a')] });
    const id = await h.start('wf');
    expect(await errorOf(h.executor.retry(id))).toEqual({
      code: 'WORKFLOW_STILL_RUNNING',
      kind: 'not_found',
      message: 'Workflow is still running.  status=RUNNING',
    });
    await h.executor.pause(id);
    expect((await errorOf(h.executor.retry(id))).message).toBe(
      'Workflow is still running.  status=PAUSED',
    );
  });

  it('restart of a COMPLETED non-restartable workflow is not_found; of a running one a conflict', async () => {
    const h = createHarness();
    await h.registerWorkflow({ restartable: false, tasks: [simple('a')] });
    const id = await h.start('wf');
    expect(await errorOf(h.executor.restart(id))).toEqual({
      code: 'WORKFLOW_NOT_TERMINAL',
      kind: 'conflict',
      message: `Workflow: wf.1/${id}.RUNNING is not in terminal state, unable to restart.`,
    });
    await h.complete('a');
    expect(await errorOf(h.executor.restart(id))).toEqual({
      code: 'WORKFLOW_NOT_RESTARTABLE',
      kind: 'not_found',
      message: `Workflow: wf.1/${id}.COMPLETED is non-restartable`,
    });
  });
});

describe('SWITCH javascript expression that throws', () => {
  it('fails the SWITCH and the workflow with Conductor reason', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'sw',
          taskReferenceName: 'sw',
          type: 'SWITCH',
          evaluatorType: 'javascript',
          expression: 'missingFn($.x)',
          decisionCases: { a: [simple('a')] },
        },
      ],
    });
    const id = await h.start('wf', { x: 1 });
    const sw = await h.task(id, 'sw');
    expect(sw.status).toBe('FAILED');
    expect(sw.reasonForIncompletion).toBe('Error evaluating the script `missingFn is not defined`');
    const wf = await h.workflow(id);
    expect(wf.status).toBe('FAILED');
    expect(wf.reasonForIncompletion).toBe(
      `Task ${sw.taskId} failed with status: FAILED and reason: '${sw.reasonForIncompletion}'`,
    );
  });
});

describe('START_WORKFLOW without a workflow name', () => {
  it('fails the task at run time with Conductor validation message', async () => {
    const h = createHarness();
    await h.registerWorkflow({
      tasks: [
        {
          name: 'sw',
          taskReferenceName: 'sw',
          type: 'START_WORKFLOW',
          inputParameters: { startWorkflow: { input: { a: 1 } } },
        },
      ],
    });
    const id = await h.start('wf');
    await h.executor.runSystemTasks('START_WORKFLOW', 5);
    const task = await h.task(id, 'sw');
    expect(task.status).toBe('FAILED');
    expect(task.reasonForIncompletion).toBe(
      "startWorkflow validation failed. 'name' -> Workflow name cannot be null or empty. ",
    );
    expect((await h.workflow(id)).status).toBe('FAILED');
  });
});

describe('HTTP task on an error answer', () => {
  it('fails with the status and body in the reason, and response is not filled as for a success', async () => {
    const h = createHarness();
    h.http.respond = () => ({
      statusCode: 503,
      reasonPhrase: 'Service Unavailable',
      headers: { 'content-type': 'application/json' },
      body: '{"error":"down"}',
    });
    await h.registerWorkflow({
      tasks: [
        {
          name: 'h',
          taskReferenceName: 'h',
          type: 'HTTP',
          inputParameters: { http_request: { uri: 'http://example.test/x', method: 'GET' } },
        },
      ],
    });
    const id = await h.start('wf');
    await h.executor.runSystemTasks('HTTP', 5);
    const task = await h.task(id, 'h');
    expect(task.status).toBe('FAILED');
    const text = '503 Service Unavailable: "{"error":"down"}"';
    expect(task.reasonForIncompletion).toBe(`Failed to invoke HTTP task due to: ${text}`);
    expect(task.outputData).toEqual({ response: text });
  });

  it('says [no body] for an empty error answer, and keeps a 2xx response as before', async () => {
    const h = createHarness();
    let status = 500;
    h.http.respond = () => ({
      statusCode: status,
      reasonPhrase: status === 500 ? 'Internal Server Error' : 'OK',
      headers: {},
      body: status === 500 ? '' : '{"ok":true}',
    });
    await h.registerWorkflow({
      tasks: [
        {
          name: 'h',
          taskReferenceName: 'h',
          type: 'HTTP',
          inputParameters: { http_request: { uri: 'http://example.test/x', method: 'GET' } },
        },
      ],
    });
    const failed = await h.start('wf');
    await h.executor.runSystemTasks('HTTP', 5);
    expect((await h.task(failed, 'h')).reasonForIncompletion).toBe(
      'Failed to invoke HTTP task due to: 500 Internal Server Error: [no body]',
    );
    status = 200;
    const ok = await h.start('wf');
    await h.executor.runSystemTasks('HTTP', 5);
    expect((await h.task(ok, 'h')).outputData.response).toMatchObject({
      statusCode: 200,
      body: { ok: true },
    });
  });
});
