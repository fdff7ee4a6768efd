import { Link } from 'react-router-dom';
import {
  ArrowUpLeft,
  Columns2,
  PenLine,
  Pause,
  Play,
  Repeat,
  RotateCcw,
  Search,
  Square,
} from 'lucide-react';
import { shortcutLabel } from '../../ui/platform.js';
import { failedTaskRef } from '../model/find-tasks.js';
import type { Workflow } from '@baton/client';
import { canApply, canRetry, type Operation } from '../model/operations.js';
import { formatDuration, formatTime } from '../model/format.js';
import { StatusBadge } from '../shared/StatusBadge.js';
import { useNow } from '../shared/useNow.js';

const OPS: Array<{
  type: 'pause' | 'resume' | 'retry' | 'restart' | 'terminate';
  label: string;
  icon: typeof Pause;
  title: string;
}> = [
  { type: 'pause', label: 'Pause', icon: Pause, title: 'Stop scheduling new tasks' },
  { type: 'resume', label: 'Resume', icon: Play, title: 'Continue a paused execution' },
  { type: 'retry', label: 'Retry', icon: RotateCcw, title: 'Re-run the failed tasks' },
  { type: 'restart', label: 'Restart', icon: Repeat, title: 'Start over from the first task' },
  { type: 'terminate', label: 'Terminate', icon: Square, title: 'End the execution now' },
];

/** Name, status, ids, times, the parent link and the execution-level operations. */
export function ExecutionHeader({
  workflow,
  onOperation,
  onGoToTask,
  onFind,
}: {
  workflow: Workflow;
  onOperation: (op: Operation) => void;
  /** Shows a task on the graph with its details (the failure banner's task). */
  onGoToTask: (ref: string) => void;
  /** Opens Find. */
  onFind: () => void;
}) {
  const failedRef = failedTaskRef(workflow.tasks ?? []);
  const now = useNow(1_000, !workflow.endTime);
  const end = workflow.endTime || now;
  return (
    <header className="exec-header">
      <div className="exec-title">
        <div className="exec-title-row">
          <Link
            to={`/workflows/${encodeURIComponent(workflow.workflowName)}/${workflow.workflowVersion}`}
            className="exec-name"
            title="Open the definition"
          >
            {workflow.workflowName}
          </Link>
          <span className="muted small">v{workflow.workflowVersion}</span>
          <StatusBadge status={workflow.status} />
        </div>
        <div className="exec-meta small muted">
          <span className="mono" data-testid="workflow-id">
            {workflow.workflowId}
          </span>
          {workflow.correlationId ? (
            <span>
              correlation <span className="mono">{workflow.correlationId}</span>
            </span>
          ) : null}
          <span>started {formatTime(workflow.startTime)}</span>
          <span>
            {workflow.endTime ? 'took' : 'running for'} {formatDuration(end - workflow.startTime)}
          </span>
          {workflow.parentWorkflowId ? (
            <Link
              to={`/executions/${encodeURIComponent(workflow.parentWorkflowId)}`}
              className="parent-link"
            >
              <ArrowUpLeft size={13} aria-hidden /> Parent execution
            </Link>
          ) : null}
        </div>
        {workflow.reasonForIncompletion || (failedRef && workflow.status !== 'RUNNING') ? (
          <p className="failure-reason small" data-testid="failure-reason">
            {failedRef ? (
              <>
                Failed at{' '}
                <button
                  type="button"
                  className="link-button mono"
                  title="Show this task"
                  onClick={() => onGoToTask(failedRef)}
                >
                  {failedRef}
                </button>
                {workflow.reasonForIncompletion ? ': ' : null}
              </>
            ) : null}
            {workflow.reasonForIncompletion}
          </p>
        ) : null}
      </div>
      <div className="toolbar-group exec-ops" role="toolbar" aria-label="Execution operations">
        <button
          type="button"
          className="button ghost"
          title={`Find a task (${shortcutLabel('Mod+F')})`}
          onClick={onFind}
        >
          <Search size={14} aria-hidden /> Find
        </button>
        <Link
          className="button"
          to={`/compare/runs?a=${encodeURIComponent(workflow.workflowId)}`}
          title="Compare this execution with another run of the workflow"
        >
          <Columns2 size={14} aria-hidden /> Compare with…
        </Link>
        {workflow.status !== 'RUNNING' && workflow.status !== 'PAUSED' ? (
          <Link
            className="button"
            to={`/executions/${encodeURIComponent(workflow.workflowId)}/debug`}
            title="The definition this run used, with its statuses, to fix and run again"
          >
            <PenLine size={14} aria-hidden /> Open in designer
          </Link>
        ) : null}
        {OPS.filter((o) =>
          // Only what the server would accept: a retry also needs a task it can retry.
          o.type === 'retry'
            ? canRetry(workflow.status, workflow.tasks ?? [])
            : canApply(o.type, workflow.status),
        ).map(({ type, label, icon: Icon, title }) => (
          <button
            key={type}
            type="button"
            className={`button${type === 'terminate' ? ' danger-outline' : ''}`}
            title={title}
            onClick={() => onOperation({ type })}
          >
            <Icon size={14} aria-hidden /> {label}
          </button>
        ))}
      </div>
    </header>
  );
}
