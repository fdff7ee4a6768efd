import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** Props of {@link PickerDialog}. */
export interface PickerDialogProps<T> {
  /** The dialog's accessible name. */
  title: string;
  icon: ReactNode;
  placeholder: string;
  /** Accessible names of the input and of the result list. */
  inputLabel: string;
  listLabel: string;
  emptyText: string;
  /** The items shown for what is typed, in order. */
  search: (query: string) => readonly T[];
  itemKey: (item: T) => string;
  /** The option's content (its `li` is the dialog's). */
  renderItem: (item: T) => ReactNode;
  onPick: (item: T) => void;
  onClose: () => void;
}

/**
 * A search box over a list, as the command palette and Find show it: type to filter, arrows to
 * choose, Enter or a click to pick (the dialog closes first), Escape or a click outside to close.
 */
export function PickerDialog<T>({
  title,
  icon,
  placeholder,
  inputLabel,
  listLabel,
  emptyText,
  search,
  itemKey,
  renderItem,
  onPick,
  onClose,
}: PickerDialogProps<T>) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => search(query), [search, query]);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const pick = (item: T | undefined) => {
    if (item === undefined) return;
    onClose();
    onPick(item);
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
          {icon}
          <input
            autoFocus
            placeholder={placeholder}
            aria-label={inputLabel}
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
        <ul ref={listRef} role="listbox" aria-label={listLabel}>
          {results.map((item, i) => (
            <li
              key={itemKey(item)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(item)}
            >
              {renderItem(item)}
            </li>
          ))}
          {results.length === 0 ? <li className="muted">{emptyText}</li> : null}
        </ul>
      </div>
    </div>
  );
}
