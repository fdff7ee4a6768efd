import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { trapTab } from '../../ui/focus-trap.js';
import type { WorkflowDef } from '@baton/engine';
import type { SaveMode } from '../../api/mutations.js';
import type { DiffCounts } from './SaveDiff.js';

const SaveDiff = lazy(() => import('./SaveDiff.js'));

/** Props of the save dialog. */
export interface SaveDialogProps {
  draft: WorkflowDef;
  /** What is stored now (null for a new workflow). */
  baseline: WorkflowDef | null;
  /** Highest stored version of the draft's name, if any. */
  latestVersion: number | null;
  saving: boolean;
  error: string | null;
  onSave: (def: WorkflowDef, mode: SaveMode) => void;
  onClose: () => void;
  /** The test cases' results against the draft ("Run all tests" before saving), if any. */
  tests?: ReactNode;
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
  tests,
}: SaveDialogProps) {
  // The diff compares with the stored workflow open, and only a draft of that same name may
  // overwrite it: a renamed draft is another workflow.
  const compared = baseline && baseline.name === draft.name ? baseline : null;
  const renamedFrom = baseline && !compared ? baseline.name : null;
  const isNew = compared === null;
  const nextVersion = (latestVersion ?? 0) + 1;
  const [chosen, setMode] = useState<SaveMode>('new-version');
  const mode: SaveMode = compared ? chosen : 'new-version';
  const target: WorkflowDef = useMemo(
    () =>
      compared && mode === 'overwrite'
        ? { ...draft, version: compared.version ?? 1 }
        : {
            ...draft,
            version: latestVersion === null ? (draft.version ?? 1) : nextVersion,
          },
    [mode, draft, compared, latestVersion, nextVersion],
  );
  const before = useMemo(() => pretty(compared), [compared]);
  const after = useMemo(() => pretty(target), [target]);
  const changed = before !== after;
  // Monaco's diff reports its counts once computed; a new workflow has nothing to compare with.
  const [counts, setCounts] = useState<DiffCounts | null>(null);
  const lines = (n: number) => `${n} line${n === 1 ? '' : 's'}`;
  const dialogRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  // Focus goes into the dialog when it opens, and back to where it was when it closes.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const save = saveRef.current;
    (save && !save.disabled ? save : dialogRef.current)?.focus();
    return () => opener?.focus();
  }, []);
  const summary = isNew
    ? `${lines(after.split('\n').length)} of JSON.`
    : !changed
      ? 'No changes.'
      : counts
        ? `${lines(counts.added)} added, ${counts.removed} removed.`
        : 'Comparing…';
  return (
    <div
      className="modal-backdrop"
      onMouseDown={onClose}
      onKeyDown={(e) => {
        // Escape closes (unless a save is under way); Tab and Shift+Tab stay inside the dialog.
        if (e.key === 'Escape' && !e.defaultPrevented && !saving) {
          e.stopPropagation();
          onClose();
          return;
        }
        trapTab(e, dialogRef.current);
      }}
    >
      <div
        ref={dialogRef}
        className="dialog save-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Save workflow"
        tabIndex={-1}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header>
          <h2>Save {draft.name || 'workflow'}</h2>
          <p className="muted small">
            {compared
              ? `Comparing with stored version ${compared.version ?? 1}.`
              : renamedFrom
                ? `A workflow other than ${renamedFrom} (which stays as it is).`
                : 'A new workflow definition.'}{' '}
            {isNew && latestVersion !== null
              ? `${draft.name} already exists: this saves its version ${nextVersion}.`
              : null}{' '}
            <span data-testid="diff-summary">{summary}</span>
          </p>
        </header>
        {compared ? (
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
              Overwrite version <strong>v{compared.version ?? 1}</strong>
            </label>
          </fieldset>
        ) : null}
        <Suspense fallback={<pre className="diff">{after}</pre>}>
          {isNew ? (
            <pre className="diff" aria-label="Definition">
              {after}
            </pre>
          ) : (
            <SaveDiff original={before} modified={after} onCounts={setCounts} />
          )}
        </Suspense>
        {tests}
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
            ref={saveRef}
            className="button primary"
            disabled={saving || (!changed && mode === 'overwrite')}
            onClick={() => onSave(target, mode)}
          >
            {saving
              ? 'Saving…'
              : mode === 'overwrite'
                ? `Overwrite v${target.version ?? 1}`
                : `Save v${target.version ?? 1}`}
          </button>
        </footer>
      </div>
    </div>
  );
}
