/**
 * Two JSON values in Monaco's diff editor (read-only, inline, unchanged regions folded), used by
 * the save dialog and the compare views. Loaded lazily with Monaco.
 * @module
 */
import { useEffect, useRef } from 'react';
import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import type * as MonacoApi from 'monaco-editor';
import './monaco-setup.js';
import { useTheme } from './theme.js';
import { monacoTheme } from './monaco-themes.js';

/** Props of the diff. */
export interface JsonDiffProps {
  original: string;
  modified: string;
  /**
   * Names of the two sides, for screen readers, e.g. "Output of run A" (Monaco's hidden inputs
   * carry them); without them, the container's name with "before" and "after".
   */
  originalLabel?: string;
  modifiedLabel?: string;
  /** Height in pixels; without it the container's class sets it. */
  height?: number;
  sideBySide?: boolean;
  /** Class and accessible name of the container. */
  className?: string;
  ariaLabel?: string;
  /** Called with the diff editor once mounted (e.g. to read its line changes). */
  onMount?: DiffOnMount;
}

/**
 * Keeps an inner editor's accessible name: Monaco's diff editor applies `originalAriaLabel` and
 * `modifiedAriaLabel` once, then clears them whenever it re-derives its inner editors' options
 * (right after creation, and when it switches between inline and side by side), which leaves
 * the hidden inputs screen readers type into without a name.
 */
function keepAriaLabel(
  editor: MonacoApi.editor.ICodeEditor,
  option: MonacoApi.editor.EditorOption,
  label: () => string,
): void {
  const apply = () => {
    if (editor.getOption(option) !== label()) editor.updateOptions({ ariaLabel: label() });
  };
  apply();
  editor.onDidChangeConfiguration(apply);
}

/** The diff editor. */
export default function JsonDiff({
  original,
  modified,
  originalLabel,
  modifiedLabel,
  height,
  sideBySide = false,
  className = 'json-diff',
  ariaLabel,
  onMount,
}: JsonDiffProps) {
  const { theme } = useTheme();
  const name = ariaLabel ?? 'JSON';
  const labels = {
    original: originalLabel ?? `${name} before`,
    modified: modifiedLabel ?? `${name} after`,
  };
  const labelsRef = useRef(labels);
  useEffect(() => {
    labelsRef.current = labels;
  });
  const mount: DiffOnMount = (editor, monaco) => {
    const option = monaco.editor.EditorOption.ariaLabel;
    keepAriaLabel(editor.getOriginalEditor(), option, () => labelsRef.current.original);
    keepAriaLabel(editor.getModifiedEditor(), option, () => labelsRef.current.modified);
    onMount?.(editor, monaco);
  };
  return (
    <div
      className={className}
      role={ariaLabel ? 'group' : undefined}
      aria-label={ariaLabel}
      style={height === undefined ? undefined : { height }}
    >
      <DiffEditor
        original={original}
        modified={modified}
        language="json"
        theme={monacoTheme(theme)}
        onMount={mount}
        options={{
          readOnly: true,
          originalAriaLabel: labels.original,
          modifiedAriaLabel: labels.modified,
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
