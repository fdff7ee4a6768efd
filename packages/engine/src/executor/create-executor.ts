/**
 * `createWorkflowExecutor`: the WorkflowExecutor over the ports.
 * @module
 */
import { batonError } from '../errors.js';
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';
import { createEngine, type Engine, type EngineOps } from './core/engine.js';
import type { ExecutorDeps, WorkflowExecutor } from './executor-api.js';
import * as actions from './requests/operator-actions.js';
import { pollTasks } from './requests/poll.js';
import { rerun, restart, retry } from './requests/recovery.js';
import { startWorkflow } from './requests/start-workflow.js';
import { notifyParent } from './core/sub-workflow.js';
import { sweep } from './background/sweep.js';
import { decideNow, runSystemTasks } from './background/system-tasks.js';
import { updateTask, updateTaskAndRead, updateTaskByRef } from './requests/task-updates.js';

/**
 * Creates the engine's public operations over `deps`. The executor keeps no state between calls,
 * so any number of executors (servers) can share one set of stores.
 * @example
 * const executor = createWorkflowExecutor({ executions, definitions, queue, clock, ids, evaluator, jq, http });
 * const id = await executor.startWorkflow({ name: 'pbj', input: {} });
 */
export function createWorkflowExecutor(deps: ExecutorDeps): WorkflowExecutor {
  const ops: EngineOps = {
    startWorkflow: (request, options) => startWorkflow(engine, request, options),
    terminate: (workflowId, reason) => actions.terminate(engine, workflowId, reason),
    notifyParent: (child) => notifyParent(engine, child),
  };
  const engine: Engine = createEngine(deps, ops);
  return {
    startWorkflow: (request) => startWorkflow(engine, request),
    getWorkflow: (workflowId, options) => getWorkflow(engine, workflowId, options),
    decide: async (workflowId) => {
      await decideNow(engine, workflowId);
    },
    pause: (workflowId) => actions.pause(engine, workflowId),
    resume: (workflowId) => actions.resume(engine, workflowId),
    terminate: (workflowId, reason) => actions.terminate(engine, workflowId, reason),
    restart: (workflowId, options) => restart(engine, workflowId, options),
    retry: (workflowId, options) => retry(engine, workflowId, options),
    rerun: (workflowId, request) => rerun(engine, workflowId, request ?? {}),
    skipTask: (workflowId, ref, request) => actions.skipTask(engine, workflowId, ref, request),
    remove: (workflowId) => actions.remove(engine, workflowId),
    resetCallbacks: (workflowId) => actions.resetCallbacks(engine, workflowId),
    updateVariables: (workflowId, variables, options) =>
      actions.updateVariables(engine, workflowId, variables, options),
    pollTasks: (taskType, options) => pollTasks(engine, taskType, options),
    updateTask: (result) => updateTask(engine, result),
    updateTaskAndRead: (result) => updateTaskAndRead(engine, result),
    updateTaskByRef: (workflowId, ref, status, output, workerId) =>
      updateTaskByRef(engine, workflowId, ref, status, output, workerId),
    getTask: (taskId) => getTask(engine, taskId),
    runSystemTasks: (taskType, count) => runSystemTasks(engine, taskType, count),
    sweep: (count) => sweep(engine, count),
    onTaskTimeout: (listener) => {
      const own = (alert: Parameters<typeof listener>[0]) => listener(alert);
      engine.timeoutListeners.add(own);
      return () => engine.timeoutListeners.delete(own);
    },
    operationStats: () => ({ ...engine.stats }),
  };
}

async function getWorkflow(
  engine: Engine,
  workflowId: string,
  options: { includeTasks?: boolean } = {},
): Promise<Workflow> {
  const stored = await engine.deps.executions.getExecution(workflowId);
  if (!stored) {
    throw batonError('WORKFLOW_NOT_FOUND', `No such workflow found by id: ${workflowId}`, {
      details: { workflowId },
    });
  }
  const workflow = stored.workflow;
  const tasks = [...(workflow.tasks ?? [])].sort((a, b) => a.seq - b.seq);
  return { ...workflow, tasks: options.includeTasks === false ? [] : tasks };
}

async function getTask(engine: Engine, taskId: string): Promise<Task> {
  const task = await engine.deps.executions.getTask(taskId);
  if (!task) {
    throw batonError('TASK_NOT_FOUND', `No such task found by id: ${taskId}`, {
      details: { taskId },
    });
  }
  return task;
}
