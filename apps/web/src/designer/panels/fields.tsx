import { useId, useState, type ReactNode } from 'react';

/** Parses what the user typed in a value box: JSON-looking text becomes JSON, the rest a string. */
export function parseLoose(text: string): unknown {
  const t = text.trim();
  if (/^([{["]|-?\d|true$|false$|null$)/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return text;
}

/** Shows a value for editing: strings as they are, anything else as JSON. */
export function showLoose(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

interface BaseProps {
  label: string;
  hint?: string;
}

/** A labelled row. */
export function Field({
  label,
  hint,
  children,
  htmlFor,
}: BaseProps & { children: ReactNode; htmlFor?: string }) {
  return (
    <div className="field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}

/** A text box that commits on blur or Enter (one undo step per edit, not per key). */
export function TextField({
  label,
  hint,
  value,
  onCommit,
  placeholder,
  multiline,
  mono,
  list,
  testId,
  validate,
}: BaseProps & {
  value: string;
  onCommit: (v: string) => void;
  placeholder?: string;
  multiline?: boolean;
  mono?: boolean;
  list?: string;
  testId?: string;
  /** Why a draft cannot be committed (shown under the box, which keeps the draft), or null. */
  validate?: (v: string) => string | null;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const [error, setError] = useState<string | null>(null);
  if (shown !== value) {
    // The stored value changed (undo, JSON edit, another field): show it instead of the draft.
    setShown(value);
    setDraft(value);
    setError(null);
  }
  const commit = () => {
    if (draft === value) return setError(null);
    const problem = validate?.(draft) ?? null;
    setError(problem);
    if (!problem) onCommit(draft);
  };
  const common = {
    id,
    value: draft,
    placeholder,
    className: mono ? 'mono' : undefined,
    'data-testid': testId,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onBlur: commit,
  };
  return (
    <Field label={label} hint={error ? undefined : hint} htmlFor={id}>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input
          {...common}
          list={list}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              // Its keypress would otherwise click whatever the commit focuses (a dialog's button).
              e.preventDefault();
              commit();
            }
            if (e.key === 'Escape') {
              setDraft(value);
              setError(null);
            }
          }}
        />
      )}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </Field>
  );
}

/** A number box; empty means "not set" (undefined). */
export function NumberField({
  label,
  hint,
  value,
  onCommit,
  placeholder,
}: BaseProps & {
  value: number | null | undefined;
  onCommit: (v: number | undefined) => void;
  placeholder?: string;
}) {
  const shown = value === null || value === undefined ? '' : String(value);
  return (
    <TextField
      label={label}
      hint={hint}
      value={shown}
      placeholder={placeholder}
      onCommit={(v) => onCommit(v.trim() === '' || Number.isNaN(Number(v)) ? undefined : Number(v))}
    />
  );
}

/** A select box; the empty option means "not set". */
export function SelectField({
  label,
  hint,
  value,
  options,
  onCommit,
  allowEmpty,
}: BaseProps & {
  value: string | undefined;
  options: readonly string[];
  onCommit: (v: string | undefined) => void;
  allowEmpty?: string;
}) {
  const id = useId();
  return (
    <Field label={label} hint={hint} htmlFor={id}>
      <select id={id} value={value ?? ''} onChange={(e) => onCommit(e.target.value || undefined)}>
        {allowEmpty !== undefined ? <option value="">{allowEmpty}</option> : null}
        {value && !options.includes(value) ? <option value={value}>{value}</option> : null}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A checkbox. */
export function CheckField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: boolean;
  onCommit: (v: boolean) => void;
}) {
  return (
    <label className="check-field">
      <input type="checkbox" checked={value} onChange={(e) => onCommit(e.target.checked)} />
      {label}
    </label>
  );
}

/** A titled group of fields. */
export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="inspector-section">
      <header>
        <h3>{title}</h3>
        {actions}
      </header>
      {children}
    </section>
  );
}
