import { describe, expect, it } from 'vitest';
import type { WorkflowDef, WorkflowTask } from '../model/workflow-def.js';
import { validateWorkflowDef } from './validate-workflow-def.js';

const simple = (ref: string, input: Record<string, unknown> = {}): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type: 'SIMPLE',
  inputParameters: input,
});

/** Uses every task type in a way Conductor registers and Baton can run. */
const complex: WorkflowDef = {
  name: 'complex',
  version: 2,
  schemaVersion: 2,
  timeoutPolicy: 'TIME_OUT_WF',
  timeoutSeconds: 3600,
  outputParameters: { result: '${finish.output.result}' },
  tasks: [
    simple('start', { id: '${workflow.input.id}', task: '${CPEWF_TASK_ID}', odd: '$${literal}' }),
    {
      name: 'fork',
      taskReferenceName: 'fork',
      type: 'FORK_JOIN',
      forkTasks: [[simple('a1'), simple('a2', { x: '${a1.output.x}' })], [simple('b1')]],
    },
    { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn: ['a2', 'b1'] },
    {
      name: 'route',
      taskReferenceName: 'route',
      type: 'SWITCH',
      evaluatorType: 'value-param',
      expression: 'kind',
      inputParameters: { kind: '${start.output.kind}' },
      decisionCases: {
        http: [
          {
            name: 'call',
            taskReferenceName: 'call',
            type: 'HTTP',
            inputParameters: {
              http_request: { uri: 'http://x/${workflow.input.id}', method: 'GET' },
            },
          },
        ],
        'with space': [{ name: 'noop', taskReferenceName: 'noop', type: 'NOOP' }],
      },
      defaultCase: [
        {
          name: 'jq',
          taskReferenceName: 'jq',
          type: 'JSON_JQ_TRANSFORM',
          inputParameters: { queryExpression: '.a', a: '${start.output}' },
        },
      ],
    },
    {
      name: 'loop',
      taskReferenceName: 'loop',
      type: 'DO_WHILE',
      loopCondition: "$.loop['iteration'] < 3",
      inputParameters: { max: 3 },
      loopOver: [simple('step', { i: '${loop.output.iteration}' })],
    },
    {
      name: 'child',
      taskReferenceName: 'child',
      type: 'SUB_WORKFLOW',
      subWorkflowParam: { name: 'child_flow', version: 1 },
    },
    {
      name: 'dyn',
      taskReferenceName: 'dyn',
      type: 'DYNAMIC',
      dynamicTaskNameParam: 'taskToRun',
      inputParameters: { taskToRun: 'a' },
    },
    {
      name: 'dfork',
      taskReferenceName: 'dfork',
      type: 'FORK_JOIN_DYNAMIC',
      dynamicForkTasksParam: 'tasks',
      dynamicForkTasksInputParamName: 'inputs',
      inputParameters: { tasks: '${start.output.tasks}', inputs: '${start.output.inputs}' },
    },
    { name: 'djoin', taskReferenceName: 'djoin', type: 'JOIN' },
    {
      name: 'wait',
      taskReferenceName: 'wait',
      type: 'WAIT',
      inputParameters: { duration: '1h 30m' },
    },
    {
      name: 'until',
      taskReferenceName: 'until',
      type: 'WAIT',
      inputParameters: { until: '2030-01-02 10:00 UTC' },
    },
    { name: 'evt', taskReferenceName: 'evt', type: 'EVENT', sink: 'conductor' },
    { name: 'vars', taskReferenceName: 'vars', type: 'SET_VARIABLE', inputParameters: { v: 1 } },
    {
      name: 'inline',
      taskReferenceName: 'inline',
      type: 'INLINE',
      inputParameters: { evaluatorType: 'javascript', expression: '1+1' },
    },
    { name: 'human', taskReferenceName: 'human', type: 'HUMAN' },
    {
      name: 'worker_x',
      taskReferenceName: 'finish',
      startDelay: 5,
      retryCount: 1,
      optional: true,
      taskDefinition: { name: 'worker_x', timeoutSeconds: 60, responseTimeoutSeconds: 30 },
    },
    {
      name: 'stop',
      taskReferenceName: 'stop',
      type: 'TERMINATE',
      inputParameters: { terminationStatus: 'COMPLETED' },
    },
  ],
};

