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
  height: number;
  sideBySide?: boolean;
}

/** The diff editor. */
export default function JsonDiff({
  original,
  modified,
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
