import { useEffect, useMemo, useRef, useState } from 'react';
import { Command } from 'lucide-react';
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
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(
    () => [...searchActions(query), ...(query.trim() ? searchActions(query, extra) : [])],
    [query, extra],
  );
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const run = (a: DesignerAction | undefined) => {
    if (!a) return;
    onClose();
    onRun(a);
  };
  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div
        className="command-palette"
        role="dialog"
        aria-label="Command palette"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <label className="command-input">
          <Command size={16} aria-hidden />
          <input
            autoFocus
            placeholder="Type a command…"
            aria-label="Command"
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
                run(results[active]);
              } else if (e.key === 'Escape') onClose();
            }}
          />
        </label>
        <ul ref={listRef} role="listbox" aria-label="Commands">
          {results.map((a, i) => (
            <li
              key={a.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(a)}
            >
              <span className="command-group">{a.group}</span>
              <span className="command-label">{a.label}</span>
              {a.shortcut ? <kbd>{shortcutLabel(a.shortcut)}</kbd> : null}
            </li>
          ))}
          {results.length === 0 ? <li className="muted">No command matches.</li> : null}
        </ul>
      </div>
    </div>
  );
}
