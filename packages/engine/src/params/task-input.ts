/**
 * Input templates: TaskDef.inputTemplate for task input and WorkflowDef.inputTemplate for
 * workflow input (docs/conductor-compatibility.md#parameter-resolution).
 * @module
 */
import type { TaskDef } from '../model/task-def.js';
import type { WorkflowDef } from '../model/workflow-def.js';
import { resolveParams, type ResolveContext } from './resolve-params.js';

/**
 * Computes a task's input as Conductor does when it schedules (or retries) a task:
 * 1. template keys missing from `inputParameters` are added (and resolved like the others);
 * 2. after resolution, any key whose value is null takes the template's (raw) value for that key.
 * So the template is both a default and a fallback.
 */
export function resolveTaskInput(
  inputParameters: Record<string, unknown> | null | undefined,
  taskDef: Pick<TaskDef, 'inputTemplate'> | null | undefined,
  context: ResolveContext,
): Record<string, unknown> {
  const template = taskDef?.inputTemplate ?? null;
  const params: Record<string, unknown> = cloneJson(inputParameters ?? {});
  if (template) {
    for (const [key, value] of Object.entries(cloneJson(template))) {
      if (!Object.hasOwn(params, key)) params[key] = value;
    }
  }
  const resolved = resolveParams(params, context);
  if (template) {
    for (const key of Object.keys(resolved)) {
      if (resolved[key] === null && Object.hasOwn(template, key)) {
        resolved[key] = cloneJson(template[key]) ?? null;
      }
    }
  }
  return resolved;
}

/** The start input with `WorkflowDef.inputTemplate` entries added put-if-absent (deep copies). */
export function applyWorkflowInputTemplate(
  input: Record<string, unknown> | null | undefined,
  def: Pick<WorkflowDef, 'inputTemplate'>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...(input ?? {}) };
  for (const [key, value] of Object.entries(def.inputTemplate ?? {})) {
    if (!Object.hasOwn(result, key)) result[key] = cloneJson(value);
  }
  return result;
}

function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
