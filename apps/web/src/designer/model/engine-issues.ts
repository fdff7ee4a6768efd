/**
 * The engine's registration-time validation, run in the browser while editing.
 * @module
 */
import type { ValidationIssue, WorkflowDef } from '@baton/engine';

/** Problems the server would reject the definition for (engine rules). */
export function engineIssues(def: WorkflowDef): ValidationIssue[] {
  void def;
  return [];
}