function withTasks(...tasks: unknown[]): unknown {
  return { name: 'wf', tasks };
}

describe('validateWorkflowDef', () => {
  it('finds no issue in a valid complex definition', () => {
    expect(validateWorkflowDef(complex)).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ['a non-object', [], '', 'WorkflowDef must be a JSON object'],
    [
      'a missing name',
      { tasks: [simple('a')] },
      'name',
      'WorkflowDef name cannot be null or empty',
    ],
    ['an empty task list', { name: 'wf', tasks: [] }, 'tasks', 'WorkflowTask list cannot be empty'],
    ['a missing task list', { name: 'wf' }, 'tasks', 'WorkflowTask list cannot be empty'],
    [
      'schemaVersion 1',
      { name: 'wf', schemaVersion: 1, tasks: [simple('a')] },
      'schemaVersion',
      'workflowDef schemaVersion: 2 is only supported',
    ],
    [
      'a bad timeoutPolicy',
      { name: 'wf', timeoutPolicy: 'RETRY', tasks: [simple('a')] },
      'timeoutPolicy',
      'timeoutPolicy must be one of TIME_OUT_WF, ALERT_ONLY',
    ],
    [
      'a negative timeoutSeconds',
      { name: 'wf', timeoutSeconds: -1, tasks: [simple('a')] },
      'timeoutSeconds',
      'timeoutSeconds must be >= 0',
    ],
    [
      'a string outputParameters',
      { name: 'wf', outputParameters: 'x', tasks: [simple('a')] },
      'outputParameters',
      'outputParameters must be an object',
    ],
    ['a non-object task', withTasks('a'), 'tasks[0]', 'WorkflowTask must be a JSON object'],
    [
      'a task without name',
      withTasks({ taskReferenceName: 'a' }),
      'tasks[0].name',
      'WorkflowTask name cannot be empty or null',
    ],
    [
      'a task without ref',
      withTasks({ name: 'a' }),
      'tasks[0].taskReferenceName',
      'WorkflowTask taskReferenceName name cannot be empty or null',
    ],
    [
      'a numeric type',
      withTasks({ ...simple('a'), type: 3 }),
      'tasks[0].type',
      'type must be a task type (e.g. SIMPLE, SWITCH, HTTP) or a worker task name',
    ],
    [
      'a negative startDelay',
      withTasks({ ...simple('a'), startDelay: -1 }),
      'tasks[0].startDelay',
      'startDelay must be >= 0',
    ],
    [
      'a string optional',
      withTasks({ ...simple('a'), optional: 'yes' }),
      'tasks[0].optional',
      'optional must be a boolean',
    ],
    [
      'list inputParameters',
      withTasks({ ...simple('a'), inputParameters: [] }),
      'tasks[0].inputParameters',
      'inputParameters must be an object',
    ],
    [
      'an invalid inline taskDefinition',
      withTasks({ ...simple('a'), taskDefinition: { name: 'a', retryCount: -1 } }),
      'tasks[0].taskDefinition.retryCount',
      'TaskDef retryCount: -1 must be >= 0',
    ],
    [
      'a duplicate top-level ref',
      withTasks(simple('a'), simple('a')),
      'tasks[1].taskReferenceName',
      'taskReferenceName: a should be unique across tasks for a given workflowDefinition: wf',
    ],
    [
      'a duplicate ref inside a fork',
      withTasks(
        simple('a'),
        {
          name: 'f',
          taskReferenceName: 'f',
          type: 'FORK_JOIN',
          forkTasks: [[simple('b')], [simple('c'), simple('a')]],
        },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN', joinOn: ['b', 'a'] },
      ),
      'tasks[1].forkTasks[1][1].taskReferenceName',
      'taskReferenceName: a should be unique across tasks for a given workflowDefinition: wf',
    ],
    [
      'a duplicate ref in a case',
      withTasks({
        name: 's',
        taskReferenceName: 's',
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'k',
        decisionCases: { 'x y': [simple('s')] },
      }),
      'tasks[0].decisionCases["x y"][0].taskReferenceName',
      'taskReferenceName: s should be unique across tasks for a given workflowDefinition: wf',
    ],
    [
      'a duplicate ref in loopOver',
      withTasks(simple('a'), {
        name: 'l',
        taskReferenceName: 'l',
        type: 'DO_WHILE',
        loopCondition: 'false',
        loopOver: [simple('a')],
      }),
      'tasks[1].loopOver[0].taskReferenceName',
      'taskReferenceName: a should be unique across tasks for a given workflowDefinition: wf',
    ],
    [
      'a dangling input reference',
      withTasks(simple('a', { x: { y: ['${ghost.output.v}'] } })),
      'tasks[0].inputParameters.x.y[0]',
      'taskReferenceName: ghost for given task: a input value: y of input parameter: ${ghost.output.v} is not defined in workflow definition.',
    ],
    [
      'an invalid JSONPath',
      withTasks(simple('a', { p: '${workflow.input[}' })),
      'tasks[0].inputParameters.p',
      'key: p input parameter value: workflow.input[ is not valid',
    ],
    [
      'a dangling reference in a nested task',
      withTasks({
        name: 'l',
        taskReferenceName: 'l',
        type: 'DO_WHILE',
        loopCondition: 'false',
        loopOver: [simple('x', { v: 'id-${nope.output}' })],
      }),
      'tasks[0].loopOver[0].inputParameters.v',
      'taskReferenceName: nope for given task: x input value: v of input parameter: id-${nope.output} is not defined in workflow definition.',
    ],
  ])('reports %s', (_what, def, path, message) => {
    expect(validateWorkflowDef(def)).toContainEqual(expect.objectContaining({ path, message }));
  });

  it('reports only the evaluatorType message when both SWITCH fields are missing', () => {
    const issues = validateWorkflowDef(
      withTasks({ name: 's', taskReferenceName: 's', type: 'SWITCH', decisionCases: { a: [] } }),
    );
    expect(issues.map((i) => i.path)).toEqual(['tasks[0].evaluatorType']);
  });

  it('lists every problem, not only the first', () => {
    const issues = validateWorkflowDef({ tasks: [{ type: 'DYNAMIC' }, simple('b'), simple('b')] });
    expect(issues.map((i) => i.path)).toEqual([
      'name',
      'tasks[0].name',
      'tasks[0].taskReferenceName',
      'tasks[0].dynamicTaskNameParam',
      'tasks[2].taskReferenceName',
    ]);
  });

  it('can skip nested reference checks like Conductor', () => {
    const def = withTasks({
      name: 'l',
      taskReferenceName: 'l',
      type: 'DO_WHILE',
      loopCondition: 'false',
      loopOver: [simple('x', { v: '${nope.output}' })],
    });
    expect(validateWorkflowDef(def, { checkNestedReferences: false })).toEqual([]);
  });

  it('accepts USER_DEFINED types and HTTP satisfied by a registered template', () => {
    const def = withTasks(
      { ...simple('a'), type: 'MY_WORKER' },
      { name: 'h', taskReferenceName: 'h', type: 'HTTP' },
    );
    const getTaskDef = (name: string) =>
      name === 'h' ? { name, inputTemplate: { http_request: { uri: 'u', method: 'GET' } } } : null;
    expect(validateWorkflowDef(def, { getTaskDef })).toEqual([]);
  });

  it('requires ownerEmail only when asked to', () => {
    expect(validateWorkflowDef(withTasks(simple('a')), { ownerEmailMandatory: true })).toEqual([
      { path: 'ownerEmail', message: 'ownerEmail cannot be empty' },
    ]);
  });
});
