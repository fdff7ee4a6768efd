import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Command,
  Download,
  FileJson,
  Image,
  Redo2,
  Save,
  Trash2,
  TriangleAlert,
  Undo2,
  Upload,
} from 'lucide-react';
import { useDesigner } from '../store/DesignerProvider.js';
import { isApple, modKey, shortcutLabel } from '../../ui/platform.js';
import { RunWorkflowLink } from '../../executions/run/RunWorkflowLink.js';
import {
  selectBaseline,
  selectCanRedo,
  selectCanUndo,
  selectDef,
  selectIsDirty,
  selectJsonError,
} from '../store/selectors.js';

/** Props of the toolbar. */
export interface DesignerToolbarProps {
  versions: number[];
  onVersion: (v: number) => void;
  onAction: (id: string) => void;
  onDeleteVersion: () => void;
}

/** Title, version switcher, history, import/export, command palette and save. */
export function DesignerToolbar({
  versions,
  onVersion,
  onAction,
  onDeleteVersion,
}: DesignerToolbarProps) {
  const def = useDesigner(selectDef);
  const baseline = useDesigner(selectBaseline);
  const dirty = useDesigner(selectIsDirty);
  const canUndo = useDesigner(selectCanUndo);
  const canRedo = useDesigner(selectCanRedo);
  const jsonError = useDesigner(selectJsonError);
  const [exportOpen, setExportOpen] = useState(false);
  return (
    <div className="designer-toolbar" role="toolbar" aria-label="Designer">
      <div className="designer-title">
        <button
          type="button"
          className="title-button"
          onClick={() => onAction('show-workflow-settings')}
          title="Workflow settings"
        >
          <span className="designer-name" data-testid="designer-name">
            {def.name || 'Untitled'}
          </span>
        </button>
        {baseline ? (
          <select
            className="version-select"
            aria-label="Version"
            value={baseline.version ?? 1}
            onChange={(e) => onVersion(Number(e.target.value))}
          >
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        ) : (
          <span className="badge">new</span>
        )}
        {jsonError ? (
          <button
            type="button"
            className="toolbar-error"
            data-testid="json-error-indicator"
            title={jsonError.message}
            onClick={() => onAction('show-json')}
          >
            <TriangleAlert size={14} aria-hidden /> JSON syntax error, line {jsonError.line}
          </button>
        ) : null}
        {dirty ? (
          <span className="dirty-dot" data-testid="dirty-indicator" title="Unsaved changes">
            Unsaved
          </span>
        ) : null}
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="icon-button"
          aria-label="Undo"
          title={`Undo (${shortcutLabel('Mod+Z')})`}
          disabled={!canUndo}
          onClick={() => onAction('undo')}
        >
          <Undo2 size={17} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Redo"
          title={`Redo (${shortcutLabel('Mod+Shift+Z')})`}
          disabled={!canRedo}
          onClick={() => onAction('redo')}
        >
          <Redo2 size={17} />
        </button>
      </div>
      <div className="toolbar-spacer" />
      <div className="toolbar-group">
        <button type="button" className="button ghost" onClick={() => onAction('import-json')}>
          <Upload size={15} aria-hidden /> Import
        </button>
        <div className="menu-anchor">
          <button
            type="button"
            className="button ghost"
            aria-haspopup="menu"
            aria-expanded={exportOpen}
            onClick={() => setExportOpen((o) => !o)}
          >
            <Download size={15} aria-hidden /> Export
          </button>
          {exportOpen ? (
            <div className="menu" role="menu" onMouseLeave={() => setExportOpen(false)}>
              {(
                [
                  ['export-json', 'JSON file', FileJson],
                  ['export-png', 'PNG image', Image],
                  ['export-svg', 'SVG image', Image],
                ] as const
              ).map(([id, label, Icon]) => (
                <button
                  key={id}
                  type="button"
                  role="menuitem"
                  onClick={() => {
                    setExportOpen(false);
                    onAction(id);
                  }}
                >
                  <Icon size={15} aria-hidden /> {label}
                </button>
              ))}
            </div>
          ) : null}
        </div>
        {baseline ? (
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Delete version ${baseline.version ?? 1}`}
            title="Delete this version"
            onClick={onDeleteVersion}
          >
            <Trash2 size={16} />
          </button>
        ) : null}
        <button
          type="button"
          className="button ghost"
          onClick={() => onAction('command-palette')}
          aria-label="Command palette"
          title={`Command palette (${shortcutLabel('Mod+K')})`}
        >
          {isApple() ? <Command size={15} aria-hidden /> : <kbd>{modKey()}</kbd>}
          <kbd>K</kbd>
        </button>
        {baseline && versions.length > 1 ? (
          <Link
            className="button ghost"
            to={compareUrl(baseline.name, baseline.version ?? 1, versions)}
            title="Compare this version with another one"
          >
            Compare with…
          </Link>
        ) : null}
        {baseline ? <RunWorkflowLink name={baseline.name} version={baseline.version ?? 1} /> : null}
        <button
          type="button"
          className="button primary"
          disabled={!!jsonError}
          title={
            jsonError ? 'Fix the JSON syntax error to save' : `Save (${shortcutLabel('Mod+S')})`
          }
          onClick={() => onAction('save')}
        >
          <Save size={15} aria-hidden /> Save
        </button>
      </div>
    </div>
  );
}

/** The version comparison of `current` with the version before it (or after, for the first). */
function compareUrl(name: string, current: number, versions: number[]): string {
  const before = versions.filter((v) => v < current);
  const other = before.length
    ? Math.max(...before)
    : Math.min(...versions.filter((v) => v !== current));
  const [a, b] = other < current ? [other, current] : [current, other];
  return `/compare/versions/${encodeURIComponent(name)}?a=${a}&b=${b}`;
}
