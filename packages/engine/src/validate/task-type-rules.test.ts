import { describe, expect, it } from 'vitest';
import type { WorkflowTask } from '../model/workflow-def.js';
import { validateWorkflowDef, workflowDefWarnings } from './validate-workflow-def.js';

const simple = (ref: string, input: Record<string, unknown> = {}): WorkflowTask => ({
  name: ref,
  taskReferenceName: ref,
  type: 'SIMPLE',
  inputParameters: input,
});

function withTasks(...tasks: unknown[]): unknown {
  return { name: 'wf', tasks };
}

describe('task type rules', () => {
  it.each<[string, unknown, string, string]>([
    [
      'SWITCH without evaluatorType',
      withTasks({ name: 's', taskReferenceName: 's', type: 'SWITCH', decisionCases: { a: [] } }),
      'tasks[0].evaluatorType',
      'evaluatorType field is required for taskType: SWITCH taskName: s',
    ],
    [
      'SWITCH without expression',
      withTasks({
        name: 's',
        taskReferenceName: 's',
        type: 'SWITCH',
        evaluatorType: 'javascript',
        decisionCases: { a: [] },
      }),
      'tasks[0].expression',
      'expression field is required for taskType: SWITCH taskName: s',
    ],
    [
      'SWITCH with only a default case',
      withTasks({
        name: 's',
        taskReferenceName: 's',
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'k',
        defaultCase: [simple('d')],
      }),
      'tasks[0].decisionCases',
      'decisionCases should have atleast one task for taskType: SWITCH taskName: s',
    ],
    [
      'SWITCH with an unknown evaluator',
      withTasks({
        name: 's',
        taskReferenceName: 's',
        type: 'SWITCH',
        evaluatorType: 'lua',
        expression: 'k',
        decisionCases: { a: [] },
      }),
      'tasks[0].evaluatorType',
      'evaluatorType must be one of value-param, javascript, graaljs',
    ],
    [
      'a non-list decision case',
      withTasks({
        name: 's',
        taskReferenceName: 's',
        type: 'SWITCH',
        evaluatorType: 'value-param',
        expression: 'k',
        decisionCases: { a: {} },
      }),
      'tasks[0].decisionCases.a',
      'each decision case must be an array of tasks',
    ],
    [
      'DECISION without case param',
      withTasks({ name: 'd', taskReferenceName: 'd', type: 'DECISION', decisionCases: { a: [] } }),
      'tasks[0].caseValueParam',
      'caseValueParam or caseExpression field is required for taskType: DECISION taskName: d',
    ],
    [
      'DECISION without cases',
      withTasks({ name: 'd', taskReferenceName: 'd', type: 'DECISION', caseValueParam: 'k' }),
      'tasks[0].decisionCases',
      'decisionCases should have atleast one task for taskType: DECISION taskName: d',
    ],
    [
      'DO_WHILE without loopCondition',
      withTasks({ name: 'l', taskReferenceName: 'l', type: 'DO_WHILE', loopOver: [simple('x')] }),
      'tasks[0].loopCondition',
      'loopCondition field is required for taskType: DO_WHILE taskName: l',
    ],
    [
      'DO_WHILE without loopOver',
      withTasks({ name: 'l', taskReferenceName: 'l', type: 'DO_WHILE', loopCondition: 'true' }),
      'tasks[0].loopOver',
      'loopOver field is required for taskType: DO_WHILE taskName: l',
    ],
    [
      'DYNAMIC without dynamicTaskNameParam',
      withTasks({ name: 'd', taskReferenceName: 'd', type: 'DYNAMIC' }),
      'tasks[0].dynamicTaskNameParam',
      'dynamicTaskNameParam field is required for taskType: DYNAMIC taskName: d',
    ],
    [
      'FORK_JOIN without branches',
      withTasks(
        { name: 'f', taskReferenceName: 'f', type: 'FORK_JOIN', forkTasks: [] },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN' },
      ),
      'tasks[0].forkTasks',
      'forkTasks should have atleast one task for taskType: FORK_JOIN taskName: f',
    ],
    [
      'a non-list fork branch',
      withTasks(
        { name: 'f', taskReferenceName: 'f', type: 'FORK_JOIN', forkTasks: [simple('x')] },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN' },
      ),
      'tasks[0].forkTasks[0]',
      'each fork branch must be an array of tasks',
    ],
    [
      'FORK_JOIN not followed by JOIN',
      withTasks(
        { name: 'f', taskReferenceName: 'f', type: 'FORK_JOIN', forkTasks: [[simple('x')]] },
        simple('y'),
      ),
      'tasks[0].type',
      'FORK_JOIN f must be followed by a JOIN task; Conductor would fail the workflow at runtime (Fork task definition is not followed by a join task)',
    ],
    [
      'a JOIN naming a task outside its fork',
      withTasks(
        simple('z'),
        { name: 'f', taskReferenceName: 'f', type: 'FORK_JOIN', forkTasks: [[simple('x')]] },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN', joinOn: ['x', 'z'] },
      ),
      'tasks[2].joinOn[1]',
      'joinOn: z is not a task of the FORK_JOIN f before JOIN j, so the JOIN would wait forever',
    ],
    [
      'a JOIN naming an unknown ref',
      withTasks({ name: 'j', taskReferenceName: 'j', type: 'JOIN', joinOn: ['ghost'] }),
      'tasks[0].joinOn[0]',
      'joinOn: ghost is not a taskReferenceName in this workflow definition, so JOIN j would wait forever',
    ],
    [
      'a non-list joinOn',
      withTasks({ name: 'j', taskReferenceName: 'j', type: 'JOIN', joinOn: 'a' }),
      'tasks[0].joinOn',
      'joinOn must be an array',
    ],
    [
      'FORK_JOIN_DYNAMIC with no form',
      withTasks(
        { name: 'd', taskReferenceName: 'd', type: 'FORK_JOIN_DYNAMIC' },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN' },
      ),
      'tasks[0].dynamicForkTasksParam',
      'dynamicForkTasksParam field is required for taskType: FORK_JOIN_DYNAMIC taskName: d',
    ],
    [
      'FORK_JOIN_DYNAMIC with half the classic form',
      withTasks(
        {
          name: 'd',
          taskReferenceName: 'd',
          type: 'FORK_JOIN_DYNAMIC',
          dynamicForkTasksParam: 't',
        },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN' },
      ),
      'tasks[0].dynamicForkTasksInputParamName',
      'dynamicForkTasksInputParamName field is required for taskType: FORK_JOIN_DYNAMIC taskName: d',
    ],
    [
      'FORK_JOIN_DYNAMIC mixing forms',
      withTasks(
        {
          name: 'd',
          taskReferenceName: 'd',
          type: 'FORK_JOIN_DYNAMIC',
          dynamicForkTasksParam: 't',
          dynamicForkJoinTasksParam: 'x',
        },
        { name: 'j', taskReferenceName: 'j', type: 'JOIN' },
      ),
      'tasks[0].dynamicForkJoinTasksParam',
      'dynamicForkJoinTasksParam or combination of dynamicForkTasksInputParamName and dynamicForkTasksParam cam be used for taskType: FORK_JOIN_DYNAMIC taskName: d',
    ],
    [
      'FORK_JOIN_DYNAMIC not followed by JOIN',
      withTasks({
        name: 'd',
        taskReferenceName: 'd',
        type: 'FORK_JOIN_DYNAMIC',
        inputParameters: { forkTaskInputs: [] },
      }),
      'tasks[0].type',
      'FORK_JOIN_DYNAMIC d must be followed by a JOIN task; Conductor would fail the workflow at runtime (Fork task definition is not followed by a join task)',
    ],
    [
      'HTTP without a request',
      withTasks({ name: 'h', taskReferenceName: 'h', type: 'HTTP' }),
      'tasks[0].inputParameters',
      'inputParameters.http_request field is required for taskType: HTTP taskName: h',
    ],
    [
      'HTTP without a uri',
      withTasks({
        name: 'h',
        taskReferenceName: 'h',
        type: 'HTTP',
        inputParameters: { http_request: { method: 'GET' } },
      }),
      'tasks[0].inputParameters.http_request.uri',
      'inputParameters.http_request.uri field is required for taskType: HTTP taskName: h',
    ],
    [
      'JSON_JQ_TRANSFORM without a query',
      withTasks({ name: 'q', taskReferenceName: 'q', type: 'JSON_JQ_TRANSFORM' }),
      'tasks[0].inputParameters',
      'inputParameters.queryExpression field is required for taskType: JSON_JQ_TRANSFORM taskName: q',
    ],
    [
      'KAFKA_PUBLISH without a request',
      withTasks({ name: 'k', taskReferenceName: 'k', type: 'KAFKA_PUBLISH' }),
      'tasks[0].inputParameters',
      'inputParameters.kafka_request field is required for taskType: KAFKA_PUBLISH taskName: k',
    ],
    [
      'SUB_WORKFLOW without params',
      withTasks({ name: 's', taskReferenceName: 's', type: 'SUB_WORKFLOW' }),
      'tasks[0].subWorkflowParam',
      'subWorkflowParam field is required for taskType: SUB_WORKFLOW taskName: s',
    ],
    [
      'SUB_WORKFLOW without a name',
      withTasks({
        name: 's',
        taskReferenceName: 's',
        type: 'SUB_WORKFLOW',
        subWorkflowParam: { version: 1 },
      }),
      'tasks[0].subWorkflowParam.name',
      'SubWorkflowParams name cannot be null or empty',
    ],
    [
      'SUB_WORKFLOW with a bad version',
      withTasks({
        name: 's',
        taskReferenceName: 's',
        type: 'SUB_WORKFLOW',
        subWorkflowParam: { name: 'c', version: 'one' },
      }),
      'tasks[0].subWorkflowParam.version',
      'version must be an integer or a ${...} expression',
    ],
    [
      'EVENT without a sink',
      withTasks({ name: 'e', taskReferenceName: 'e', type: 'EVENT' }),
      'tasks[0].sink',
      'sink field is required for taskType: EVENT taskName: e',
    ],
    [
      'an optional TERMINATE',
      withTasks({
        name: 't',
        taskReferenceName: 't',
        type: 'TERMINATE',
        optional: true,
        inputParameters: { terminationStatus: 'FAILED' },
      }),
      'tasks[0].optional',
      'terminate task cannot be optional, taskName: t',
    ],
    [
      'TERMINATE with a bad status',
      withTasks({
        name: 't',
        taskReferenceName: 't',
        type: 'TERMINATE',
        inputParameters: { terminationStatus: 'DONE' },
      }),
      'tasks[0].inputParameters.terminationStatus',
      'terminate task must have an terminationStatus parameter and must be set to COMPLETED or FAILED, taskName: t',
    ],
    [
      'WAIT with duration and until',
      withTasks({
        name: 'w',
        taskReferenceName: 'w',
        type: 'WAIT',
        inputParameters: { duration: '1s', until: '2030-01-01' },
      }),
      'tasks[0].inputParameters',
      "Both 'duration' and 'until' specified. Please provide only one input",
    ],
    [
      'WAIT with a bad until',
      withTasks({
        name: 'w',
        taskReferenceName: 'w',
        type: 'WAIT',
        inputParameters: { until: 'tomorrow' },
      }),
      'tasks[0].inputParameters.until',
      'Unable to parse date tomorrow',
    ],
    [
      'WAIT with a bad duration',
      withTasks({
        name: 'w',
        taskReferenceName: 'w',
        type: 'WAIT',
        inputParameters: { duration: 'soon' },
      }),
      'tasks[0].inputParameters.duration',
      'Unable to parse duration soon',
    ],
    [
      'INLINE without an expression',
      withTasks({
        name: 'i',
        taskReferenceName: 'i',
        type: 'INLINE',
        inputParameters: { evaluatorType: 'javascript' },
      }),
      'tasks[0].inputParameters',
      'inputParameters.expression field is required for taskType: INLINE taskName: i',
    ],
    [
      'INLINE with an unknown evaluator',
      withTasks({
        name: 'i',
        taskReferenceName: 'i',
        type: 'INLINE',
        inputParameters: { evaluatorType: 'ruby', expression: '1' },
      }),
      'tasks[0].inputParameters.evaluatorType',
      'evaluatorType must be one of javascript, graaljs, value-param',
    ],
    [
      'LAMBDA without a script',
      withTasks({ name: 'l', taskReferenceName: 'l', type: 'LAMBDA' }),
      'tasks[0].inputParameters',
      'inputParameters.scriptExpression field is required for taskType: LAMBDA taskName: l',
    ],
    [
      'START_WORKFLOW without a request',
      withTasks({ name: 's', taskReferenceName: 's', type: 'START_WORKFLOW' }),
      'tasks[0].inputParameters',
      'inputParameters.startWorkflow field is required for taskType: START_WORKFLOW taskName: s',
    ],
    [
      'a DO_WHILE body ref containing __',
      withTasks({
        name: 'l',
        taskReferenceName: 'l',
        type: 'DO_WHILE',
        loopCondition: 'false',
        loopOver: [simple('bad__ref')],
      }),
      'tasks[0].loopOver[0].taskReferenceName',
      'taskReferenceName: bad__ref inside DO_WHILE l must not contain "__", the loop iteration delimiter',
    ],
    [
      'an EXCLUSIVE_JOIN default naming an unknown ref',
      withTasks(simple('a'), {
        name: 'x',
        taskReferenceName: 'x',
        type: 'EXCLUSIVE_JOIN',
        joinOn: ['a'],
        defaultExclusiveJoinTask: ['nope'],
      }),
      'tasks[1].defaultExclusiveJoinTask[0]',
      'defaultExclusiveJoinTask: nope is not a taskReferenceName in this workflow definition',
    ],
    [
      'an EXCLUSIVE_JOIN naming an unknown ref',
      withTasks({ name: 'x', taskReferenceName: 'x', type: 'EXCLUSIVE_JOIN', joinOn: ['ghost'] }),
      'tasks[0].joinOn[0]',
      'joinOn: ghost is not a taskReferenceName in this workflow definition, so EXCLUSIVE_JOIN x would wait forever',
    ],
  ])('reports %s', (_what, def, path, message) => {
    expect(validateWorkflowDef(def)).toContainEqual(expect.objectContaining({ path, message }));
  });
});

