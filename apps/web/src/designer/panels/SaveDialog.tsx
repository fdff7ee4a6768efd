import { useMemo, useState } from 'react';
import type { WorkflowDef } from '@baton/engine';
import { collapseDiff, hasChanges, lineDiff } from '../model/line-diff.js';
import type { SaveMode } from '../../api/mutations.js';

/** Props of the save dialog. */
export interface SaveDialogProps {
  draft: WorkflowDef;
  /** What is stored now (null for a new workflow). */
  baseline: WorkflowDef | null;
  /** Highest stored version of this name, if any. */
  latestVersion: number | null;
  saving: boolean;
  error: string | null;
  onSave: (def: WorkflowDef, mode: SaveMode) => void;
  onClose: () => void;
}

const pretty = (d: WorkflowDef | null) => (d ? JSON.stringify(d, null, 2) : '');

/** Shows what a save changes (a line diff) and lets the user pick new version or overwrite. */
export function SaveDialog({
  draft,
  baseline,
  latestVersion,
  saving,
  error,
  onSave,
  onClose,
}: SaveDialogProps) {
  const isNew = baseline === null;
  const nextVersion = (latestVersion ?? 0) + 1;
  const [mode, setMode] = useState<SaveMode>('new-version');
  const target: WorkflowDef = useMemo(
    () =>
      mode === 'overwrite'
        ? draft
        : {
            ...draft,
            version: isNew && latestVersion === null ? (draft.version ?? 1) : nextVersion,
          },
    [mode, draft, isNew, latestVersion, nextVersion],
  );
  const diff = useMemo(() => lineDiff(pretty(baseline), pretty(target)), [baseline, target]);
  const changed = hasChanges(diff);
  const rows = useMemo(() => (baseline ? collapseDiff(diff) : diff), [baseline, diff]);
  const added = diff.filter((l) => l.type === 'added').length;
  const removed = diff.filter((l) => l.type === 'removed').length;
  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div
        className="dialog save-dialog"
        role="dialog"
        aria-label="Save workflow"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header>
          <h2>Save {draft.name || 'workflow'}</h2>
          <p className="muted small">
            {isNew
              ? 'A new workflow definition.'
              : `Comparing with stored version ${baseline.version ?? 1}.`}{' '}
            {added} lines added, {removed} removed.
          </p>
        </header>
        {!isNew || latestVersion !== null ? (
          <fieldset className="save-modes">
            <label>
              <input
                type="radio"
                name="mode"
                checked={mode === 'new-version'}
                onChange={() => setMode('new-version')}
              />
              Save as new version <strong>v{nextVersion}</strong>
            </label>
            <label>
              <input
                type="radio"
                name="mode"
                checked={mode === 'overwrite'}
                onChange={() => setMode('overwrite')}
              />
              Overwrite version <strong>v{draft.version ?? 1}</strong>
            </label>
          </fieldset>
        ) : null}
        <pre className="diff" aria-label="Changes">
          {rows.map((l, i) =>
            l.type === 'fold' ? (
              <div key={i} className="diff-fold">
                ⋯ {l.count} unchanged lines
              </div>
            ) : (
              <div key={i} className={`diff-${l.type}`}>
                <span className="diff-sign">
                  {l.type === 'added' ? '+' : l.type === 'removed' ? '−' : ' '}
                </span>
                {l.text}
              </div>
            ),
          )}
        </pre>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <footer>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            disabled={saving || (!changed && mode === 'overwrite')}
            onClick={() => onSave(target, mode)}
          >
            {saving
              ? 'Saving…'
              : mode === 'overwrite'
                ? `Overwrite v${draft.version ?? 1}`
                : `Save v${target.version ?? 1}`}
          </button>
        </footer>
      </div>
    </div>
  );
}
