/**
 * The published Conductor benchmark shape as Baton definitions: `bench_main`, 13 steps in
 * sequence (12 SIMPLE tasks and, in the middle, a SUB_WORKFLOW running `bench_sub`, whose one step
 * is a SIMPLE task), each step taking the previous step's output as input; plus `bench_burst`, one
 * SIMPLE task nobody polls, for the start burst.
 * @module
 */
import type { TaskDef, WorkflowDef, WorkflowTask } from '@baton/engine';

/** Worker task types of the main workflow, in order. */
export const MAIN_STEP_TYPES: readonly string[] = Array.from(
  { length: 12 },
  (_, i) => `bench_step_${i + 1}`,
);
/** The task type of the sub-workflow's only step. */
export const SUB_STEP_TYPE = 'bench_sub_step';
/** Every task type the workers poll. */
export const WORKER_TASK_TYPES: readonly string[] = [...MAIN_STEP_TYPES, SUB_STEP_TYPE];
/** Worker task executions per main workflow (12 main steps + 1 in the sub-workflow). */
export const TASKS_PER_WORKFLOW = WORKER_TASK_TYPES.length;
/** Workflow starts per main workflow, counting the sub-workflow. */
export const STARTS_PER_WORKFLOW = 2;
/** The SUB_WORKFLOW is step 7 of 13. */
const SUB_POSITION = 6;

export const MAIN_WORKFLOW = 'bench_main';
export const SUB_WORKFLOW = 'bench_sub';
export const BURST_WORKFLOW = 'bench_burst';
export const BURST_TASK_TYPE = 'bench_burst_task';

function simple(type: string, ref: string, data: string): WorkflowTask {
  return { name: type, taskReferenceName: ref, type: 'SIMPLE', inputParameters: { data } };
}

function mainTasks(): WorkflowTask[] {
  const tasks: WorkflowTask[] = [];
  let previous = '${workflow.input.data}';
  MAIN_STEP_TYPES.forEach((type, i) => {
    if (i === SUB_POSITION) {
      tasks.push({
        name: SUB_WORKFLOW,
        taskReferenceName: 'sub',
        type: 'SUB_WORKFLOW',
        inputParameters: { data: previous },
        subWorkflowParam: { name: SUB_WORKFLOW, version: 1 },
      });
      previous = '${sub.output.data}';
    }
    const ref = `s${i + 1}`;
    tasks.push(simple(type, ref, previous));
    previous = `\${${ref}.output.data}`;
  });
  return tasks;
}

/** Task definitions: no retries, long response timeouts (the workers are instant). */
export function benchTaskDefs(): TaskDef[] {
  return [...WORKER_TASK_TYPES, BURST_TASK_TYPE].map((name) => ({
    name,
    retryCount: 0,
    timeoutSeconds: 0,
    responseTimeoutSeconds: 600,
    ownerEmail: 'bench@baton.local',
  }));
}

/** The three workflow definitions, version 1. */
export function benchWorkflowDefs(): WorkflowDef[] {
  const base = { version: 1, schemaVersion: 2, ownerEmail: 'bench@baton.local', timeoutSeconds: 0 };
  return [
    {
      ...base,
      name: SUB_WORKFLOW,
      tasks: [simple(SUB_STEP_TYPE, 'only', '${workflow.input.data}')],
      outputParameters: { data: '${only.output.data}' },
    },
    {
      ...base,
      name: MAIN_WORKFLOW,
      tasks: mainTasks(),
      outputParameters: { data: `\${s${MAIN_STEP_TYPES.length}.output.data}` },
    },
    {
      ...base,
      name: BURST_WORKFLOW,
      tasks: [simple(BURST_TASK_TYPE, 'b', '${workflow.input.data}')],
    },
  ];
}
