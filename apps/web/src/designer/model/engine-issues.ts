/**
 * The engine's registration-time validation, run in the browser while editing, so problems show
 * before the server is asked.
 * @module
 */
import { validateWorkflowDef, type ValidationIssue, type WorkflowDef } from '@baton/engine';

/** Problems the server would reject the definition for (the engine's rules). */
export function engineIssues(def: WorkflowDef): ValidationIssue[] {
  try {
    return validateWorkflowDef(def);
  } catch (e) {
    return [
      { path: '', message: `Validation failed: ${e instanceof Error ? e.message : String(e)}` },
    ];
  }
}
