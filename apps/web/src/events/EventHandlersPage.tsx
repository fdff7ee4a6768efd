import { lazy, Suspense, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { isBatonApiError } from '@baton/client';
import type { EventHandler } from '@baton/client';
import { useBatonClient } from '../app/providers.js';
import { ConfirmDialog } from '../executions/shared/ConfirmDialog.js';
import { StatusBadge } from '../executions/shared/StatusBadge.js';
import { formatTime } from '../executions/model/format.js';
import { formFields, newHandlerText, parseHandler, toText, withFormField } from './handler-text.js';

const MonacoJson = lazy(() => import('../executions/shared/MonacoJson.js'));

const handlersKey = ['event', 'handlers'] as const;
const executionsKey = ['event', 'executions'] as const;

/** An error as lines: the message, then each validation error naming its field. */
function errorLines(error: unknown): string[] {
  if (isBatonApiError(error))
    return [error.message, ...error.validationErrors.map((v) => `${v.path}: ${v.message}`)];
  return [error instanceof Error ? error.message : String(error)];
}

interface EditorProps {
  /** The stored handler being edited, or null for a new one. */
  original: EventHandler | null;
  onDone: () => void;
}

/** The handler editor: a form for name/event/active/condition over the full JSON in Monaco. */
function HandlerEditor({ original, onDone }: EditorProps) {
  const client = useBatonClient();
  const qc = useQueryClient();
  const [text, setText] = useState(() => (original ? toText(original) : newHandlerText()));
  const [localError, setLocalError] = useState<string | null>(null);
  const parsed = parseHandler(text);
  const fields = parsed.ok ? formFields(parsed.value) : null;
  const save = useMutation({
    mutationFn: (handler: EventHandler) =>
      original ? client.eventHandlers.update(handler) : client.eventHandlers.add(handler),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: handlersKey });
      onDone();
    },
  });
  const submit = () => {
    if (!parsed.ok) return setLocalError(parsed.error);
    if (original && parsed.value.name !== original.name)
      return setLocalError(
        `Invalid handler: name cannot change on edit (it is the key); create a new handler instead`,
      );
    setLocalError(null);
    save.mutate(parsed.value as unknown as EventHandler);
  };
  const set = (field: 'name' | 'event' | 'active' | 'condition', value: string | boolean) =>
    setText((t) => withFormField(t, field, value));
  const errors = localError ? [localError] : save.error ? errorLines(save.error) : [];
  return (
    <form
      className="card pad event-editor"
      aria-label={original ? `Edit handler ${original.name}` : 'New handler'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{original ? `Edit ${original.name}` : 'New event handler'}</h2>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="eh-name">Name</label>
          <input
            id="eh-name"
            value={fields?.name ?? ''}
            disabled={!fields}
            readOnly={original !== null}
            onChange={(e) => set('name', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="eh-event">Event</label>
          <input
            id="eh-event"
            value={fields?.event ?? ''}
            disabled={!fields}
            placeholder="conductor:<workflow>:<taskRef>"
            onChange={(e) => set('event', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="eh-condition">Condition</label>
          <input
            id="eh-condition"
            value={fields?.condition ?? ''}
            disabled={!fields}
            placeholder="e.g. $.status == 'ok'"
            onChange={(e) => set('condition', e.target.value)}
          />
        </div>
        <div className="field">
          <label className="check-field">
            <input
              type="checkbox"
              checked={fields?.active ?? false}
              disabled={!fields}
              onChange={(e) => set('active', e.target.checked)}
            />
            Active
          </label>
        </div>
      </div>
      <div className="field">
        <label>Handler (JSON)</label>
        <div className="code-box" data-testid="handler-json">
          <Suspense
            fallback={
              <textarea
                aria-label="Handler JSON"
                rows={14}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            }
          >
            <MonacoJson value={text} onChange={setText} ariaLabel="Handler JSON" height={320} />
          </Suspense>
        </div>
      </div>
      {errors.length ? (
        <div className="error-text" role="alert" data-testid="handler-errors">
          {errors.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      ) : null}
      <div className="run-actions">
        <button type="button" className="button ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save handler'}
        </button>
      </div>
    </form>
  );
}

/** Failed (or retried) event messages, newest first. */
function FailedEvents() {
  const client = useBatonClient();
  const records = useQuery({
    queryKey: executionsKey,
    queryFn: () => client.eventHandlers.executions({ limit: 100 }),
    refetchInterval: 5000,
  });
  return (
    <section className="card" aria-label="Failed event messages">
      <h2 className="pad">Failed event messages</h2>
      {records.isError ? (
        <p className="error-text pad">Cannot load them: {records.error.message}</p>
      ) : null}
      {records.isSuccess && records.data.length === 0 ? (
        <p className="muted pad">No event message has failed.</p>
      ) : null}
      {records.data?.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>Message</th>
              <th>Event</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Errors</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {records.data.map((r) => (
              <tr key={r.id}>
                <td className="mono">{r.id}</td>
                <td className="mono">{r.event}</td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>{r.attempts}</td>
                <td>
                  {r.errors.map((e, i) => (
                    <div key={i} className="small">
                      <strong>{e.handler}</strong>
                      {e.action ? ` (${e.action})` : ''}: {e.message}
                    </div>
                  ))}
                </td>
                <td className="muted small">{formatTime(r.updateTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** `/events`: list, create, edit and delete event handlers; see the failed event messages. */
export default function EventHandlersPage() {
  const client = useBatonClient();
  const qc = useQueryClient();
  const handlers = useQuery({ queryKey: handlersKey, queryFn: () => client.eventHandlers.list() });
  const [editing, setEditing] = useState<{ original: EventHandler | null } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (name: string) => client.eventHandlers.remove(name),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: handlersKey });
      setDeleting(null);
    },
  });
  const rows = [...(handlers.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Event handlers</h1>
          <p className="muted">
            Actions run when an event arrives (an EVENT task&apos;s message, or a NATS subject).
          </p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="button primary"
            onClick={() => setEditing({ original: null })}
          >
            <Plus size={15} aria-hidden /> New handler
          </button>
        </div>
      </div>
      {editing ? (
        <HandlerEditor
          key={editing.original?.name ?? '(new)'}
          original={editing.original}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <div className="card">
        {handlers.isPending ? <p className="muted pad">Loading…</p> : null}
        {handlers.isError ? (
          <p className="error-text pad">Cannot reach the server: {handlers.error.message}</p>
        ) : null}
        {handlers.isSuccess && rows.length === 0 ? (
          <p className="muted pad">No event handlers yet.</p>
        ) : null}
        {rows.length > 0 ? (
          <table className="table" aria-label="Event handlers">
            <thead>
              <tr>
                <th>Name</th>
                <th>Event</th>
                <th>Active</th>
                <th>Actions</th>
                <th aria-label="Edit or delete" />
              </tr>
            </thead>
            <tbody>
              {rows.map((h) => (
                <tr key={h.name}>
                  <td className="strong">{h.name}</td>
                  <td className="mono">{h.event}</td>
                  <td>{h.active === true ? 'yes' : 'no'}</td>
                  <td>{h.actions.length}</td>
                  <td>
                    <div className="chips">
                      <button
                        type="button"
                        className="button ghost"
                        aria-label={`Edit ${h.name}`}
                        onClick={() => setEditing({ original: h })}
                      >
                        <Pencil size={14} aria-hidden /> Edit
                      </button>
                      <button
                        type="button"
                        className="button ghost"
                        aria-label={`Delete ${h.name}`}
                        onClick={() => setDeleting(h.name)}
                      >
                        <Trash2 size={14} aria-hidden /> Delete
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      <FailedEvents />
      {deleting !== null ? (
        <ConfirmDialog
          title={`Delete handler ${deleting}?`}
          confirmLabel="Delete"
          danger
          busy={remove.isPending}
          error={remove.error ? errorLines(remove.error).join(' ') : null}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
        >
          <p>Events it handles will no longer run its actions.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
