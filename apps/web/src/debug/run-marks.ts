/**
 * Node marks for a run laid over its definition: each task's latest status, with the failure
 * reason on hover.
 * @module
 */
import type { Task, WorkflowDef } from '@baton/engine';
import type { NodeMark } from '../designer/model/def-to-graph.js';
import { allRefs } from '../designer/model/slots.js';
import { statusLabel, statusTone } from '../executions/model/status-style.js';
import { bySeq, defRefOf } from './model/run-rows.js';

/** One mark per definition task the run reached (a loop body's task shows its last iteration). */
export function runMarks(def: WorkflowDef, tasks: readonly Task[]): Map<string, NodeMark> {
  const refs = allRefs(def);
  const marks = new Map<string, NodeMark>();
  for (const t of bySeq(tasks)) {
    const ref = defRefOf(t.referenceTaskName, refs);
    if (!refs.has(ref)) continue;
    const attempts = t.retryCount > 0 ? ` · attempt ${t.retryCount + 1}` : '';
    marks.set(ref, {
      tone: statusTone(t.status),
      label: `${statusLabel(t.status)}${attempts}`,
      detail: t.reasonForIncompletion ?? undefined,
    });
  }
  return marks;
}
