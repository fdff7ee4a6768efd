/**
 * What a task can reference: the tasks that run before it (earlier siblings and everything nested
 * in them, plus the enclosing containers and what precedes them), for `${...}` autocomplete.
 * @module
 */
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { childSlots, findTask, getChildList, getSlotList } from './slots.js';

function collect(task: WorkflowTask, out: WorkflowTask[]): void {
  out.push(task);
  for (const slot of childSlots(task))
    for (const t of getChildList(task, slot) ?? []) collect(t, out);
}

/** Tasks upstream of `ref`, nearest first. Empty when the ref is unknown. */
export function upstreamTasks(def: WorkflowDef, ref: string): WorkflowTask[] {
  const out: WorkflowTask[] = [];
  let loc = findTask(def, ref);
  while (loc) {
    const list = getSlotList(def, loc.slot) ?? [];
    for (let i = loc.index - 1; i >= 0; i--) collect(list[i]!, out);
    if (loc.slot.type === 'root') break;
    const parentRef = loc.slot.parentRef;
    loc = findTask(def, parentRef);
    if (loc) out.push(loc.task);
  }
  return out;
}

/** `${...}` expressions offered while editing an input of `ref`. */
export function referenceSuggestions(def: WorkflowDef, ref: string | null): string[] {
  const suggestions = ['${workflow.input}', '${workflow.workflowId}', '${workflow.correlationId}'];
  for (const key of def.inputParameters ?? []) suggestions.push(`\${workflow.input.${key}}`);
  for (const key of Object.keys(def.variables ?? {}))
    suggestions.push(`\${workflow.variables.${key}}`);
  const upstream = ref ? upstreamTasks(def, ref) : [];
  for (const t of upstream) {
    suggestions.push(`\${${t.taskReferenceName}.output}`);
    if (t.type === 'HTTP') suggestions.push(`\${${t.taskReferenceName}.output.response.body}`);
    if (t.type === 'INLINE' || t.type === 'JSON_JQ_TRANSFORM')
      suggestions.push(`\${${t.taskReferenceName}.output.result}`);
    suggestions.push(`\${${t.taskReferenceName}.input}`);
  }
  return suggestions;
}
