import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pause, Play } from 'lucide-react';
import type { WorkflowSchedule } from '@baton/client';
import { useBatonClient } from '../app/providers.js';
import '../executions/executions.css';
import { DefinitionListPage } from '../ui/definition-list/DefinitionListPage.js';
import { errorLines } from '../ui/definition-list/error-lines.js';
import {
  CheckField,
  JsonDefinitionEditor,
  TextField,
  useJsonDefinitionDraft,
} from '../ui/definition-list/JsonDefinitionEditor.js';
import {
  formatInZone,
  newScheduleText,
  parseSchedule,
  scheduleFields,
  toText,
  withScheduleField,
  type ScheduleField,
} from './schedule-text.js';

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

/** The schedule editor: a small form over the full JSON in Monaco, with the next due times. */
function ScheduleEditor({
  original,
  onDone,
}: {
  /** The stored schedule being edited, or null for a new one. */
  original: WorkflowSchedule | null;
  onDone: () => void;
}) {
  const client = useBatonClient();
  const draft = useJsonDefinitionDraft({
    noun: 'schedule',
    original,
    toText,
    newText: newScheduleText,
    parse: parseSchedule,
    save: (schedule: WorkflowSchedule) => client.schedules.save(schedule),
    listKey: schedulesKey,
    onDone,
  });
  const fields = draft.parsed.ok ? scheduleFields(draft.parsed.value) : null;
  const set = (field: ScheduleField, value: string | boolean) =>
    draft.setText((t) => withScheduleField(t, field, value));
  const input = (
    id: string,
    label: string,
    field: Exclude<ScheduleField, 'runCatchupScheduleInstances'>,
    placeholder?: string,
  ) => (
    <TextField
      id={id}
      label={label}
      value={fields ? fields[field] : null}
      readOnly={field === 'name' && original !== null}
      placeholder={placeholder}
      onChange={(value) => set(field, value)}
    />
  );
  return (
    <JsonDefinitionEditor
      noun="schedule"
      editing={original?.name ?? null}
      newTitle="New schedule"
      jsonHeight={280}
      draft={draft}
      onCancel={onDone}
    >
      {input('sc-name', 'Name', 'name')}
      {input('sc-workflow', 'Workflow', 'workflowName', 'registered workflow name')}
      {input(
        'sc-cron',
        'Cron (sec min hour day month weekday)',
        'cronExpression',
        '0 0 9 * * MON-FRI',
      )}
      {input('sc-zone', 'Time zone', 'zoneId', 'UTC, Europe/Paris…')}
      <CheckField
        label="Catch up missed due times"
        checked={fields ? fields.runCatchupScheduleInstances : null}
        onChange={(checked) => set('runCatchupScheduleInstances', checked)}
      />
      <NextTimes cron={fields?.cronExpression ?? ''} zone={fields?.zoneId ?? ''} />
    </JsonDefinitionEditor>
  );
}

/** The next due time of a schedule on its zone's wall clock; a dash while paused. */
function nextDueTime(s: WorkflowSchedule): string {
  if (s.paused) return '–';
  return typeof s.nextRunTime === 'number'
    ? `${formatInZone(s.nextRunTime, s.zoneId)} ${s.zoneId ?? 'UTC'}`
    : 'none left';
}

/** Paused (with the reason) or Active. */
function ScheduleState({ schedule: s }: { schedule: WorkflowSchedule }) {
  return (
    <>
      {s.paused ? <Badge tone="paused" label="Paused" /> : <Badge tone="success" label="Active" />}
      {s.paused && s.pausedReason ? <div className="small muted">{s.pausedReason}</div> : null}
    </>
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
  const refresh = () => void qc.invalidateQueries({ queryKey: schedulesKey });
  const remove = useMutation({
    mutationFn: (name: string) => client.schedules.remove(name),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: (s: WorkflowSchedule) =>
      s.paused ? client.schedules.resume(s.name) : client.schedules.pause(s.name),
    onSuccess: refresh,
  });
  return (
    <DefinitionListPage
      title="Schedules"
      description="Workflows started at the times a cron expression names, in a time zone."
      newLabel="New schedule"
      list={schedules}
      rows={schedules.data ?? []}
      emptyText="No schedules yet."
      tableLabel="Schedules"
      columns={[
        { header: 'Name', className: 'strong', cell: (s) => s.name },
        { header: 'Workflow', cell: (s) => s.startWorkflowRequest.name },
        { header: 'Cron', className: 'mono', cell: (s) => s.cronExpression },
        { header: 'Next due time', className: 'mono small', cell: nextDueTime },
        { header: 'State', cell: (s) => <ScheduleState schedule={s} /> },
      ]}
      actionsLabel="Pause, resume, edit or delete"
      rowActions={(s) => (
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
      )}
      renderEditor={(original, onDone) => <ScheduleEditor original={original} onDone={onDone} />}
      remove={remove}
      deleteTitle={(name) => `Delete schedule ${name}?`}
      deleteBody={() => (
        <p>Its due times will no longer start workflows, and its records go with it.</p>
      )}
      beforeList={
        toggle.error ? (
          <p className="error-text" role="alert">
            {errorLines(toggle.error).join(' ')}
          </p>
        ) : null
      }
      afterList={<RecentStarts />}
    />
  );
}
