import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { WorkflowDef } from '@baton/engine';
import { ConfirmDialog } from '../../executions/shared/ConfirmDialog.js';
import { readDraft, writeDraft } from './draft-storage.js';

/** The draft key of a definition imported as a new workflow (`/workflows/new?import=<name>`). */
export function importDraftKey(name: string): string {
  return `new?import=${name}`;
}

/** The name an imported definition's draft goes under (an unnamed one gets a placeholder). */
const draftName = (def: WorkflowDef) => def.name || 'untitled';

/**
 * Opens an imported definition as a new draft of its own name, never over the blank
 * `/workflows/new` draft nor over another open workflow. When an unsaved draft of that name is
 * already kept, it asks first (the returned `dialog` must be rendered).
 */
export function useOpenAsNewDraft(): {
  open: (def: WorkflowDef, from: string, notice: string) => void;
  dialog: ReactNode;
} {
  const navigate = useNavigate();
  const [pending, setPending] = useState<{ def: WorkflowDef; notice: string } | null>(null);
  const go = (def: WorkflowDef, notice: string) => {
    const name = draftName(def);
    writeDraft(importDraftKey(name), { def, baseVersion: null });
    navigate(`/workflows/new?import=${encodeURIComponent(name)}`, { state: { notice } });
  };
  const open = (def: WorkflowDef, _from: string, notice: string) => {
    const kept = readDraft(importDraftKey(draftName(def)));
    if (kept && JSON.stringify(kept.def) !== JSON.stringify(def)) setPending({ def, notice });
    else go(def, notice);
  };
  const dialog = pending ? (
    <ConfirmDialog
      title={`Replace your unsaved draft of ${draftName(pending.def)}?`}
      confirmLabel="Replace the draft"
      danger
      onConfirm={() => {
        setPending(null);
        go(pending.def, `${pending.notice}; it replaced your earlier unsaved draft`);
      }}
      onCancel={() => setPending(null)}
    >
      <p>
        An unsaved draft of {draftName(pending.def)} is already open from an earlier import. The
        imported file would replace it.
      </p>
    </ConfirmDialog>
  ) : null;
  return { open, dialog };
}
