import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventHandler } from '@baton/client';
import { useBatonClient } from '../app/providers.js';
import { StatusBadge } from '../executions/shared/StatusBadge.js';
import { formatTime } from '../executions/model/format.js';
import { DefinitionListPage } from '../ui/definition-list/DefinitionListPage.js';
import {
  CheckField,
  JsonDefinitionEditor,
  TextField,
  useJsonDefinitionDraft,
} from '../ui/definition-list/JsonDefinitionEditor.js';
import {
  formFields,
  newHandlerText,
  parseHandler,
  toText,
  withFormField,
  type FormField,
} from './handler-text.js';

const handlersKey = ['event', 'handlers'] as const;
const executionsKey = ['event', 'executions'] as const;

/** The text fields of the handler form: the field, its label, its placeholder. */
const TEXT_FIELDS: readonly [Exclude<FormField, 'active'>, string, string?][] = [
  ['name', 'Name'],
  ['event', 'Event', 'conductor:<workflow>:<taskRef>'],
  ['condition', 'Condition', "e.g. $.status == 'ok'"],
];

/** The handler editor: a form for name/event/active/condition over the full JSON in Monaco. */
function HandlerEditor({
  original,
  onDone,
}: {
  /** The stored handler being edited, or null for a new one. */
  original: EventHandler | null;
  onDone: () => void;
}) {
  const client = useBatonClient();
  const draft = useJsonDefinitionDraft({
    noun: 'handler',
    original,
    toText,
    newText: newHandlerText,
    parse: parseHandler,
    save: (handler: EventHandler, isNew) =>
      isNew ? client.eventHandlers.add(handler) : client.eventHandlers.update(handler),
    listKey: handlersKey,
    onDone,
  });
  const fields = draft.parsed.ok ? formFields(draft.parsed.value) : null;
  const set = (field: FormField, value: string | boolean) =>
    draft.setText((t) => withFormField(t, field, value));
  return (
    <JsonDefinitionEditor
      noun="handler"
      editing={original?.name ?? null}
      newTitle="New event handler"
      jsonHeight={320}
      draft={draft}
      onCancel={onDone}
    >
      {TEXT_FIELDS.map(([field, label, placeholder]) => (
        <TextField
          key={field}
          id={`eh-${field}`}
          label={label}
          value={fields ? fields[field] : null}
          readOnly={field === 'name' && original !== null}
          placeholder={placeholder}
          onChange={(value) => set(field, value)}
        />
      ))}
      <CheckField
        label="Active"
        checked={fields ? fields.active : null}
        onChange={(checked) => set('active', checked)}
      />
    </JsonDefinitionEditor>
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
  const remove = useMutation({
    mutationFn: (name: string) => client.eventHandlers.remove(name),
    onSuccess: () => void qc.invalidateQueries({ queryKey: handlersKey }),
  });
  return (
    <DefinitionListPage
      title="Event handlers"
      description="Actions run when an event arrives (an EVENT task's message, or a NATS subject)."
      newLabel="New handler"
      list={handlers}
      rows={handlers.data ?? []}
      emptyText="No event handlers yet."
      tableLabel="Event handlers"
      columns={[
        { header: 'Name', className: 'strong', cell: (h) => h.name },
        { header: 'Event', className: 'mono', cell: (h) => h.event },
        { header: 'Active', cell: (h) => (h.active === true ? 'yes' : 'no') },
        { header: 'Actions', cell: (h) => h.actions.length },
      ]}
      actionsLabel="Edit or delete"
      renderEditor={(original, onDone) => <HandlerEditor original={original} onDone={onDone} />}
      remove={remove}
      deleteTitle={(name) => `Delete handler ${name}?`}
      deleteBody={() => <p>Events it handles will no longer run its actions.</p>}
      afterList={<FailedEvents />}
    />
  );
}
