/**
 * Unsaved drafts survive a reload: each designer URL keeps its draft in sessionStorage.
 * @module
 */
import type { WorkflowDef } from '@baton/engine';

const PREFIX = 'baton:draft:';

/** A stored draft and the version it was based on. */
export interface StoredDraft {
  def: WorkflowDef;
  baseVersion: number | null;
}

/** Reads the draft kept for `key` (the designer URL), if any. */
export function readDraft(key: string): StoredDraft | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
}

/** Keeps (or, with null, forgets) the draft for `key`. */
export function writeDraft(key: string, draft: StoredDraft | null): void {
  try {
    if (draft) sessionStorage.setItem(PREFIX + key, JSON.stringify(draft));
    else sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Storage full or disabled: drafts are a convenience, the editor keeps working.
  }
}