describe('input rules satisfied elsewhere', () => {
  it('accepts INLINE and JQ input supplied by an inline TaskDef template', () => {
    const def = withTasks(
      {
        name: 'i',
        taskReferenceName: 'i',
        type: 'INLINE',
        taskDefinition: {
          name: 'i',
          inputTemplate: { expression: '1', evaluatorType: 'javascript' },
        },
      },
      {
        name: 'q',
        taskReferenceName: 'q',
        type: 'JSON_JQ_TRANSFORM',
        taskDefinition: { name: 'q', inputTemplate: { queryExpression: '.' } },
      },
    );
    expect(validateWorkflowDef(def)).toEqual([]);
  });

  it('accepts HTTP with OSS top-level uri and method', () => {
    const def = withTasks({
      name: 'h',
      taskReferenceName: 'h',
      type: 'HTTP',
      inputParameters: { uri: 'http://x', method: 'GET' },
    });
    expect(validateWorkflowDef(def)).toEqual([]);
  });

  it('accepts expressions where literal values are checked', () => {
    const def = withTasks(
      {
        name: 'w',
        taskReferenceName: 'w',
        type: 'WAIT',
        inputParameters: { until: '${workflow.input.until}' },
      },
      {
        name: 'i',
        taskReferenceName: 'i',
        type: 'INLINE',
        inputParameters: { evaluatorType: '${workflow.input.kind}', expression: '1' },
      },
      {
        name: 's',
        taskReferenceName: 's',
        type: 'SUB_WORKFLOW',
        subWorkflowParam: { name: 'c', version: '${workflow.input.v}' },
      },
    );
    expect(validateWorkflowDef(def)).toEqual([]);
  });
});

describe('START_WORKFLOW without a workflow name', () => {
  const def = withTasks({
    name: 's',
    taskReferenceName: 's',
    type: 'START_WORKFLOW',
    inputParameters: { startWorkflow: { input: {} } },
  });

  it('registers (as in Conductor) and is reported as a warning', () => {
    expect(validateWorkflowDef(def)).toEqual([]);
    expect(workflowDefWarnings(def)).toEqual([
      {
        path: 'tasks[0].inputParameters.startWorkflow.name',
        message:
          'inputParameters.startWorkflow.name field is required for taskType: START_WORKFLOW taskName: s; without it the task fails when it runs',
      },
    ]);
  });

  it('warns about nothing for a named request, and survives hostile shapes', () => {
    const named = withTasks({
      name: 's',
      taskReferenceName: 's',
      type: 'START_WORKFLOW',
      inputParameters: { startWorkflow: { name: '${workflow.input.child}' } },
    });
    expect(workflowDefWarnings(named)).toEqual([]);
    for (const hostile of [
      null,
      42,
      { tasks: 'x' },
      { tasks: [null, 7, { type: 'START_WORKFLOW' }] },
    ])
      expect(workflowDefWarnings(hostile)).toEqual([]);
  });
});
