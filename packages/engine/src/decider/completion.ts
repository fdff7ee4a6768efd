/**
 * The completion check and the workflow output
 * (docs/conductor-compatibility.md#completion-and-output).
 * @module
 */
import { isSuccessfulTaskStatus, isTerminalTaskStatus } from '../model/status.js';
import type { DefIndex } from './def-index.js';
import type { Draft } from './draft.js';
import { UNFINISHED } from './task-table.js';
import type { DecideContext } from './outcome.js';

/**
 * True when every row is terminal and acted on, and every top-level node of the definition has a
 * row (a successful TERMINATE is handled before this check).
 */
export function isWorkflowComplete(draft: Draft, index: DefIndex): boolean {
  // A task not terminal, or terminal but not yet executed (retried and SKIPPED ones need not be).
  for (let i = 0; i < draft.tasks.length; i += 1) {
    if ((draft.flagsAt(i) & UNFINISHED) !== 0) return false;
  }
  for (const location of index.values()) {
    if (location.container.type !== 'top') continue;
    if (!draft.byRef(location.node.taskReferenceName)) return false;
  }
  return true;
}

/**
 * The workflow output: a successful TERMINATE's output, else the resolved outputParameters, else
 * the output of the last task in seq order.
 */
export function workflowOutput(draft: Draft, ctx: DecideContext): Record<string, unknown> {
  const terminate = draft.tasks.find(
    (t) =>
      t.taskType === 'TERMINATE' &&
      isSuccessfulTaskStatus(t.status) &&
      isTerminalTaskStatus(t.status),
  );
  if (terminate) return terminate.outputData ?? {};
  const view = draft.view();
  const params = view.workflowDefinition.outputParameters ?? {};
  if (Object.keys(params).length > 0) {
    return (ctx.resolveValue(params, view) ?? {}) as Record<string, unknown>;
  }
  let last = draft.tasks[0];
  for (const task of draft.tasks) if (!last || task.seq > last.seq) last = task;
  return last?.outputData ?? {};
}
