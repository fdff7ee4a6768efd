import { useMemo, useState, type KeyboardEvent } from 'react';
import { Search } from 'lucide-react';
import { TASK_KINDS, type TaskGroup, type TaskKind } from '../model/task-catalog.js';
import { taskVisual } from '../../graph/task-visuals.js';
import { TASK_DRAG_MIME } from '../canvas/canvas-callbacks.js';

const GROUPS: TaskGroup[] = ['Workers', 'System', 'Control flow', 'Workflows'];

/** Filters the catalogue by words in the label, type or description. */
export function filterKinds(query: string): TaskKind[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return TASK_KINDS.filter((k) => {
    const hay = `${k.label} ${k.type} ${k.description}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Props of the palette. */
export interface TaskPaletteProps {
  onPick: (kind: TaskKind) => void;
  /** Focus the search box on mount (the insert menu does). */
  autoFocus?: boolean;
  compact?: boolean;
}

/** Up and Down move between the search box and the items (in the order shown). */
function moveByArrow(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const root = e.currentTarget;
  const stops = [
    ...root.querySelectorAll<HTMLElement>('input[type="search"], button.palette-item'),
  ];
  const at = stops.indexOf(document.activeElement as HTMLElement);
  const next = stops[at + (e.key === 'ArrowDown' ? 1 : -1)];
  if (at < 0 || !next) return;
  e.preventDefault();
  next.focus();
}

/** A searchable list of task types: drag one onto an edge, or click/Enter to add it; arrows move. */
export function TaskPalette({ onPick, autoFocus, compact }: TaskPaletteProps) {
  const [query, setQuery] = useState('');
  const kinds = useMemo(() => filterKinds(query), [query]);
  return (
    <div className={`palette${compact ? ' is-compact' : ''}`} onKeyDown={moveByArrow}>
      <label className="search-field">
        <Search size={14} aria-hidden />
        <input
          type="search"
          placeholder="Search tasks"
          aria-label="Search task types"
          value={query}
          autoFocus={autoFocus}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && kinds[0]) onPick(kinds[0]);
          }}
        />
      </label>
      <div className="palette-groups">
        {GROUPS.map((group) => {
          const items = kinds.filter((k) => k.group === group);
          if (items.length === 0) return null;
          return (
            <section key={group} className="palette-group" aria-label={group}>
              <h3>{group}</h3>
              <ul>
                {items.map((kind) => {
                  const v = taskVisual(kind.type);
                  const Icon = v.icon;
                  return (
                    <li key={kind.type}>
                      <button
                        type="button"
                        className={`palette-item family-${v.family}`}
                        draggable
                        data-task-type={kind.type}
                        title={kind.description}
                        onDragStart={(e) => {
                          e.dataTransfer.setData(TASK_DRAG_MIME, kind.type);
                          e.dataTransfer.effectAllowed = 'copy';
                          document.body.classList.add('is-dragging-task');
                        }}
                        onDragEnd={() => document.body.classList.remove('is-dragging-task')}
                        onClick={() => onPick(kind)}
                      >
                        <span className="palette-item-icon" aria-hidden>
                          <Icon size={15} />
                        </span>
                        <span className="palette-item-text">
                          <span className="palette-item-label">{kind.label}</span>
                          {compact ? (
                            <span className="palette-item-desc">{kind.description}</span>
                          ) : null}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
        {kinds.length === 0 ? <p className="muted">No task type matches.</p> : null}
      </div>
    </div>
  );
}
