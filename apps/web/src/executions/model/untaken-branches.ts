/**
 * The switch cases an execution did not take: their tasks will not run on a retry or a rerun, so
 * operations do not highlight them.
 * @module
 */
import type { Task, WorkflowDef, WorkflowTask } from '@baton/client';
import { baseRef } from './iterations.js';

function collect(list: readonly WorkflowTask[] | undefined, into: Set<string>): void {
  for (const t of list ?? []) {
    into.add(t.taskReferenceName);
    for (const b of t.forkTasks ?? []) collect(b, into);
    for (const c of Object.values(t.decisionCases ?? {})) collect(c, into);
    collect(t.defaultCase, into);
    collect(t.loopOver, into);
  }
}

/**
 * Refs inside the cases of each SWITCH/DECISION that has run, except the case it selected (its
 * output's `selectedCase`; the default case when no case key matches).
 */
export function untakenBranchRefs(def: WorkflowDef, tasks: readonly Task[]): Set<string> {
  const selected = new Map<string, string>();
  for (const t of tasks) {
    const type = t.workflowTask?.type;
    const chosen = (t.outputData as { selectedCase?: unknown } | undefined)?.selectedCase;
    if ((type === 'SWITCH' || type === 'DECISION') && chosen !== undefined)
      selected.set(baseRef(t.referenceTaskName), String(chosen));
  }
  const out = new Set<string>();
  const visit = (list: readonly WorkflowTask[] | undefined) => {
    for (const t of list ?? []) {
      const chosen = selected.get(t.taskReferenceName);
      const cases = t.decisionCases ?? {};
      if (chosen !== undefined) {
        const taken = chosen in cases ? chosen : null;
        for (const [key, list2] of Object.entries(cases)) if (key !== taken) collect(list2, out);
        if (taken !== null) collect(t.defaultCase, out);
      }
      for (const b of t.forkTasks ?? []) visit(b);
      for (const c of Object.values(cases)) visit(c);
      visit(t.defaultCase);
      visit(t.loopOver);
    }
  };
  visit(def.tasks);
  return out;
}
