/**
 * How each task type runs: by a worker, inside the decide loop, or by an async system worker.
 * @module
 */
import type { Task } from '../model/task.js';
import type { WorkflowTask } from '../model/workflow-def.js';
import { TASK_TYPES, type TaskType } from '../model/workflow-def.js';

const KNOWN = new Set<string>(TASK_TYPES);

/** The type of a definition node: its `type`, SIMPLE when absent, USER_DEFINED when unknown. */
export function nodeType(node: WorkflowTask): TaskType | 'USER_DEFINED' {
  const type = node.type ?? 'SIMPLE';
  return KNOWN.has(type) ? (type as TaskType) : 'USER_DEFINED';
}

/** Types the decider never retries (built-in control flow). */
const BUILT_IN = new Set(['SWITCH', 'DECISION', 'FORK', 'JOIN', 'EXCLUSIVE_JOIN', 'DO_WHILE']);

/** Async system tasks: queued under their type and run by `runSystemTasks`. */
export const QUEUED_SYSTEM_TYPES = new Set([
  'HTTP',
  'SUB_WORKFLOW',
  'START_WORKFLOW',
  'KAFKA_PUBLISH',
  'WAIT',
]);

/** Every system task type as it appears in Task.taskType (FORK instead of FORK_JOIN). */
const SYSTEM_TASK_TYPES = new Set(
  [...TASK_TYPES, 'FORK'].filter((t) => t !== 'SIMPLE' && t !== 'DYNAMIC'),
);

/** True for a task that no external worker may poll. */
export function isSystemTask(task: Pick<Task, 'taskType' | 'workflowTask'>): boolean {
  if (!SYSTEM_TASK_TYPES.has(task.taskType)) return false;
  // A worker task whose def happens to be named like a system type is still a worker task.
  const type = task.workflowTask ? nodeType(task.workflowTask) : task.taskType;
  return type !== 'SIMPLE' && type !== 'USER_DEFINED' && type !== 'DYNAMIC';
}

/** True for a type name that is a system task type (never handed to workers). */
export function isSystemTaskType(taskType: string): boolean {
  return SYSTEM_TASK_TYPES.has(taskType);
}

/** True for control-flow types that are never retried by the decider. */
export function isBuiltInTask(task: Pick<Task, 'taskType'>): boolean {
  return BUILT_IN.has(task.taskType);
}
