/**
 * Two JSON values in Monaco's diff editor (read-only, inline, unchanged regions folded). Loaded
 * lazily with Monaco.
 * @module
 */
import { DiffEditor } from '@monaco-editor/react';
import '../ui/monaco-setup.js';
import { useTheme } from '../ui/theme.js';

/** Props of the diff. */
export interface JsonDiffProps {
  original: string;
  modified: string;
  /** Names of the two sides, for screen readers, e.g. "Output of run A". */
  originalLabel: string;
  modifiedLabel: string;
  height: number;
  sideBySide?: boolean;
}

/** The diff editor. */
export default function JsonDiff({
  original,
  modified,
  originalLabel,
  modifiedLabel,
  height,
  sideBySide = false,
}: JsonDiffProps) {
  const { theme } = useTheme();
  return (
    <div className="json-diff" style={{ height }}>
      <DiffEditor
        original={original}
        modified={modified}
        language="json"
        theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        options={{
          readOnly: true,
          originalAriaLabel: originalLabel,
          modifiedAriaLabel: modifiedLabel,
          originalEditable: false,
          renderSideBySide: sideBySide,
          hideUnchangedRegions: { enabled: true, contextLineCount: 3 },
          minimap: { enabled: false },
          fontSize: 12,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          renderOverviewRuler: false,
        }}
      />
    </div>
  );
}
