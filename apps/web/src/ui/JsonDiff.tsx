/**
 * Two JSON values in Monaco's diff editor (read-only, inline, unchanged regions folded), used by
 * the save dialog and the compare views. Loaded lazily with Monaco.
 * @module
 */
import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import './monaco-setup.js';
import { useTheme } from './theme.js';

/** Props of the diff. */
export interface JsonDiffProps {
  original: string;
  modified: string;
  /** Names of the two sides, for screen readers, e.g. "Output of run A". */
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
  return (
    <div
      className={className}
      aria-label={ariaLabel}
      style={height === undefined ? undefined : { height }}
    >
      <DiffEditor
        original={original}
        modified={modified}
        language="json"
        theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        {...(onMount ? { onMount } : {})}
        options={{
          readOnly: true,
          ...(originalLabel ? { originalAriaLabel: originalLabel } : {}),
          ...(modifiedLabel ? { modifiedAriaLabel: modifiedLabel } : {}),
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
