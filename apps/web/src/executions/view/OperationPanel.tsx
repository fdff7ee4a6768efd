import { lazy, Suspense, useState } from 'react';
import type { Task } from '@baton/client';
import type { Operation } from '../model/operations.js';
import type { OperationRequest } from '../api/mutations.js';

const MonacoJson = lazy(() => import('../shared/MonacoJson.js'));

const TITLES: Record<Operation['type'], string> = {
  pause: 'Pause this execution?',
  resume: 'Resume this execution?',
  terminate: 'Terminate this execution?',
  restart: 'Restart from the first task?',
  retry: 'Retry the failed tasks?',
  rerun: 'Rerun from this task?',
  skip: 'Skip this task?',
  complete: 'Complete this task?',
  fail: 'Fail this task?',
};

const CONFIRM: Record<Operation['type'], string> = {
  pause: 'Pause',
  resume: 'Resume',
  terminate: 'Terminate',
  restart: 'Restart',
  retry: 'Retry',
  rerun: 'Rerun',
  skip: 'Skip',
  complete: 'Complete task',
  fail: 'Fail task',
};

const EXPLAIN: Record<Operation['type'], string> = {
  pause: 'Running tasks finish, but nothing new is scheduled until you resume.',
  resume: 'Whatever became due while paused is scheduled now.',
  terminate: 'The highlighted tasks are canceled and the execution ends as TERMINATED.',
  restart: 'All task rows are deleted and the highlighted tasks run again with the same input.',
  retry: 'The highlighted failed tasks get a new attempt, then the flow continues.',
  rerun:
    'The highlighted tasks run again; rows after this task are deleted. You may edit its input.',
  skip: 'When the flow reaches this task it is passed over, with the output below.',
  complete: 'The task completes with the output below and the flow continues.',
  fail: 'The task fails with the output below; retries and the failure policy apply.',
};

/** Props of the operation panel. */
export interface OperationPanelProps {
  op: Operation;
  affectedCount: number;
  task: Task | undefined;
  busy: boolean;
  error: string | null;
  /** Retry: whether a failed sub-workflow could be retried inside (else the choice is not offered). */
  subWorkflowRetry?: boolean;
  onConfirm: (request: OperationRequest) => void;
  onCancel: () => void;
}

function parseObject(text: string): Record<string, unknown> | string {
  try {
    const v: unknown = JSON.parse(text || '{}');
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : 'Enter a JSON object.';
  } catch (e) {
    return `Invalid JSON: ${(e as Error).message}`;
  }
}

/**
 * Confirms an operation while the graph, behind it, highlights the nodes it will touch. Holds the
 * operation's inputs (reason, latest definition, edited input or output).
 */
export function OperationPanel({
  op,
  affectedCount,
  task,
  busy,
  error,
  subWorkflowRetry = false,
  onConfirm,
  onCancel,
}: OperationPanelProps) {
  const [reason, setReason] = useState('');
  const [flag, setFlag] = useState(false);
  const [json, setJson] = useState(() =>
    op.type === 'rerun' ? JSON.stringify(task?.inputData ?? {}, null, 2) : '{}',
  );
  const needsJson =
    op.type === 'rerun' || op.type === 'skip' || op.type === 'complete' || op.type === 'fail';
  const parsed = needsJson ? parseObject(json) : {};
  const confirm = () => {
    if (typeof parsed === 'string') return;
    switch (op.type) {
      case 'pause':
      case 'resume':
        return onConfirm({ type: op.type });
      case 'terminate':
        return onConfirm({ type: 'terminate', ...(reason ? { reason } : {}) });
      case 'restart':
        return onConfirm({ type: 'restart', useLatestDefinitions: flag });
      case 'retry':
        return onConfirm({ type: 'retry', resumeSubworkflowTasks: subWorkflowRetry && flag });
      case 'rerun':
        if (task) onConfirm({ type: 'rerun', task, taskInput: parsed });
        return;
      case 'skip':
        return onConfirm({ type: 'skip', ref: op.ref, taskOutput: parsed });
      case 'complete':
        return onConfirm({ type: 'complete', ref: op.ref, output: parsed });
      case 'fail':
        return onConfirm({
          type: 'fail',
          ref: op.ref,
          output: parsed,
          ...(reason ? { reason } : {}),
        });
    }
  };
  const danger = op.type === 'terminate' || op.type === 'fail';
  return (
    <div
      className="op-panel"
      role="dialog"
      aria-labelledby="op-title"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2 id="op-title">{TITLES[op.type]}</h2>
      <p className="small">
        {EXPLAIN[op.type]}{' '}
        {affectedCount > 0 ? (
          <strong>
            {affectedCount} node{affectedCount === 1 ? '' : 's'} highlighted on the graph.
          </strong>
        ) : null}
      </p>
      {op.type === 'terminate' || op.type === 'fail' ? (
        <div className="field">
          <label htmlFor="op-reason">Reason</label>
          <input
            id="op-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Shown as the reason for incompletion"
          />
        </div>
      ) : null}
      {op.type === 'restart' ? (
        <label className="check-field">
          <input type="checkbox" checked={flag} onChange={(e) => setFlag(e.target.checked)} /> Use
          the latest definition
        </label>
      ) : null}
      {op.type === 'retry' && subWorkflowRetry ? (
        <label className="check-field">
          <input type="checkbox" checked={flag} onChange={(e) => setFlag(e.target.checked)} /> Retry
          inside the failed sub-workflow instead
        </label>
      ) : null}
      {needsJson ? (
        <div className="field">
          <label>{op.type === 'rerun' ? 'Task input' : 'Task output'}</label>
          <div className="code-box">
            <Suspense
              fallback={
                <textarea
                  aria-label="JSON"
                  value={json}
                  onChange={(e) => setJson(e.target.value)}
                  rows={6}
                />
              }
            >
              <MonacoJson
                value={json}
                onChange={setJson}
                ariaLabel={op.type === 'rerun' ? 'Task input' : 'Task output'}
                height={150}
              />
            </Suspense>
          </div>
          {typeof parsed === 'string' ? <p className="error-text small">{parsed}</p> : null}
        </div>
      ) : null}
      {error ? (
        <p className="error-text small" role="alert">
          {error}
        </p>
      ) : null}
      <div className="op-panel-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className={`button ${danger ? 'danger' : 'primary'}`}
          disabled={busy || typeof parsed === 'string'}
          onClick={confirm}
          autoFocus
        >
          {busy ? 'Working…' : CONFIRM[op.type]}
        </button>
      </div>
    </div>
  );
}
