import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { CheckCircle2, ExternalLink, FastForward, RotateCcw, XCircle } from 'lucide-react';
import type { Task, WorkflowStatus, WorkflowTask } from '@baton/client';
import { useBatonClient } from '../../app/providers.js';
import { taskLogsQuery } from '../api/queries.js';
import type { NodeAttempts } from '../model/iterations.js';
import { canApply, type Operation } from '../model/operations.js';
import { formatDuration, formatTime } from '../model/format.js';
import { NOT_SCHEDULED } from '../model/status-style.js';
import { JsonView } from '../shared/JsonView.js';
import { StatusBadge } from '../shared/StatusBadge.js';
import { EventStartedWorkflows } from './EventStartedWorkflows.js';

/** Props of the task details panel. */
export interface TaskDetailsProps {
  ref_: string;
  node: WorkflowTask | undefined;
  group: NodeAttempts | undefined;
  workflowStatus: WorkflowStatus;
  onOperation: (op: Operation) => void;
}

function Times({ task }: { task: Task }) {
  const wait = task.startTime && task.scheduledTime ? task.startTime - task.scheduledTime : NaN;
  const ran = task.endTime && task.startTime ? task.endTime - task.startTime : NaN;
  const rows: Array<[string, string]> = [
    ['Scheduled', formatTime(task.scheduledTime)],
    ['Started', formatTime(task.startTime)],
    ['Ended', formatTime(task.endTime)],
    ['Queue wait', formatDuration(wait)],
    ['Ran for', formatDuration(ran)],
    ['Worker', task.workerId || '–'],
    ['Poll count', String(task.pollCount)],
    ['Attempt', `${task.retryCount + 1}${task.iteration ? ` · iteration ${task.iteration}` : ''}`],
    ['Task id', task.taskId],
  ];
  return (
    <dl className="detail-grid">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd className={k === 'Task id' || k === 'Worker' ? 'mono' : undefined}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Logs({ taskId }: { taskId: string }) {
  const client = useBatonClient();
  const logs = useQuery(taskLogsQuery(client, taskId));
  if (logs.isPending) return <p className="muted small">Loading logs…</p>;
  if (logs.isError)
    return <p className="error-text small">Logs unavailable: {logs.error.message}</p>;
  if (logs.data.length === 0) return <p className="muted small">No log lines.</p>;
  return (
    <ol className="task-logs">
      {logs.data.map((l, i) => (
        <li key={i}>
          <span className="muted mono">{formatTime(l.createdTime).slice(11)}</span> {l.log}
        </li>
      ))}
    </ol>
  );
}

const isEnded = (status: string) =>
  status !== 'SCHEDULED' && status !== 'IN_PROGRESS' && status !== 'COMPLETED';

type Tab = 'summary' | 'input' | 'output' | 'logs';

/** Everything about one task node: status, times, worker, payloads, logs, attempts and its actions. */
export function TaskDetails({ ref_, node, group, workflowStatus, onOperation }: TaskDetailsProps) {
  const [tab, setTab] = useState<Tab>('summary');
  const [attemptIndex, setAttemptIndex] = useState<number | null>(null);
  const attempts = group?.attempts ?? [];
  const task = (attemptIndex !== null ? attempts[attemptIndex] : undefined) ?? group?.latest;
  const type = node?.type ?? task?.workflowTask?.type ?? 'SIMPLE';
  const info = { type, status: group?.latest.status, exists: group !== undefined };
  const actions: Array<{ op: Operation; label: string; icon: typeof RotateCcw }> = [];
  if (canApply('rerun', workflowStatus, info))
    actions.push({ op: { type: 'rerun', ref: ref_ }, label: 'Rerun from here', icon: RotateCcw });
  if (canApply('skip', workflowStatus, info))
    actions.push({ op: { type: 'skip', ref: ref_ }, label: 'Skip', icon: FastForward });
  if (canApply('complete', workflowStatus, info))
    actions.push({ op: { type: 'complete', ref: ref_ }, label: 'Complete', icon: CheckCircle2 });
  if (canApply('fail', workflowStatus, info))
    actions.push({ op: { type: 'fail', ref: ref_ }, label: 'Fail', icon: XCircle });
  return (
    <section className="inspector task-details" aria-label={`Task ${ref_}`}>
      <div className="inspector-head">
        <div>
          <div className="inspector-title">{node?.name ?? task?.taskDefName ?? ref_}</div>
          <div className="mono muted small">
            {ref_} · {type}
          </div>
        </div>
        <div className="inspector-head-actions">
          <StatusBadge status={task?.status ?? NOT_SCHEDULED} />
        </div>
      </div>
      {actions.length ? (
        <div className="task-actions">
          {actions.map(({ op, label, icon: Icon }) => (
            <button key={op.type} type="button" className="button" onClick={() => onOperation(op)}>
              <Icon size={14} aria-hidden /> {label}
            </button>
          ))}
        </div>
      ) : null}
      {task?.subWorkflowId ? (
        <p className="inspector-section">
          <Link
            to={`/executions/${encodeURIComponent(task.subWorkflowId)}`}
            className="strong-link"
          >
            <ExternalLink size={13} aria-hidden /> Open child execution
          </Link>{' '}
          <span className="mono muted small">{task.subWorkflowId}</span>
        </p>
      ) : null}
      {task && type === 'EVENT' ? <EventStartedWorkflows taskId={task.taskId} /> : null}
      {!task ? (
        <p className="inspector-empty muted">
          This task has not been scheduled{workflowStatus === 'RUNNING' ? ' yet' : ''}.
        </p>
      ) : (
        <>
          {task.reasonForIncompletion && isEnded(task.status) ? (
            <p className="failure-reason" role="note">
              <strong>Reason: </strong>
              {task.reasonForIncompletion}
            </p>
          ) : null}
          {attempts.length > 1 ? (
            <div className="attempts" role="group" aria-label="Attempts">
              {attempts.map((a, i) => (
                <button
                  key={a.taskId}
                  type="button"
                  className={`attempt-chip tone-chip${a === task ? ' is-current' : ''}`}
                  aria-pressed={a === task}
                  onClick={() => setAttemptIndex(i)}
                >
                  #{i + 1} <StatusBadge status={a.status} />
                </button>
              ))}
            </div>
          ) : null}
          <div className="tabs" role="tablist">
            {(['summary', 'input', 'output', 'logs'] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                className={tab === t ? 'is-active' : undefined}
                onClick={() => setTab(t)}
              >
                {t[0]!.toUpperCase() + t.slice(1)}
              </button>
            ))}
          </div>
          <div className="inspector-section" role="tabpanel">
            {tab === 'summary' ? <Times task={task} /> : null}
            {tab === 'input' ? <JsonView value={task.inputData} label="Input" /> : null}
            {tab === 'output' ? <JsonView value={task.outputData} label="Output" /> : null}
            {tab === 'logs' ? <Logs taskId={task.taskId} /> : null}
          </div>
        </>
      )}
    </section>
  );
}
