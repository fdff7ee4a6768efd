/**
 * `${...}` parameter resolution with Conductor's results (semantics doc §4).
 * @module
 */
import type { Workflow } from '../model/workflow.js';

export interface ResolveContext {
  /** The execution whose input, variables, fields and tasks the expressions read. */
  workflow: Workflow;
  /** The id of the task being scheduled (for `${CPEWF_TASK_ID}`). */
  taskId?: string;
}

/** Resolves every `${...}` expression in `params` (nested maps, lists, embedded strings). */
export function resolveParams(
  params: Record<string, unknown>,
  context: ResolveContext,
): Record<string, unknown> {
  void params;
  void context;
  throw new Error('resolveParams: being implemented (engine params helper)');
}
