import { useState } from 'react';
import { ChevronDown, CircleCheck, TriangleAlert } from 'lucide-react';
import { useDesignerStoreApi } from '../store/DesignerProvider.js';
import { useDesignerIssues } from '../store/useDesignerIssues.js';

/** The list of current problems; clicking one selects its task (and its JSON). */
export function ProblemsPanel({
  onFocusTask,
  onShowJson,
}: {
  onFocusTask: (ref: string) => void;
  /** Opens the JSON editor (for its syntax error). */
  onShowJson: () => void;
}) {
  const store = useDesignerStoreApi();
  const issues = useDesignerIssues();
  const [open, setOpen] = useState(true);
  return (
    <section className={`problems${open ? ' is-open' : ''}`} aria-label="Problems">
      <button
        type="button"
        className="problems-head"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
      >
        {issues.length ? (
          <TriangleAlert size={14} aria-hidden className="warn" />
        ) : (
          <CircleCheck size={14} aria-hidden className="ok" data-icon="ok" />
        )}
        <span data-testid="problem-count">
          {issues.length === 0
            ? 'No problems'
            : `${issues.length} problem${issues.length > 1 ? 's' : ''}`}
        </span>
        <ChevronDown size={14} aria-hidden className="chevron" />
      </button>
      {open && issues.length > 0 ? (
        <ul className="problems-list">
          {issues.map((i, n) => (
            <li key={`${i.path}-${n}`}>
              <button
                type="button"
                data-testid="problem"
                data-ref={i.ref ?? ''}
                onClick={() => {
                  if (i.source === 'json') return onShowJson();
                  if (!i.ref) return;
                  store.getState().select(i.ref, true);
                  onFocusTask(i.ref);
                }}
              >
                <span className={`problem-source source-${i.source}`}>{i.source}</span>
                <span className="problem-ref mono">{i.ref ?? i.path}</span>
                <span className="problem-message">{i.message}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
