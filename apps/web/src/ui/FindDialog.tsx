import { useEffect, useMemo, useRef, useState } from 'react';
import { Search } from 'lucide-react';

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
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => filterFindItems(items, query), [items, query]);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const pick = (item: FindItem | undefined) => {
    if (!item) return;
    onClose();
    onPick(item.id);
  };
  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div
        className="command-palette"
        role="dialog"
        aria-label={title}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <label className="command-input">
          <Search size={16} aria-hidden />
          <input
            autoFocus
            placeholder="Reference name, name or type…"
            aria-label="Find"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setActive((a) => Math.min(a + 1, results.length - 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((a) => Math.max(a - 1, 0));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                pick(results[active]);
              } else if (e.key === 'Escape') onClose();
            }}
          />
        </label>
        <ul ref={listRef} role="listbox" aria-label="Results">
          {results.map((item, i) => (
            <li
              key={item.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(item)}
            >
              <span className="command-group">{item.group}</span>
              <span className={`command-label${item.code ? ' mono' : ''}`}>{item.label}</span>
              {item.detail ? <span className="muted small">{item.detail}</span> : null}
            </li>
          ))}
          {results.length === 0 ? <li className="muted">Nothing matches.</li> : null}
        </ul>
      </div>
    </div>
  );
}
