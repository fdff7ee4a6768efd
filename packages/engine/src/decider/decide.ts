/**
 * One decide pass (docs/conductor-compatibility.md#the-decide-pass): a pure function from an
 * execution to an Outcome. Sync system tasks that need a port (scripts, jq, event publishing) come
 * back as actions; the executor runs them and decides again.
 * @module
 */
import { isBatonError } from '../errors.js';
import {
  isSuccessfulTaskStatus,
  isTerminalTaskStatus,
  isTerminalWorkflowStatus,
} from '../model/status.js';
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';
import { workflowOutput, isWorkflowComplete } from './completion.js';
import { indexDefinition } from './def-index.js';
import { Draft } from './draft.js';
import { mapNode } from './map-task.js';
import { firstNode, nextNodes } from './next-task.js';
import {
  TerminateSignal,
  type DecideContext,
  type EndStatus,
  type Outcome,
  type SystemAction,
} from './outcome.js';
import { suffixOf, withSuffix } from './refs.js';
import { retryOrFail } from './retry.js';
import { endPatch, type MapContext } from './task-factory.js';
import { evaluateLoop } from './tasks/do-while.js';
import { eventAction } from './tasks/event.js';
import { evaluateExclusiveJoin } from './tasks/exclusive-join.js';
import { evaluateJoin } from './tasks/join.js';
import { scriptStep } from './tasks/script.js';
import { switchAction } from './tasks/switch.js';
import { terminationOf } from './tasks/terminate.js';
import { evaluateWait } from './tasks/wait.js';
import { CONTAINER, OPEN, TERMINATED, type TaskTable } from './task-table.js';
import { checkTaskTimeouts, checkWorkflowTimeout } from './timeouts.js';

const MAX_ROUNDS = 10_000;

/**
 * Decides what happens next to `workflow` at `ctx.now`. Never mutates `workflow` (nor `table`, the
 * caller's table of `workflow.tasks`, which saves reading every task; see task-table.ts).
 */
export function decide(workflow: Workflow, ctx: DecideContext, table?: TaskTable): Outcome {
  const draft = new Draft(workflow, table);
  const index = indexDefinition(workflow.workflowDefinition);
  const m: MapContext = {
    ctx,
    draft,
    index,
    map: (node, suffix, options) => mapNode(m, node, suffix, options),
  };
  if (isTerminalWorkflowStatus(workflow.status)) {
    cancelOpenTasks(draft, ctx.now);
    return { type: 'continue', upserts: draft.upserts(), actions: [] };
  }
  const actions = new Map<string, SystemAction>();
  try {
    checkWorkflowTimeout(workflow, ctx.now);
    if (workflow.status === 'PAUSED') return { type: 'continue', upserts: [], actions: [] };
    if (!draft.tasks.some((t) => t.status !== 'SKIPPED')) {
      const first = firstNode(m, workflow.workflowDefinition.tasks?.[0]);
      if (!first) return end(m, 'COMPLETED');
      for (const task of m.map(first, '')) draft.add(task);
    }
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const before = draft.version;
      // Tasks a pass would skip (executed, retried, SKIPPED) are not even read.
      for (let i = 0; i < draft.tasks.length; i += 1) {
        if ((draft.flagsAt(i) & OPEN) === 0) continue;
        processTask(m, (draft.tasks[i] as Task).taskId, actions);
      }
      evaluateContainers(m, actions);
      if (draft.version === before) break;
    }
    const terminate = findFlagged(draft, TERMINATED);
    if (terminate) {
      const { status, reason } = terminationOf(terminate);
      return end(m, status, reason, terminate.taskId);
    }
    if (actions.size === 0 && isWorkflowComplete(draft, index)) return end(m, 'COMPLETED');
    return {
      type: 'continue',
      upserts: draft.upserts(),
      actions: [...actions.values()],
      variables: draft.variables,
    };
  } catch (e) {
    if (e instanceof TerminateSignal) return end(m, e.status, e.reason, e.failedTaskId);
    // A bad `${...}` expression in the definition fails the workflow instead of the caller.
    if (isBatonError(e) && e.kind === 'invalid') return end(m, 'FAILED', e.message);
    throw e;
  }
}

