/**
 * The lookup document `${...}` expressions read
 * (docs/conductor-compatibility.md#parameter-resolution).
 * @module
 */
import type { Task } from '../model/task.js';
import type { Workflow } from '../model/workflow.js';

/** Delimiter between a reference name and its DO_WHILE iteration suffix (`step__2`). */
export const LOOP_SUFFIX_DELIMITER = '__';

/**
 * The reference name without its DO_WHILE iteration suffix: `step__2` → `step`, and the composite
 * nested-loop form `step__1_3` → `step`. Like Conductor, everything from the first `__` is dropped.
 */
export function stripLoopSuffix(referenceTaskName: string): string {
  const at = referenceTaskName.indexOf(LOOP_SUFFIX_DELIMITER);
  return at < 0 ? referenceTaskName : referenceTaskName.slice(0, at);
}

/** True for a task created inside a DO_WHILE body (its ref carries an iteration suffix). */
export function isLoopOverTask(task: Task): boolean {
  if (task.loopOverTask !== undefined) return task.loopOverTask;
  return task.iteration > 0 && /__\d+(_\d+)*$/.test(task.referenceTaskName);
}

/**
 * Builds the document: `workflow` (input, output, status, ids, type, version, correlationId,
 * reasonForIncompletion, schemaVersion, variables) and one entry per task reference name holding
 * the latest attempt (the last row in seq order). Loop tasks are keyed without their `__N` suffix,
 * so the most recent iteration wins. `createTime`, `startTime`, `taskToDomain` and `priority` are
 * deliberately absent, as in Conductor.
 */
export function buildParamsDocument(workflow: Workflow): Record<string, unknown> {
  const document: Record<string, unknown> = { workflow: workflowEntry(workflow) };
  const stored = workflow.tasks ?? [];
  const tasks = isInSeqOrder(stored) ? stored : [...stored].sort((a, b) => a.seq - b.seq);
  for (const task of tasks) document[documentKey(task)] = toTaskEntry(task);
  return document;
}

/**
 * The same document as {@link buildParamsDocument} for `workflow` (whose tasks must be in seq
 * order, as stores and the decider keep them), built on demand: a key is looked up the first time
 * an expression reads it, from the last task backwards, so resolving `${previous.output}` in a big
 * execution reads a task or two instead of all of them. Listing the keys (a `*` path) builds the
 * whole document. Do not change the result.
 */
export function lazyParamsDocument(workflow: Workflow): Record<string, unknown> {
  const tasks = workflow.tasks ?? [];
  const found = new Map<string, unknown>();
  found.set('workflow', workflowEntry(workflow));
  let whole: Record<string, unknown> | undefined;
  const lookUp = (key: string): unknown => {
    if (found.has(key)) return found.get(key);
    let entry: unknown;
    for (let i = tasks.length - 1; i >= 0; i -= 1) {
      const task = tasks[i] as Task;
      // Cheap test first: the key must start the reference name.
      if (!task.referenceTaskName.startsWith(key) || documentKey(task) !== key) continue;
      entry = toTaskEntry(task);
      break;
    }
    found.set(key, entry);
    return entry;
  };
  const wholeDocument = (): Record<string, unknown> => (whole ??= buildParamsDocument(workflow));
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => {
      if (key === WHOLE) return wholeDocument();
      return typeof key === 'string' ? lookUp(key) : undefined;
    },
    has: (_target, key) => typeof key === 'string' && lookUp(key) !== undefined,
    getOwnPropertyDescriptor: (_target, key) => {
      const value = typeof key === 'string' ? lookUp(key) : undefined;
      return value === undefined
        ? undefined
        : { value, writable: false, enumerable: true, configurable: true };
    },
    ownKeys: () => Reflect.ownKeys(wholeDocument()),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

const WHOLE = Symbol('whole params document');

/** `document` as a plain object: the whole document when it is a lazy one. */
export function wholeParamsDocument(document: Record<string, unknown>): Record<string, unknown> {
  const whole = (document as Record<symbol, unknown>)[WHOLE];
  return whole === undefined ? document : (whole as Record<string, unknown>);
}

function documentKey(task: Task): string {
  return isLoopOverTask(task) ? stripLoopSuffix(task.referenceTaskName) : task.referenceTaskName;
}

function workflowEntry(workflow: Workflow): Record<string, unknown> {
  return {
    input: workflow.input,
    output: workflow.output,
    status: workflow.status,
    workflowId: workflow.workflowId,
    parentWorkflowId: workflow.parentWorkflowId ?? null,
    parentWorkflowTaskId: workflow.parentWorkflowTaskId ?? null,
    workflowType: workflow.workflowName,
    version: workflow.workflowVersion,
    correlationId: workflow.correlationId ?? null,
    reasonForIncompletion: workflow.reasonForIncompletion ?? null,
    schemaVersion: workflow.workflowDefinition?.schemaVersion ?? 2,
    variables: workflow.variables,
  };
}

function isInSeqOrder(tasks: readonly Task[]): boolean {
  for (let i = 1; i < tasks.length; i += 1) {
    if ((tasks[i - 1] as Task).seq > (tasks[i] as Task).seq) return false;
  }
  return true;
}

/**
 * Entries of frozen tasks, which never change: a big execution's document is rebuilt on every
 * decide, and most of its tasks are the same frozen objects as last time.
 */
const frozenEntries = new WeakMap<Task, Record<string, unknown>>();

function toTaskEntry(task: Task): Record<string, unknown> {
  if (!Object.isFrozen(task)) return newTaskEntry(task);
  let entry = frozenEntries.get(task);
  if (!entry) {
    entry = Object.freeze(newTaskEntry(task));
    frozenEntries.set(task, entry);
  }
  return entry;
}

function newTaskEntry(task: Task): Record<string, unknown> {
  return {
    input: task.inputData,
    output: task.outputData,
    taskType: task.taskType,
    status: task.status,
    referenceTaskName: task.referenceTaskName,
    retryCount: task.retryCount,
    correlationId: task.correlationId ?? null,
    pollCount: task.pollCount,
    taskDefName: task.taskDefName,
    scheduledTime: task.scheduledTime,
    startTime: task.startTime,
    endTime: task.endTime,
    workflowInstanceId: task.workflowInstanceId,
    taskId: task.taskId,
    reasonForIncompletion: task.reasonForIncompletion ?? null,
    callbackAfterSeconds: task.callbackAfterSeconds,
    workerId: task.workerId ?? null,
    iteration: task.iteration,
  };
}
