/**
 * The editor of a definition whose JSON text is the source of truth (schedules, event handlers):
 * a small form of fields over the full JSON in Monaco, the errors, Cancel and Save.
 * `useJsonDefinitionDraft` keeps the text and saves it; `JsonDefinitionEditor` lays it out.
 * @module
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { errorLines } from './error-lines.js';
import type { ParsedObject } from './json-object-text.js';

const MonacoJson = lazy(() => import('../../executions/shared/MonacoJson.js'));

/** What `useJsonDefinitionDraft` needs to know of one kind of definition. */
export interface JsonDraftOptions<T extends { name: string }> {
  /** The lower-case name of the kind in messages: `schedule`, `handler`. */
  noun: string;
  /** The stored definition being edited, or null for a new one. */
  original: T | null;
  toText: (definition: T) => string;
  newText: () => string;
  parse: (text: string) => ParsedObject;
  /** Sends the definition to the server (`isNew` when `original` is null). */
  save: (definition: T, isNew: boolean) => Promise<unknown>;
  /** The list query to refresh once saved. */
  listKey: QueryKey;
  /** Called once saved. */
  onDone: () => void;
}

/** The draft of a JSON definition editor: its text, the parsed object, the errors, and submit. */
export function useJsonDefinitionDraft<T extends { name: string }>(options: JsonDraftOptions<T>) {
  const { noun, original, listKey, onDone } = options;
  const qc = useQueryClient();
  const [text, setText] = useState(() => (original ? options.toText(original) : options.newText()));
  const [localError, setLocalError] = useState<string | null>(null);
  const parsed = options.parse(text);
  const save = useMutation({
    mutationFn: (definition: T) => options.save(definition, original === null),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: listKey });
      onDone();
    },
  });
  const submit = () => {
    if (!parsed.ok) return setLocalError(parsed.error);
    if (original && parsed.value.name !== original.name)
      return setLocalError(
        `Invalid ${noun}: name cannot change on edit (it is the key); create a new ${noun} instead`,
      );
    setLocalError(null);
    save.mutate(parsed.value as unknown as T);
  };
  const errors = localError ? [localError] : save.error ? errorLines(save.error) : [];
  return { text, setText, parsed, errors, submit, saving: save.isPending };
}

/** Props of `JsonDefinitionEditor`. */
export interface JsonDefinitionEditorProps {
  /** The lower-case name of the kind: labels (`Schedule (JSON)`, `Save schedule`) and test ids. */
  noun: string;
  /** The name of the definition being edited, or null for a new one. */
  editing: string | null;
  /** The heading of a new one, e.g. `New event handler`. */
  newTitle: string;
  /** The height of the JSON editor in pixels. */
  jsonHeight: number;
  draft: Pick<
    ReturnType<typeof useJsonDefinitionDraft>,
    'text' | 'setText' | 'errors' | 'submit' | 'saving'
  >;
  onCancel: () => void;
  /** The form's fields, shown in a grid above the JSON. */
  children: ReactNode;
}

/** The form of a JSON definition editor: the fields, the JSON, the errors, Cancel and Save. */
export function JsonDefinitionEditor({
  noun,
  editing,
  newTitle,
  jsonHeight,
  draft,
  onCancel,
  children,
}: JsonDefinitionEditorProps) {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const { text, setText, errors, saving } = draft;
  return (
    <form
      className="card pad event-editor"
      aria-label={editing !== null ? `Edit ${noun} ${editing}` : `New ${noun}`}
      onSubmit={(e) => {
        e.preventDefault();
        draft.submit();
      }}
    >
      <h2>{editing !== null ? `Edit ${editing}` : newTitle}</h2>
      <div className="field-grid">{children}</div>
      <div className="field">
        <label>{Noun} (JSON)</label>
        <div className="code-box" data-testid={`${noun}-json`}>
          <Suspense
            fallback={
              <textarea
                aria-label={`${Noun} JSON`}
                rows={14}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            }
          >
            <MonacoJson
              value={text}
              onChange={setText}
              ariaLabel={`${Noun} JSON`}
              height={jsonHeight}
            />
          </Suspense>
        </div>
      </div>
      {errors.length ? (
        <div className="error-text" role="alert" data-testid={`${noun}-errors`}>
          {errors.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      ) : null}
      <div className="run-actions">
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : `Save ${noun}`}
        </button>
      </div>
    </form>
  );
}

/** Props of `TextField`: one text input of a JSON definition editor's form. */
export interface TextFieldProps {
  id: string;
  label: string;
  /** The field's value, or null while the JSON is unparsable (the input is then disabled). */
  value: string | null;
  readOnly?: boolean;
  placeholder?: string;
  onChange: (value: string) => void;
}

/** One labelled text input of a JSON definition editor's form. */
export function TextField({ id, label, value, readOnly, placeholder, onChange }: TextFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value ?? ''}
        disabled={value === null}
        readOnly={readOnly}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** Props of `CheckField`: one checkbox of a JSON definition editor's form. */
export interface CheckFieldProps {
  label: string;
  /** The field's value, or null while the JSON is unparsable (the box is then disabled). */
  checked: boolean | null;
  onChange: (checked: boolean) => void;
}

/** One labelled checkbox of a JSON definition editor's form. */
export function CheckField({ label, checked, onChange }: CheckFieldProps) {
  return (
    <div className="field">
      <label className="check-field">
        <input
          type="checkbox"
          checked={checked ?? false}
          disabled={checked === null}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
    </div>
  );
}
