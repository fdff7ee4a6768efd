/**
 * /taskdefs: the registered task definitions. Search, create or edit in a form beside the JSON
 * (the same Monaco editor as the monitor), delete after a confirmation. The server's
 * TASK_DEF_INVALID `validationErrors` show next to the field they name.
 * @module
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FilePlus, Search } from 'lucide-react';
import { isBatonApiError, type TaskDef } from '@baton/client';
import { TASK_DEF_DEFAULTS } from '@baton/engine';
import { useBatonClient } from '../app/providers.js';
import { DefinitionListPage } from '../ui/definition-list/DefinitionListPage.js';
import {
  fieldOfPath,
  taskDefsQuery,
  useDeleteTaskDef,
  useSaveTaskDef,
} from './task-def-queries.js';

const MonacoJson = lazy(() => import('../executions/shared/MonacoJson.js'));

const NUMBER_FIELDS = [
  ['retryCount', 'Retry count'],
  ['retryDelaySeconds', 'Retry delay (s)'],
  ['timeoutSeconds', 'Timeout (s)'],
  ['responseTimeoutSeconds', 'Response timeout (s)'],
  ['pollTimeoutSeconds', 'Poll timeout (s)'],
  ['concurrentExecLimit', 'Concurrent executions limit'],
] as const;
const SELECT_FIELDS = [
  ['retryLogic', 'Retry logic', ['FIXED', 'LINEAR_BACKOFF', 'EXPONENTIAL_BACKOFF']],
  ['timeoutPolicy', 'Timeout policy', ['RETRY', 'TIME_OUT_WF', 'ALERT_ONLY']],
] as const;
const TEXT_FIELDS = [
  ['name', 'Name'],
  ['description', 'Description'],
  ['ownerEmail', 'Owner email'],
] as const;
const KNOWN = new Set<string>(
  [...NUMBER_FIELDS, ...SELECT_FIELDS, ...TEXT_FIELDS].map((f) => f[0]),
);

const show = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const placeholderOf = (key: string) =>
  show((TASK_DEF_DEFAULTS as Record<string, unknown>)[key]) || undefined;

/** A copy of `def` with `key` set, or removed when `value` is empty. */
function withField(def: TaskDef, key: string, value: unknown): TaskDef {
  const next: Record<string, unknown> = { ...def };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next as TaskDef;
}

