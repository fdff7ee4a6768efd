import { useCallback } from 'react';
import { Command } from 'lucide-react';
import { PickerDialog } from '../../ui/PickerDialog.js';
import { shortcutLabel } from '../../ui/platform.js';
import { searchActions } from '../actions/registry.js';
import type { DesignerAction } from '../actions/types.js';

/**
 * Ctrl/Cmd+K: every registered action, searchable, run with Enter. `extra` commands (one "Go to"
 * per task) are listed once something is typed.
 */
export function CommandPalette({
  onRun,
  onClose,
  extra = [],
}: {
  onRun: (a: DesignerAction) => void;
  onClose: () => void;
  extra?: readonly DesignerAction[];
}) {
  const search = useCallback(
    (query: string) => [
      ...searchActions(query),
      ...(query.trim() ? searchActions(query, extra) : []),
    ],
    [extra],
  );
  return (
    <PickerDialog
      title="Command palette"
      icon={<Command size={16} aria-hidden />}
      placeholder="Type a command…"
      inputLabel="Command"
      listLabel="Commands"
      emptyText="No command matches."
      search={search}
      itemKey={(a) => a.id}
      renderItem={(a) => (
        <>
          <span className="command-group">{a.group}</span>
          <span className="command-label">{a.label}</span>
          {a.shortcut ? <kbd>{shortcutLabel(a.shortcut)}</kbd> : null}
        </>
      )}
      onPick={onRun}
      onClose={onClose}
    />
  );
}
