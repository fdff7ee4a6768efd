import type * as MonacoApi from 'monaco-editor';
import JsonDiff from '../../ui/JsonDiff.js';

/** Lines added and removed by a diff. */
export interface DiffCounts {
  added: number;
  removed: number;
}

/** Sums Monaco's line changes (an end line of 0 means "no lines on that side"). */
export function countLineChanges(changes: readonly MonacoApi.editor.ILineChange[]): DiffCounts {
  let added = 0;
  let removed = 0;
  for (const c of changes) {
    if (c.modifiedEndLineNumber > 0)
      added += c.modifiedEndLineNumber - c.modifiedStartLineNumber + 1;
    if (c.originalEndLineNumber > 0)
      removed += c.originalEndLineNumber - c.originalStartLineNumber + 1;
  }
  return { added, removed };
}

/** Props of the save diff. */
export interface SaveDiffProps {
  original: string;
  modified: string;
  /** Called with the counts each time Monaco finishes computing the diff. */
  onCounts: (counts: DiffCounts) => void;
}

/**
 * What a save changes, in Monaco's diff editor (inline, unchanged regions folded). Loaded lazily
 * with Monaco.
 */
export default function SaveDiff({ original, modified, onCounts }: SaveDiffProps) {
  return (
    <JsonDiff
      original={original}
      modified={modified}
      className="save-diff"
      ariaLabel="Changes"
      originalLabel="Stored definition"
      modifiedLabel="Definition to save"
      onMount={(editor) => {
        const report = () => onCounts(countLineChanges(editor.getLineChanges() ?? []));
        editor.onDidUpdateDiff(report);
        report();
      }}
    />
  );
}
