import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pause, Pencil, Play, Plus, Trash2 } from 'lucide-react';
import { isBatonApiError } from '@baton/client';
import type { WorkflowSchedule } from '@baton/client';
import { useBatonClient } from '../app/providers.js';
import '../executions/executions.css';
import { ConfirmDialog } from '../executions/shared/ConfirmDialog.js';
import {
  formatInZone,
  newScheduleText,
  parseSchedule,
  scheduleFields,
  toText,
  withScheduleField,
  type ScheduleField,
} from './schedule-text.js';

const MonacoJson = lazy(() => import('../executions/shared/MonacoJson.js'));

/** A badge in the monitor's colours: the tone and its label. */
function Badge({ tone, label }: { tone: string; label: string }) {
  return <span className={`status-badge tone-${tone}`}>{label}</span>;
}

const START_BADGES: Record<string, [string, string]> = {
  EXECUTED: ['success', 'Started'],
  FAILED: ['failure', 'Failed'],
  POLLED: ['scheduled', 'Claimed'],
};

const schedulesKey = ['scheduler', 'schedules'] as const;
const startsKey = ['scheduler', 'executions'] as const;

/** An error as lines: the message, then each validation error naming its field. */
function errorLines(error: unknown): string[] {
  if (isBatonApiError(error))
    return [error.message, ...error.validationErrors.map((v) => `${v.path}: ${v.message}`)];
  return [error instanceof Error ? error.message : String(error)];
}

