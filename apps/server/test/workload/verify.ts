/**
 * The correctness check of a workload run, read back through the API from the servers: every
 * acknowledged start COMPLETED (with its child), no (referenceTaskName, retryCount) scheduled
 * twice in one workflow, every acknowledged task update reflected in the stored task.
 * @module
 */
import { isBatonApiError } from '@baton/client';
import type { BatonClient, Task, Workflow } from '@baton/client';
import { failsFirstAttempt } from './definitions.js';
import type { Workload } from './workload.js';

/** What went wrong, by kind; every list is empty for a correct run. */
export interface Verification {
  /** Started workflows (or their children) not COMPLETED: `id status`. */
  notCompleted: string[];
  /** `workflowId ref#retryCount` seen more than once. */
  scheduledTwice: string[];
  /** Task ids a worker received twice. */
  receivedTwice: string[];
  /** Acknowledged updates not reflected: `taskId sent→stored`. */
  lostCompletions: string[];
  /** Retries beyond the planned first-attempt failures (timeouts after a crash), informational. */
  extraRetries: number;
  /** Workflows that ran although their start was answered with an error (informational). */
  unackedStarts: Set<string>;
  /** Workflows and tasks checked. */
  workflows: number;
  tasks: number;
}

async function getTask(client: BatonClient, taskId: string): Promise<Task | null> {
  try {
    return await client.tasks.get(taskId);
  } catch (error) {
    if (isBatonApiError(error) && error.status === 404) return null;
    throw error;
  }
}

async function getWorkflow(client: BatonClient, id: string): Promise<Workflow> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.workflows.get(id, { includeTasks: true });
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Reads back every started workflow and checks the run. */
export async function verifyWorkload(workload: Workload, parallel = 24): Promise<Verification> {
  const v: Verification = {
    notCompleted: [],
    scheduledTwice: [],
    receivedTwice: [...workload.receivedTwice],
    lostCompletions: [],
    extraRetries: 0,
    unackedStarts: new Set(),
    workflows: 0,
    tasks: 0,
  };
  const stored = new Map<string, Task>();
  const check = (wf: Workflow) => {
    v.workflows += 1;
    if (wf.status !== 'COMPLETED') {
      const tasks = wf.tasks.map((t) => `${t.referenceTaskName}#${t.retryCount}:${t.status}`);
      v.notCompleted.push(`${wf.workflowId} ${wf.status} [${tasks.join(' ')}]`);
    }
    const seen = new Set<string>();
    for (const task of wf.tasks) {
      v.tasks += 1;
      stored.set(task.taskId, task);
      const key = `${task.referenceTaskName}#${task.retryCount}`;
      if (seen.has(key)) v.scheduledTwice.push(`${wf.workflowId} ${key}`);
      seen.add(key);
      if (task.taskType === 'SIMPLE') {
        const i = Number(task.inputData['i']);
        const planned = failsFirstAttempt(task.taskDefName, i, 0) ? 1 : 0;
        if (task.retryCount > planned) v.extraRetries += 1;
      }
    }
  };
  let next = 0;
  const reader = async () => {
    for (let k = next++; k < workload.started.length; k = next++) {
      const wf = await getWorkflow(workload.client, workload.started[k]!);
      check(wf);
      const child = wf.tasks.find((t) => t.referenceTaskName === 'child' && !t.retried);
      if (!child?.subWorkflowId) {
        if (wf.status === 'COMPLETED')
          v.notCompleted.push(`${wf.workflowId} has no child workflow`);
        continue;
      }
      check(await getWorkflow(workload.client, child.subWorkflowId));
    }
  };
  await Promise.all(Array.from({ length: parallel }, reader));
  for (const [taskId, sent] of workload.acked) {
    // A task of a workflow whose start was answered with an error is not among those read above.
    const task = stored.get(taskId) ?? (await getTask(workload.client, taskId));
    if (task === null) v.lostCompletions.push(`${taskId} ${sent}→MISSING`);
    else if (task.status !== sent) v.lostCompletions.push(`${taskId} ${sent}→${task.status}`);
    else if (!stored.has(taskId)) v.unackedStarts.add(task.workflowInstanceId);
  }
  return v;
}

/** A one-line summary for test output. */
export function summarize(v: Verification): string {
  return [
    `${v.workflows} workflows, ${v.tasks} tasks checked`,
    `notCompleted=${v.notCompleted.length}`,
    `scheduledTwice=${v.scheduledTwice.length}`,
    `receivedTwice=${v.receivedTwice.length}`,
    `lostCompletions=${v.lostCompletions.length}`,
    `extraRetries=${v.extraRetries}`,
    `unackedStarts=${v.unackedStarts.size}`,
  ].join(', ');
}
