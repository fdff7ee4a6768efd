/**
 * The palette's catalogue: every task type the designer can add, with its label, group, help text
 * and a factory for a fresh task (fresh refs are made unique against the definition).
 * @module
 */
import type { WorkflowTask } from '@baton/engine';

/** Palette groups, in display order. */
export type TaskGroup = 'Workers' | 'System' | 'Control flow' | 'Workflows';

/** One entry of the catalogue. */
export interface TaskKind {
  type: string;
  label: string;
  group: TaskGroup;
  description: string;
  /** Builds the task(s) to insert; FORK_JOIN yields the fork and its JOIN. */
  create: (ref: (base: string) => string) => WorkflowTask[];
}

const simple = (type: string, base: string, extra: Partial<WorkflowTask> = {}) => {
  return (ref: (b: string) => string): WorkflowTask[] => {
    const r = ref(base);
    return [{ name: r, taskReferenceName: r, type, inputParameters: {}, ...extra }];
  };
};

/** Every kind of task, in palette order. */
export const TASK_KINDS: readonly TaskKind[] = [
  {
    type: 'SIMPLE',
    label: 'Simple (worker)',
    group: 'Workers',
    description: 'A task executed by your own worker polling its queue.',
    create: simple('SIMPLE', 'simple_task'),
  },
  {
    type: 'HTTP',
    label: 'HTTP',
    group: 'System',
    description: 'Calls an HTTP endpoint and stores the response.',
    create: simple('HTTP', 'http', {
      inputParameters: { http_request: { uri: 'https://example.com', method: 'GET' } },
    }),
  },
  {
    type: 'INLINE',
    label: 'Inline script',
    group: 'System',
    description: 'Evaluates a JavaScript expression over the task input.',
    create: simple('INLINE', 'inline', {
      inputParameters: {
        evaluatorType: 'graaljs',
        expression: '(function () { return $.value; })()',
      },
    }),
  },
  {
    type: 'JSON_JQ_TRANSFORM',
    label: 'JSON JQ transform',
    group: 'System',
    description: 'Transforms JSON with a jq program.',
    create: simple('JSON_JQ_TRANSFORM', 'jq', { inputParameters: { queryExpression: '.' } }),
  },
  {
    type: 'SET_VARIABLE',
    label: 'Set variable',
    group: 'System',
    description: 'Writes its input into workflow.variables.',
    create: simple('SET_VARIABLE', 'set_variable'),
  },
  {
    type: 'WAIT',
    label: 'Wait',
    group: 'System',
    description: 'Waits for a duration, a date, or an external signal.',
    create: simple('WAIT', 'wait', { inputParameters: { duration: '10s' } }),
  },
  {
    type: 'HUMAN',
    label: 'Human',
    group: 'System',
    description: 'Waits until a person completes it through the API.',
    create: simple('HUMAN', 'human'),
  },
  {
    type: 'EVENT',
    label: 'Event',
    group: 'System',
    description: 'Publishes its input to an event sink.',
    create: simple('EVENT', 'event', { sink: 'conductor' }),
  },
  {
    type: 'NOOP',
    label: 'No-op',
    group: 'System',
    description: 'Does nothing and completes at once.',
    create: simple('NOOP', 'noop'),
  },
  {
    type: 'SWITCH',
    label: 'Switch',
    group: 'Control flow',
    description: 'Chooses one case by the value of an expression; default last.',
    create: simple('SWITCH', 'switch', {
      evaluatorType: 'value-param',
      expression: 'switchCaseValue',
      inputParameters: { switchCaseValue: '${workflow.input.case}' },
      decisionCases: { case_a: [] },
      defaultCase: [],
    }),
  },
  {
    type: 'DECISION',
    label: 'Decision (legacy)',
    group: 'Control flow',
    description: 'The deprecated form of Switch.',
    create: simple('DECISION', 'decision', {
      caseValueParam: 'case',
      inputParameters: { case: '${workflow.input.case}' },
      decisionCases: { case_a: [] },
      defaultCase: [],
    }),
  },
  {
    type: 'FORK_JOIN',
    label: 'Fork / join',
    group: 'Control flow',
    description: 'Runs branches in parallel, then waits for them at a JOIN.',
    create: (ref) => {
      const fork = ref('fork');
      const join = ref(`${fork}_join`);
      return [
        { name: fork, taskReferenceName: fork, type: 'FORK_JOIN', forkTasks: [[], []] },
        { name: join, taskReferenceName: join, type: 'JOIN', joinOn: [] },
      ];
    },
  },
  {
    type: 'FORK_JOIN_DYNAMIC',
    label: 'Dynamic fork',
    group: 'Control flow',
    description: 'Forks a list of tasks computed at run time, followed by a JOIN.',
    create: (ref) => {
      const fork = ref('dynamic_fork');
      const join = ref(`${fork}_join`);
      return [
        {
          name: fork,
          taskReferenceName: fork,
          type: 'FORK_JOIN_DYNAMIC',
          dynamicForkTasksParam: 'dynamicTasks',
          dynamicForkTasksInputParamName: 'dynamicTasksInput',
          inputParameters: { dynamicTasks: '', dynamicTasksInput: '' },
        },
        { name: join, taskReferenceName: join, type: 'JOIN', joinOn: [] },
      ];
    },
  },
  {
    type: 'JOIN',
    label: 'Join',
    group: 'Control flow',
    description: 'Waits for the listed tasks of a fork.',
    create: simple('JOIN', 'join', { joinOn: [] }),
  },
  {
    type: 'EXCLUSIVE_JOIN',
    label: 'Exclusive join',
    group: 'Control flow',
    description: 'Completes with the output of the first listed task that ran.',
    create: simple('EXCLUSIVE_JOIN', 'exclusive_join', { joinOn: [] }),
  },
  {
    type: 'DO_WHILE',
    label: 'Do while',
    group: 'Control flow',
    description: 'Repeats its body while the loop condition holds.',
    create: simple('DO_WHILE', 'loop', {
      loopCondition: "if ($.loop['iteration'] < 3) { true; } else { false; }",
      loopOver: [],
    }),
  },
  {
    type: 'TERMINATE',
    label: 'Terminate',
    group: 'Control flow',
    description: 'Ends the workflow with a status and output.',
    create: simple('TERMINATE', 'terminate', {
      inputParameters: { terminationStatus: 'COMPLETED', workflowOutput: {} },
    }),
  },
  {
    type: 'SUB_WORKFLOW',
    label: 'Sub workflow',
    group: 'Workflows',
    description: 'Runs another workflow definition and waits for it.',
    create: simple('SUB_WORKFLOW', 'sub_workflow', { subWorkflowParam: { name: '', version: 1 } }),
  },
  {
    type: 'START_WORKFLOW',
    label: 'Start workflow',
    group: 'Workflows',
    description: 'Starts another workflow and continues without waiting.',
    create: simple('START_WORKFLOW', 'start_workflow', {
      inputParameters: { startWorkflow: { name: '', version: 1, input: {} } },
    }),
  },
  {
    type: 'DYNAMIC',
    label: 'Dynamic',
    group: 'Workers',
    description: 'A worker task whose name is chosen at run time.',
    create: simple('DYNAMIC', 'dynamic', {
      dynamicTaskNameParam: 'taskToExecute',
      inputParameters: { taskToExecute: '${workflow.input.task}' },
    }),
  },
];

const BY_TYPE = new Map(TASK_KINDS.map((k) => [k.type, k]));

/** The catalogue entry of a type; unknown types are user-defined worker tasks. */
export function taskKind(type: string | undefined): TaskKind {
  return BY_TYPE.get(type ?? 'SIMPLE') ?? BY_TYPE.get('SIMPLE')!;
}

/** Returns a function that makes reference names unique against `taken` (and remembers them). */
export function createRefMaker(taken: Set<string>): (base: string) => string {
  return (base) => {
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    return candidate;
  };
}
