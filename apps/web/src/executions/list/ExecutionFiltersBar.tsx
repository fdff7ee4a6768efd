import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Search, X } from 'lucide-react';
import type { WorkflowStatus } from '@baton/client';
import { useBatonClient } from '../../app/providers.js';
import { workflowDefsQuery } from '../../api/queries.js';
import { SORTS, type ExecutionFilters } from '../model/search-query.js';
import { statusLabel, statusTone } from '../model/status-style.js';

const STATUSES: WorkflowStatus[] = [
  'RUNNING',
  'PAUSED',
  'COMPLETED',
  'FAILED',
  'TIMED_OUT',
  'TERMINATED',
];
const SORT_LABELS: Record<string, string> = {
  'startTime:DESC': 'Newest first',
  'startTime:ASC': 'Oldest first',
  'endTime:DESC': 'Recently ended',
  'workflowType:ASC': 'Workflow name',
  'status:ASC': 'Status',
};

const toLocal = (ms?: number) => {
  if (ms === undefined) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};
const fromLocal = (v: string) => (v ? new Date(v).getTime() : undefined);

type DebouncedInputProps = {
  value: string;
  onCommit: (v: string) => void;
  placeholder: string;
  'aria-label': string;
};

/** A text input that applies its value after typing pauses (or on Enter); restarts when `value` changes. */
function DebouncedInput(props: DebouncedInputProps) {
  return <DraftInput key={props.value} {...props} />;
}

function DraftInput({ value, onCommit, ...rest }: DebouncedInputProps) {
  const [draft, setDraft] = useState(value);
  useEffect(() => {
    if (draft === value) return;
    const t = setTimeout(() => onCommit(draft), 400);
    return () => clearTimeout(t);
  }, [draft, value, onCommit]);
  return (
    <input
      {...rest}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && onCommit(draft)}
    />
  );
}

/** Workflow, status, time range, correlation id, free text and sort of the executions list. */
export function ExecutionFiltersBar({
  filters,
  onChange,
}: {
  filters: ExecutionFilters;
  onChange: (patch: Partial<ExecutionFilters>) => void;
}) {
  const client = useBatonClient();
  const defs = useQuery(workflowDefsQuery(client));
  const names = [...new Set((defs.data ?? []).map((d) => d.name))].sort();
  const toggleStatus = (s: WorkflowStatus) =>
    onChange({
      statuses: filters.statuses.includes(s)
        ? filters.statuses.filter((x) => x !== s)
        : [...filters.statuses, s],
    });
  const active =
    filters.workflowTypes.length + filters.statuses.length > 0 ||
    filters.from !== undefined ||
    filters.to !== undefined ||
    !!filters.correlationId ||
    !!filters.freeText;
  return (
    <section className="exec-filters card" aria-label="Filters">
      <div className="exec-filter-row">
        <label className="search-field exec-free-text">
          <Search size={15} aria-hidden />
          <DebouncedInput
            aria-label="Search executions"
            placeholder="Search ids, input, output…"
            value={filters.freeText ?? ''}
            onCommit={(v) => onChange({ freeText: v.trim() || undefined })}
          />
        </label>
        <select
          aria-label="Workflow"
          className="exec-select"
          value={filters.workflowTypes[0] ?? ''}
          onChange={(e) => onChange({ workflowTypes: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">All workflows</option>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <DebouncedInput
          aria-label="Correlation id"
          placeholder="Correlation id"
          value={filters.correlationId ?? ''}
          onCommit={(v) => onChange({ correlationId: v.trim() || undefined })}
        />
        <select
          aria-label="Sort"
          className="exec-select"
          value={filters.sort}
          onChange={(e) => onChange({ sort: e.target.value })}
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="exec-filter-row">
        <div className="status-toggles" role="group" aria-label="Status">
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              className={`status-toggle tone-${statusTone(s)}${filters.statuses.includes(s) ? ' is-on' : ''}`}
              aria-pressed={filters.statuses.includes(s)}
              onClick={() => toggleStatus(s)}
            >
              {statusLabel(s)}
            </button>
          ))}
        </div>
        <label className="exec-time">
          <span className="muted small">Started after</span>
          <input
            type="datetime-local"
            aria-label="Started after"
            value={toLocal(filters.from)}
            onChange={(e) => onChange({ from: fromLocal(e.target.value) })}
          />
        </label>
        <label className="exec-time">
          <span className="muted small">before</span>
          <input
            type="datetime-local"
            aria-label="Started before"
            value={toLocal(filters.to)}
            onChange={(e) => onChange({ to: fromLocal(e.target.value) })}
          />
        </label>
        {active ? (
          <button
            type="button"
            className="button ghost"
            onClick={() =>
              onChange({
                workflowTypes: [],
                statuses: [],
                from: undefined,
                to: undefined,
                correlationId: undefined,
                freeText: undefined,
              })
            }
          >
            <X size={14} aria-hidden /> Clear
          </button>
        ) : null}
      </div>
    </section>
  );
}