/** The next due times of an expression in a zone, as the server reads them. */
function NextTimes({ cron, zone }: { cron: string; zone: string }) {
  const client = useBatonClient();
  const next = useQuery({
    queryKey: ['scheduler', 'next', cron, zone],
    queryFn: () => client.schedules.nextTimes(cron, { zoneId: zone || 'UTC', limit: 5 }),
    enabled: cron.trim() !== '',
    retry: false,
  });
  return (
    <div className="field" aria-live="polite">
      <span className="label-text">Next due times ({zone || 'UTC'})</span>
      {next.isError ? (
        <p className="error-text small" data-testid="next-times-error">
          {errorLines(next.error)[0]}
        </p>
      ) : (
        <ul className="next-times mono small" data-testid="next-times">
          {(next.data ?? []).map((t) => (
            <li key={t}>{formatInZone(t, zone)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface EditorProps {
  /** The stored schedule being edited, or null for a new one. */
  original: WorkflowSchedule | null;
  onDone: () => void;
}

/** The schedule editor: a small form over the full JSON in Monaco, with the next due times. */
function ScheduleEditor({ original, onDone }: EditorProps) {
  const client = useBatonClient();
  const qc = useQueryClient();
  const [text, setText] = useState(() => (original ? toText(original) : newScheduleText()));
  const [localError, setLocalError] = useState<string | null>(null);
  const parsed = parseSchedule(text);
  const fields = parsed.ok ? scheduleFields(parsed.value) : null;
  const save = useMutation({
    mutationFn: (schedule: WorkflowSchedule) => client.schedules.save(schedule),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: schedulesKey });
      onDone();
    },
  });
  const submit = () => {
    if (!parsed.ok) return setLocalError(parsed.error);
    if (original && parsed.value.name !== original.name)
      return setLocalError(
        'Invalid schedule: name cannot change on edit (it is the key); create a new schedule instead',
      );
    setLocalError(null);
    save.mutate(parsed.value as unknown as WorkflowSchedule);
  };
  const set = (field: ScheduleField, value: string | boolean) =>
    setText((t) => withScheduleField(t, field, value));
  const errors = localError ? [localError] : save.error ? errorLines(save.error) : [];
  const input = (
    id: string,
    label: string,
    field: Exclude<ScheduleField, 'runCatchupScheduleInstances'>,
    placeholder?: string,
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={fields?.[field] ?? ''}
        disabled={!fields}
        readOnly={field === 'name' && original !== null}
        placeholder={placeholder}
        onChange={(e) => set(field, e.target.value)}
      />
    </div>
  );
  return (
    <form
      className="card pad event-editor"
      aria-label={original ? `Edit schedule ${original.name}` : 'New schedule'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{original ? `Edit ${original.name}` : 'New schedule'}</h2>
      <div className="field-grid">
        {input('sc-name', 'Name', 'name')}
        {input('sc-workflow', 'Workflow', 'workflowName', 'registered workflow name')}
        {input(
          'sc-cron',
          'Cron (sec min hour day month weekday)',
          'cronExpression',
          '0 0 9 * * MON-FRI',
        )}
        {input('sc-zone', 'Time zone', 'zoneId', 'UTC, Europe/Paris…')}
        <div className="field">
          <label className="check-field">
            <input
              type="checkbox"
              checked={fields?.runCatchupScheduleInstances ?? false}
              disabled={!fields}
              onChange={(e) => set('runCatchupScheduleInstances', e.target.checked)}
            />
            Catch up missed due times
          </label>
        </div>
        <NextTimes cron={fields?.cronExpression ?? ''} zone={fields?.zoneId ?? ''} />
      </div>
      <div className="field">
        <label>Schedule (JSON)</label>
        <div className="code-box" data-testid="schedule-json">
          <Suspense
            fallback={
              <textarea
                aria-label="Schedule JSON"
                rows={14}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            }
          >
            <MonacoJson value={text} onChange={setText} ariaLabel="Schedule JSON" height={280} />
          </Suspense>
        </div>
      </div>
      {errors.length ? (
        <div className="error-text" role="alert" data-testid="schedule-errors">
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
          {save.isPending ? 'Saving…' : 'Save schedule'}
        </button>
      </div>
    </form>
  );
}

/** The latest scheduled starts, newest due time first. */
function RecentStarts() {
  const client = useBatonClient();
  const starts = useQuery({
    queryKey: startsKey,
    queryFn: () => client.schedules.executions({ size: 50 }),
    refetchInterval: 5000,
  });
  const rows = starts.data?.results ?? [];
  return (
    <section className="card" aria-label="Recent scheduled starts">
      <h2 className="pad">Recent starts</h2>
      {starts.isError ? (
        <p className="error-text pad">Cannot load them: {starts.error.message}</p>
      ) : null}
      {starts.isSuccess && rows.length === 0 ? (
        <p className="muted pad">No schedule has started a workflow yet.</p>
      ) : null}
      {rows.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>Schedule</th>
              <th>Due time</th>
              <th>State</th>
              <th>Workflow</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.executionId}>
                <td className="strong">{r.scheduleName}</td>
                <td className="mono small">{formatInZone(r.scheduledTime, r.zoneId)}</td>
                <td>
                  <Badge
                    tone={START_BADGES[r.state]?.[0] ?? 'pending'}
                    label={START_BADGES[r.state]?.[1] ?? r.state}
                  />
                  {r.reason ? <div className="small error-text">{r.reason}</div> : null}
                </td>
                <td className="mono small">
                  {r.workflowId ? (
                    <Link to={`/executions/${encodeURIComponent(r.workflowId)}`}>
                      {r.workflowId}
                    </Link>
                  ) : (
                    r.workflowName
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** `/schedules`: list, create, edit, pause, resume and delete schedules; see their starts. */
export default function SchedulesPage() {
  const client = useBatonClient();
  const qc = useQueryClient();
  const schedules = useQuery({ queryKey: schedulesKey, queryFn: () => client.schedules.list() });
  const [editing, setEditing] = useState<{ original: WorkflowSchedule | null } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: schedulesKey });
  const remove = useMutation({
    mutationFn: (name: string) => client.schedules.remove(name),
    onSuccess: () => {
      refresh();
      setDeleting(null);
    },
  });
  const toggle = useMutation({
    mutationFn: (s: WorkflowSchedule) =>
      s.paused ? client.schedules.resume(s.name) : client.schedules.pause(s.name),
    onSuccess: refresh,
  });
  const rows = [...(schedules.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Schedules</h1>
          <p className="muted">
            Workflows started at the times a cron expression names, in a time zone.
          </p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="button primary"
            onClick={() => setEditing({ original: null })}
          >
            <Plus size={15} aria-hidden /> New schedule
          </button>
        </div>
      </div>
      {editing ? (
        <ScheduleEditor
          key={editing.original?.name ?? '(new)'}
          original={editing.original}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {toggle.error ? (
        <p className="error-text" role="alert">
          {errorLines(toggle.error).join(' ')}
        </p>
      ) : null}
      <div className="card">
        {schedules.isPending ? <p className="muted pad">Loading…</p> : null}
        {schedules.isError ? (
          <p className="error-text pad">Cannot reach the server: {schedules.error.message}</p>
        ) : null}
        {schedules.isSuccess && rows.length === 0 ? (
          <p className="muted pad">No schedules yet.</p>
        ) : null}
        {rows.length > 0 ? (
          <table className="table" aria-label="Schedules">
            <thead>
              <tr>
                <th>Name</th>
                <th>Workflow</th>
                <th>Cron</th>
                <th>Next due time</th>
                <th>State</th>
                <th aria-label="Pause, resume, edit or delete" />
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.name}>
                  <td className="strong">{s.name}</td>
                  <td>{s.startWorkflowRequest.name}</td>
                  <td className="mono">{s.cronExpression}</td>
                  <td className="mono small">
                    {s.paused
                      ? '–'
                      : typeof s.nextRunTime === 'number'
                        ? `${formatInZone(s.nextRunTime, s.zoneId)} ${s.zoneId ?? 'UTC'}`
                        : 'none left'}
                  </td>
                  <td>
                    {s.paused ? (
                      <Badge tone="paused" label="Paused" />
                    ) : (
                      <Badge tone="success" label="Active" />
                    )}
                    {s.paused && s.pausedReason ? (
                      <div className="small muted">{s.pausedReason}</div>
                    ) : null}
                  </td>
                  <td>
                    <div className="chips">
                      <button
                        type="button"
                        className="button ghost"
                        aria-label={`${s.paused ? 'Resume' : 'Pause'} ${s.name}`}
                        disabled={toggle.isPending}
                        onClick={() => toggle.mutate(s)}
                      >
                        {s.paused ? (
                          <>
                            <Play size={14} aria-hidden /> Resume
                          </>
                        ) : (
                          <>
                            <Pause size={14} aria-hidden /> Pause
                          </>
                        )}
                      </button>
                      <button
                        type="button"
                        className="button ghost"
                        aria-label={`Edit ${s.name}`}
                        onClick={() => setEditing({ original: s })}
                      >
                        <Pencil size={14} aria-hidden /> Edit
                      </button>
                      <button
                        type="button"
                        className="button ghost"
                        aria-label={`Delete ${s.name}`}
                        onClick={() => setDeleting(s.name)}
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
      <RecentStarts />
      {deleting !== null ? (
        <ConfirmDialog
          title={`Delete schedule ${deleting}?`}
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
          <p>Its due times will no longer start workflows, and its records go with it.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
