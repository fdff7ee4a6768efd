import { useCallback } from 'react';
import { Search } from 'lucide-react';
import { PickerDialog } from './PickerDialog.js';

/** One thing the find dialog can jump to. */
export interface FindItem {
  id: string;
  /** What is shown (a task's reference name). */
  label: string;
  /** Shown muted after the label (name, type, status). */
  detail?: string;
  /** Shown on the left (e.g. "Task", "Go to"). */
  group: string;
  /** Every word typed must appear in the label, the detail or these. */
  keywords?: string;
  /** The label is a name from the definition (shown in the code font). */
  code?: boolean;
}

/** Keeps the items whose label, detail or keywords hold every typed word. */
export function filterFindItems(items: readonly FindItem[], query: string): FindItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((i) => {
    const hay = `${i.label} ${i.detail ?? ''} ${i.keywords ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Props of the find dialog. */
export interface FindDialogProps {
  title: string;
  items: readonly FindItem[];
  onPick: (id: string) => void;
  onClose: () => void;
}

/**
 * Ctrl/Cmd+F: type part of a reference name, name or type, arrows to choose, Enter to jump. Styled
 * as the command palette.
 */
export function FindDialog({ title, items, onPick, onClose }: FindDialogProps) {
  const search = useCallback((query: string) => filterFindItems(items, query), [items]);
  return (
    <PickerDialog
      title={title}
      icon={<Search size={16} aria-hidden />}
      placeholder="Reference name, name or type…"
      inputLabel="Find"
      listLabel="Results"
      emptyText="Nothing matches."
      search={search}
      itemKey={(item) => item.id}
      renderItem={(item) => (
        <>
          <span className="command-group">{item.group}</span>
          <span className={`command-label${item.code ? ' mono' : ''}`}>{item.label}</span>
          {item.detail ? <span className="muted small">{item.detail}</span> : null}
        </>
      )}
      onPick={(item) => onPick(item.id)}
      onClose={onClose}
    />
  );
}
