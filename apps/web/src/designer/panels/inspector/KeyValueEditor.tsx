import { useId, useState } from 'react';
import { Plus, X } from 'lucide-react';
import { parseLoose, showLoose } from '../fields.js';

/** Props of the key/value editor. */
export interface KeyValueEditorProps {
  value: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  /** `${...}` expressions offered while typing a value. */
  suggestions: readonly string[];
  /** Keys shown elsewhere (e.g. http_request) and hidden here. */
  hiddenKeys?: readonly string[];
  addLabel?: string;
}

function Row({
  k,
  v,
  listId,
  onRename,
  onValue,
  onRemove,
}: {
  k: string;
  v: unknown;
  listId: string;
  onRename: (to: string) => void;
  onValue: (v: unknown) => void;
  onRemove: () => void;
}) {
  const [key, setKey] = useState(k);
  const [text, setText] = useState(showLoose(v));
  const [shown, setShown] = useState({ k, v });
  if (shown.k !== k || shown.v !== v) {
    // The row stays mounted across renames and value edits (so Tab keeps focus in the panel):
    // show what is stored now.
    setShown({ k, v });
    setKey(k);
    setText(showLoose(v));
  }
  return (
    <div className="kv-row">
      <input
        aria-label={`Parameter name ${k}`}
        value={key}
        onChange={(e) => setKey(e.target.value)}
        onBlur={() => key && key !== k && onRename(key)}
      />
      <input
        aria-label={`Value of ${k}`}
        className="mono"
        list={listId}
        value={text}
        placeholder="value or ${expression}"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== showLoose(v) && onValue(parseLoose(text))}
        onKeyDown={(e) => e.key === 'Enter' && text !== showLoose(v) && onValue(parseLoose(text))}
      />
      <button
        type="button"
        className="icon-button small"
        aria-label={`Remove ${k}`}
        onClick={onRemove}
      >
        <X size={14} />
      </button>
    </div>
  );
}

/** Edits a map of parameters; values may be strings, `${...}` expressions or JSON. */
export function KeyValueEditor({
  value,
  onChange,
  suggestions,
  hiddenKeys = [],
  addLabel = 'Add parameter',
}: KeyValueEditorProps) {
  const listId = useId();
  const entries = Object.entries(value).filter(([k]) => !hiddenKeys.includes(k));
  const rename = (from: string, to: string) => {
    if (to in value) return;
    onChange(Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, v])));
  };
  const add = () => {
    let name = 'param';
    for (let n = 2; name in value; n++) name = `param${n}`;
    onChange({ ...value, [name]: '' });
  };
  return (
    <div className="kv-editor">
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {entries.length === 0 ? <p className="muted small">No parameters.</p> : null}
      {entries.map(([k, v], i) => (
        <Row
          // By position, not by name: a rename must not remount the row and drop the focus.
          key={i}
          k={k}
          v={v}
          listId={listId}
          onRename={(to) => rename(k, to)}
          onValue={(nv) => onChange({ ...value, [k]: nv })}
          onRemove={() =>
            onChange(Object.fromEntries(Object.entries(value).filter(([x]) => x !== k)))
          }
        />
      ))}
      <button type="button" className="text-button" onClick={add}>
        <Plus size={14} aria-hidden /> {addLabel}
      </button>
    </div>
  );
}
