/**
 * Builders of Task and Workflow rows for the executions unit tests.
 * @module
 */
import type { Task, Workflow, WorkflowDef, WorkflowTask } from '@baton/client';

/** A task row with sensible defaults; `ref` sets the reference name and the workflowTask. */
export function makeTask(ref: string, patch: Partial<Task> = {}): Task {
  const base = ref.replace(/__\d+$/, '');
  const workflowTask: WorkflowTask = { name: base, taskReferenceName: base, type: 'SIMPLE' };
  return {
    taskId: `id-${ref}-${patch.retryCount ?? 0}`,
    taskType: base,
    taskDefName: base,
    referenceTaskName: ref,
    status: 'SCHEDULED',
    inputData: {},
    outputData: {},
    seq: 1,
    retryCount: 0,
    retried: false,
    executed: false,
    pollCount: 0,
    workflowInstanceId: 'wf-1',
    workflowType: 'wf',
    workflowPriority: 0,
    scheduledTime: 0,
    startTime: 0,
    endTime: 0,
    updateTime: 0,
    startDelayInSeconds: 0,
    callbackAfterSeconds: 0,
    responseTimeoutSeconds: 0,
    callbackFromWorker: true,
    iteration: 0,
    workflowTask,
    ...patch,
  };
}

/** A workflow execution of `def` holding `tasks`. */
export function makeWorkflow(
  def: WorkflowDef,
  tasks: Task[],
  patch: Partial<Workflow> = {},
): Workflow {
  return {
    workflowId: 'wf-1',
    workflowName: def.name,
    workflowVersion: def.version ?? 1,
    status: 'RUNNING',
    input: {},
    output: {},
    variables: {},
    tasks,
    createTime: 1000,
    startTime: 1000,
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    priority: 0,
    workflowDefinition: def,
    ...patch,
  };
}

/** A definition whose tasks are the given nodes (SIMPLE unless typed). */
export function makeDef(tasks: WorkflowTask[]): WorkflowDef {
  return { name: 'wf', version: 1, tasks, schemaVersion: 2 } as WorkflowDef;
}
