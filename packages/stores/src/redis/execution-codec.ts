/**
 * Encoding of executions for Redis: the workflow row and each task are stored as JSON strings,
 * and tasks come back ordered by `seq`, then by the order in which they were first stored.
 * @module
 */
import type { Task, Workflow } from '@baton/engine';

/**
 * The workflow JSON stored in the execution hash. Its tasks live in the task hash and its
 * definition in the hash's `definition` field (`definition-cache.ts`); the JSON keeps a null
 * `workflowDefinition` so the field keeps its place when decoded.
 */
export function encodeWorkflow(workflow: Workflow): string {
  return JSON.stringify({ ...workflow, tasks: [], workflowDefinition: null });
}

/** Flattens tasks to the `taskId, JSON, ...` pairs the scripts take. */
export function encodeTaskPairs(tasks: readonly Task[]): string[] {
  const args: string[] = [];
  for (const task of tasks) args.push(task.taskId, JSON.stringify(task));
  return args;
}

/** Decodes a flat `field, value, ...` array (an HGETALL reply) into pairs. */
export function toPairs(flat: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    pairs.push([flat[i] as string, flat[i + 1] as string]);
  return pairs;
}

/** Tasks from the task hash and order hash replies, ordered by seq then insertion. */
export function decodeTasks(taskFlat: readonly string[], orderFlat: readonly string[]): Task[] {
  const order = new Map(toPairs(orderFlat).map(([id, n]) => [id, Number(n)]));
  return toPairs(taskFlat)
    .map(([id, json]) => ({ task: JSON.parse(json) as Task, order: order.get(id) ?? 0 }))
    .sort((a, b) => a.task.seq - b.task.seq || a.order - b.order)
    .map((row) => row.task);
}

/**
 * The workflow with its tasks and definition, from the stored JSON. `definition` is undefined for
 * rows written before definitions had their own field (their JSON still holds it).
 */
export function decodeWorkflow(
  json: string,
  tasks: Task[],
  definition: Workflow['workflowDefinition'] | undefined,
): Workflow {
  const workflow = JSON.parse(json) as Workflow;
  workflow.tasks = tasks;
  if (definition !== undefined) workflow.workflowDefinition = definition;
  return workflow;
}
