/**
 * Module-scope selectors of the designer store (stable identities, so subscriptions stay cheap).
 * @module
 */
import type { DesignerState } from './designer-store.js';

export const selectDef = (s: DesignerState) => s.def;
export const selectSelectedRef = (s: DesignerState) => s.selectedRef;
export const selectCanUndo = (s: DesignerState) => s.past.length > 0;
export const selectCanRedo = (s: DesignerState) => s.future.length > 0;
export const selectServerIssues = (s: DesignerState) => s.serverIssues;
export const selectBaseline = (s: DesignerState) => s.baseline;
export const selectReveal = (s: DesignerState) => s.reveal;
export const selectJsonError = (s: DesignerState) => s.jsonError;

/** True when the draft differs from the stored baseline (or is a new workflow with tasks). */
export const selectIsDirty = (s: DesignerState) =>
  s.baseline === null
    ? s.past.length > 0 || s.def.tasks.length > 0
    : s.def !== s.baseline && JSON.stringify(s.def) !== JSON.stringify(s.baseline);
