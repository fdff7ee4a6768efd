import { memo } from 'react';
import { Link } from 'react-router-dom';
import type { WorkflowSummary } from '@baton/client';
import { StatusBadge } from '../shared/StatusBadge.js';
import { formatDuration, formatTime } from '../model/format.js';

/** Props of the executions table. */
export interface ExecutionsTableProps {
  rows: readonly WorkflowSummary[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[], on: boolean) => void;
  now: number;
}

function duration(row: WorkflowSummary, now: number): string {
  const start = Date.parse(row.startTime);
  if (!Number.isFinite(start)) return '–';
  const end = row.endTime ? Date.parse(row.endTime) : now;
  return formatDuration((Number.isFinite(end) ? end : now) - start);
}

const Row = memo(function Row({
  row,
  checked,
  onToggle,
  now,
}: {
  row: WorkflowSummary;
  checked: boolean;
  onToggle: (id: string) => void;
  now: number;
}) {
  return (
    <tr
      className={checked ? 'is-checked' : undefined}
      data-testid={`execution-row-${row.workflowId}`}
    >
      <td className="col-check">
        <input
          type="checkbox"
          checked={checked}
          onChange={() => onToggle(row.workflowId)}
          aria-label={`Select ${row.workflowId}`}
        />
      </td>
      <td>
        <Link className="strong-link" to={`/executions/${encodeURIComponent(row.workflowId)}`}>
          {row.workflowType}
        </Link>
        <span className="muted small"> v{row.version}</span>
        <div className="mono muted">{row.workflowId}</div>
        {row.parentWorkflowId ? (
          <div className="small" data-testid="child-of">
            child of{' '}
            <Link className="mono" to={`/executions/${encodeURIComponent(row.parentWorkflowId)}`}>
              {row.parentWorkflowId}
            </Link>
          </div>
        ) : null}
      </td>
      <td>
        <StatusBadge status={row.status} />
        {row.failedReferenceTaskNames && row.status !== 'COMPLETED' ? (
          <div className="small error-text">{row.failedReferenceTaskNames}</div>
        ) : null}
      </td>
      <td className="mono small">{row.correlationId || <span className="muted">–</span>}</td>
      <td className="small">{formatTime(row.startTime)}</td>
      <td className="small">{duration(row, now)}</td>
    </tr>
  );
});

/** The search results with a checkbox per row for bulk operations. */
export function ExecutionsTable({
  rows,
  selected,
  onToggle,
  onToggleAll,
  now,
}: ExecutionsTableProps) {
  const ids = rows.map((r) => r.workflowId);
  const allOn = ids.length > 0 && ids.every((id) => selected.has(id));
  return (
    <table className="table exec-table">
      <thead>
        <tr>
          <th className="col-check">
            <input
              type="checkbox"
              checked={allOn}
              onChange={() => onToggleAll(ids, !allOn)}
              aria-label="Select all on this page"
            />
          </th>
          <th>Workflow</th>
          <th>Status</th>
          <th>Correlation id</th>
          <th>Started</th>
          <th>Duration</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Row
            key={r.workflowId}
            row={r}
            checked={selected.has(r.workflowId)}
            onToggle={onToggle}
            now={now}
          />
        ))}
      </tbody>
    </table>
  );
}
