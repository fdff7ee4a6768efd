/**
 * The workload's definitions: `wl_main` runs a worker task, a FORK of a worker task and a
 * SUB_WORKFLOW (`wl_child`, one worker task), a JOIN, then a value-param SWITCH to one of two
 * worker tasks. Every worker task may fail on its first attempt and is retried after one second.
 * @module
 */
import type { TaskDef, WorkflowDef } from '@baton/engine';

export const MAIN_WORKFLOW = 'wl_main';
export const CHILD_WORKFLOW = 'wl_child';
/** The worker task types (SIMPLE task names). */
export const WORKER_TASKS = ['wl_a', 'wl_b', 'wl_c', 'wl_d', 'wl_e'] as const;

const OWNER = 'workload@example.com';

/** Task definitions: two retries one second apart, a response timeout for lost hand-outs. */
export function workloadTaskDefs(responseTimeoutSeconds = 30): TaskDef[] {
  return WORKER_TASKS.map((name) => ({
    name,
    ownerEmail: OWNER,
    retryCount: 2,
    retryLogic: 'FIXED',
    retryDelaySeconds: 1,
    responseTimeoutSeconds,
    timeoutSeconds: 0,
    timeoutPolicy: 'RETRY',
  })) as TaskDef[];
}

const simple = (name: string, ref: string) => ({
  name,
  taskReferenceName: ref,
  type: 'SIMPLE',
  inputParameters: { i: '${workflow.input.i}' },
});

/** The child workflow: one worker task. */
export const CHILD_DEF = {
  name: CHILD_WORKFLOW,
  version: 1,
  schemaVersion: 2,
  ownerEmail: OWNER,
  tasks: [simple('wl_e', 'e')],
  outputParameters: { e: '${e.output.v}' },
} as unknown as WorkflowDef;

/** The main workflow (input `{ i, kind }`; kind `even` takes the `c` branch, anything else `d`). */
export const MAIN_DEF = {
  name: MAIN_WORKFLOW,
  version: 1,
  schemaVersion: 2,
  ownerEmail: OWNER,
  tasks: [
    simple('wl_a', 'a'),
    {
      name: 'fork',
      taskReferenceName: 'fork',
      type: 'FORK_JOIN',
      forkTasks: [
        [simple('wl_b', 'b')],
        [
          {
            name: CHILD_WORKFLOW,
            taskReferenceName: 'child',
            type: 'SUB_WORKFLOW',
            inputParameters: { i: '${workflow.input.i}' },
            subWorkflowParam: { name: CHILD_WORKFLOW, version: 1 },
          },
        ],
      ],
    },
    { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn: ['b', 'child'] },
    {
      name: 'route',
      taskReferenceName: 'route',
      type: 'SWITCH',
      evaluatorType: 'value-param',
      expression: 'kind',
      inputParameters: { kind: '${workflow.input.kind}' },
      decisionCases: { even: [simple('wl_c', 'c')] },
      defaultCase: [simple('wl_d', 'd')],
    },
  ],
  outputParameters: { a: '${a.output.v}', child: '${child.output.e}' },
} as unknown as WorkflowDef;

/** Whether the worker fails this task's first attempt (about one task in six). */
export function failsFirstAttempt(taskType: string, i: number, retryCount: number): boolean {
  if (retryCount > 0) return false;
  const salt = WORKER_TASKS.indexOf(taskType as (typeof WORKER_TASKS)[number]) + 1;
  return (i * 31 + salt * 7) % 6 === 0;
}