/** The create/edit form with the JSON beside it; both edit the same draft. */
function TaskDefEditor({
  initial,
  isNew,
  onDone,
}: {
  initial: TaskDef;
  isNew: boolean;
  onDone: () => void;
}) {
  const save = useSaveTaskDef();
  const [draft, setDraft] = useState<TaskDef>(initial);
  const [json, setJson] = useState(() => JSON.stringify(initial, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const setField = (key: string, value: unknown) => {
    const next = withField(draft, key, value);
    setDraft(next);
    setJson(JSON.stringify(next, null, 2));
    setJsonError(null);
  };
  const onJson = (text: string) => {
    setJson(text);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('a task definition is a JSON object');
      setDraft(parsed as TaskDef);
      setJsonError(null);
    } catch (e) {
      setJsonError(e instanceof Error ? e.message : String(e));
    }
  };
  const submit = () => {
    if (jsonError) return;
    setErrors([]);
    setFailure(null);
    save.mutate(
      { def: draft, isNew },
      {
        onSuccess: onDone,
        onError: (e) => {
          if (isBatonApiError(e) && e.validationErrors.length > 0)
            setErrors(
              e.validationErrors.map((v) => ({ field: fieldOfPath(v.path), message: v.message })),
            );
          setFailure(e.message);
        },
      },
    );
  };
  const errorOf = (key: string) => errors.filter((e) => e.field === key).map((e) => e.message);
  const fieldError = (key: string) => {
    const messages = errorOf(key);
    return messages.length > 0 ? (
      <p className="field-error" role="alert" data-testid={`taskdef-error-${key}`}>
        {messages.join('; ')}
      </p>
    ) : null;
  };
  const others = errors.filter((e) => !KNOWN.has(e.field));

  return (
    <section className="card pad taskdef-editor" aria-label="Task definition editor">
      <h2>{isNew ? 'New task definition' : `Edit ${initial.name}`}</h2>
      <form
        className="taskdef-editor-body"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="taskdef-form">
          <div className="field-grid">
            {TEXT_FIELDS.map(([key, label]) => (
              <div className="field" key={key}>
                <label htmlFor={`taskdef-${key}`}>{label}</label>
                <input
                  id={`taskdef-${key}`}
                  value={show(draft[key])}
                  readOnly={key === 'name' && !isNew}
                  aria-invalid={errorOf(key).length > 0}
                  onChange={(e) => setField(key, e.target.value)}
                />
                {fieldError(key)}
              </div>
            ))}
            {SELECT_FIELDS.map(([key, label, options]) => (
              <div className="field" key={key}>
                <label htmlFor={`taskdef-${key}`}>{label}</label>
                <select
                  id={`taskdef-${key}`}
                  value={show(draft[key])}
                  aria-invalid={errorOf(key).length > 0}
                  onChange={(e) => setField(key, e.target.value)}
                >
                  <option value="">{`${placeholderOf(key)} (default)`}</option>
                  {options.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
                {fieldError(key)}
              </div>
            ))}
            {NUMBER_FIELDS.map(([key, label]) => (
              <div className="field" key={key}>
                <label htmlFor={`taskdef-${key}`}>{label}</label>
                <input
                  id={`taskdef-${key}`}
                  type="number"
                  value={show(draft[key])}
                  placeholder={placeholderOf(key)}
                  aria-invalid={errorOf(key).length > 0}
                  onChange={(e) =>
                    setField(key, e.target.value === '' ? undefined : Number(e.target.value))
                  }
                />
                {fieldError(key)}
              </div>
            ))}
          </div>
          {others.length > 0 ? (
            <ul className="error-text" role="alert">
              {others.map((e, i) => (
                <li key={i}>
                  {e.field ? <code>{e.field}</code> : null} {e.message}
                </li>
              ))}
            </ul>
          ) : null}
          {failure && errors.length === 0 ? (
            <p className="error-text" role="alert">
              {failure}
            </p>
          ) : null}
        </div>
        <div className="taskdef-json">
          <Suspense fallback={<p className="muted small">Loading editor…</p>}>
            <MonacoJson
              value={json}
              ariaLabel="Task definition JSON"
              height={320}
              onChange={onJson}
            />
          </Suspense>
          {jsonError ? (
            <p className="field-error" role="alert">
              JSON: {jsonError}
            </p>
          ) : null}
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={save.isPending || !!jsonError}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A new definition's starting draft. */
const NEW_TASK_DEF: TaskDef = { name: '', retryCount: 3, timeoutSeconds: 0 };

/** A cell of a field that has a default: the value, or the default greyed when absent. */
function withDefault(d: TaskDef, key: keyof typeof TASK_DEF_DEFAULTS) {
  return d[key] === undefined || d[key] === null ? (
    <span className="muted">{show(TASK_DEF_DEFAULTS[key])}</span>
  ) : (
    show(d[key])
  );
}

/** /taskdefs: list, search, create, edit and delete task definitions. */
export function TaskDefsPage() {
  const client = useBatonClient();
  const defs = useQuery(taskDefsQuery(client));
  const remove = useDeleteTaskDef();
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const q = query.toLowerCase();
    return (defs.data ?? []).filter(
      (d) =>
        !q ||
        d.name.toLowerCase().includes(q) ||
        show(d.description).toLowerCase().includes(q) ||
        show(d.ownerEmail).toLowerCase().includes(q),
    );
  }, [defs.data, query]);

  return (
    <DefinitionListPage
      title="Task definitions"
      description="Registered task definitions: retries, timeouts and owners."
      newLabel="New task definition"
      newIcon={FilePlus}
      list={defs}
      rows={rows}
      emptyText={query ? 'No task definition matches.' : 'No task definitions yet.'}
      tableLabel="Task definitions"
      columns={[
        { header: 'Name', className: 'mono', cell: (d) => d.name },
        { header: 'Retry count', cell: (d) => withDefault(d, 'retryCount') },
        { header: 'Timeout (s)', cell: (d) => withDefault(d, 'timeoutSeconds') },
        { header: 'Response timeout (s)', cell: (d) => withDefault(d, 'responseTimeoutSeconds') },
        { header: 'Timeout policy', cell: (d) => withDefault(d, 'timeoutPolicy') },
        {
          header: 'Owner',
          className: 'small',
          cell: (d) => show(d.ownerEmail) || <span className="muted">–</span>,
        },
      ]}
      actionsLabel="Actions"
      rowTestId={(d) => `taskdef-row-${d.name}`}
      renderEditor={(original, onDone) => (
        <TaskDefEditor
          initial={original ?? NEW_TASK_DEF}
          isNew={original === null}
          onDone={onDone}
        />
      )}
      remove={remove}
      deleteTitle={(name) => `Delete ${name}?`}
      deleteBody={(name) => (
        <p>
          This removes the registered definition of <code>{name}</code>. Workflow definitions that
          name this task are not changed.
        </p>
      )}
      beforeList={
        <label className="search-field wide">
          <Search size={15} aria-hidden />
          <input
            type="search"
            placeholder="Search by name, description or owner"
            aria-label="Search task definitions"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
      }
    />
  );
}