function processTask(m: MapContext, taskId: string, actions: Map<string, SystemAction>): void {
  const { draft, ctx } = m;
  let task = draft.get(taskId);
  if (!task || task.retried || task.executed || task.status === 'SKIPPED') return;
  if (!isTerminalTaskStatus(task.status)) {
    const timeout = checkTaskTimeouts(task, ctx.now);
    if (timeout) {
      task = draft.update(task, timeout.patch);
      if (timeout.timeOutWorkflow) {
        throw new TerminateSignal('TIMED_OUT', task.reasonForIncompletion ?? '', task.taskId);
      }
    } else {
      task = advanceSystemTask(m, task, actions);
    }
  }
  if (!isTerminalTaskStatus(task.status)) return;
  if (!isSuccessfulTaskStatus(task.status)) {
    retryOrFail(m, task);
    task = draft.get(taskId);
    if (!task || task.retried) return;
  }
  task = draft.update(task, { executed: true });
  const suffix = suffixOf(task.referenceTaskName);
  for (const next of nextNodes(m, task)) {
    if (draft.byRef(withSuffix(next.taskReferenceName, suffix))) continue;
    for (const created of m.map(next, suffix)) draft.add(created);
  }
}

/** Sync system tasks that settle without waiting for anything else. */
function advanceSystemTask(m: MapContext, task: Task, actions: Map<string, SystemAction>): Task {
  const now = m.ctx.now;
  switch (task.taskType) {
    case 'WAIT': {
      const patch = evaluateWait(task, now);
      return patch ? m.draft.update(task, patch) : task;
    }
    case 'SWITCH':
    case 'DECISION':
      actions.set(task.taskId, switchAction(task));
      return task;
    case 'INLINE':
    case 'LAMBDA':
    case 'JSON_JQ_TRANSFORM': {
      const step = scriptStep(task, now);
      if ('patch' in step) return m.draft.update(task, { startTime: now, ...step.patch });
      actions.set(task.taskId, step.action);
      return task;
    }
    case 'EVENT':
      if (task.status === 'SCHEDULED') actions.set(task.taskId, eventAction(task));
      return task;
    default:
      return task;
  }
}

/** JOIN, EXCLUSIVE_JOIN and DO_WHILE look at other tasks, so they run after every task moved. */
function evaluateContainers(m: MapContext, actions: Map<string, SystemAction>): void {
  const { draft, ctx } = m;
  for (let i = 0; i < draft.tasks.length; i += 1) {
    if ((draft.flagsAt(i) & CONTAINER) === 0) continue;
    const task = draft.tasks[i];
    if (!task || task.retried || isTerminalTaskStatus(task.status)) continue;
    if (task.taskType === 'JOIN') {
      const patch = evaluateJoin(draft, task, ctx.now);
      if (patch) draft.update(task, patch);
    } else if (task.taskType === 'EXCLUSIVE_JOIN') {
      const patch = evaluateExclusiveJoin(draft, task, ctx.now);
      if (patch) draft.update(task, patch);
    } else if (task.taskType === 'DO_WHILE' && !actions.has(task.taskId)) {
      const step = evaluateLoop(m, task);
      if (step?.type === 'schedule') for (const created of step.tasks) draft.add(created);
      else if (step?.type === 'update') {
        draft.update(task, step.patch);
        if (step.action) actions.set(task.taskId, step.action);
      }
    }
  }
}

function end(m: MapContext, status: EndStatus, reason?: string, failedTaskId?: string): Outcome {
  const output = workflowOutput(m.draft, m.ctx);
  cancelOpenTasks(m.draft, m.ctx.now);
  return {
    type: 'end',
    status,
    upserts: m.draft.upserts(),
    output,
    reason,
    failedTaskId,
    variables: m.draft.variables,
    startFailureWorkflow: status !== 'COMPLETED',
  };
}

/** Every non-terminal task becomes CANCELED. */
export function cancelOpenTasks(draft: Draft, now: number): void {
  for (const task of [...draft.tasks]) {
    if (!isTerminalTaskStatus(task.status)) draft.update(task, endPatch(now, 'CANCELED'));
  }
}

/** The first task whose flags (task-table.ts) include `flag`, reading only that one. */
function findFlagged(draft: Draft, flag: number): Task | undefined {
  for (let i = 0; i < draft.tasks.length; i += 1) {
    if ((draft.flagsAt(i) & flag) !== 0) return draft.tasks[i];
  }
  return undefined;
}

/**
 * Ends `workflow` with `status` outside a decide pass (terminate API, a DYNAMIC task whose TaskDef
 * is missing): computes the output and cancels every open task.
 */
export function decideEnd(
  workflow: Workflow,
  ctx: DecideContext,
  status: EndStatus,
  reason?: string,
  failedTaskId?: string,
): Extract<Outcome, { type: 'end' }> {
  const draft = new Draft(workflow);
  const index = indexDefinition(workflow.workflowDefinition);
  const m: MapContext = {
    ctx,
    draft,
    index,
    map: (node, suffix, options) => mapNode(m, node, suffix, options),
  };
  return end(m, status, reason, failedTaskId) as Extract<Outcome, { type: 'end' }>;
}
