import { useId, useMemo, useState } from 'react';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { NodeAttempts } from '../model/iterations.js';
import { NOT_SCHEDULED, statusLabel, type NodeStatus } from '../model/status-style.js';
import { StatusBadge } from '../shared/StatusBadge.js';
import { StatusCountsLine } from '../../graph/nodes/StatusCounts.js';
import { countStatuses } from '../model/execution-graph.js';
import { filterBranches, BRANCH_PAGE_SIZE } from '../model/fork-branches.js';

/** Props of the branch list. */
export interface ForkBranchesProps {
  forkRef: string;
  /** The branches' first task refs, in fork order. */
  branchRefs: readonly string[];
  groups: ReadonlyMap<string, NodeAttempts>;
  onPick: (ref: string) => void;
}

/**
 * The branches of a dynamic fork drawn as one summary node: counts per status and a paged list
 * (50 a page) searchable by reference name and filtered by status; choosing a branch shows its
 * task's details.
 */
export function ForkBranches({ forkRef, branchRefs, groups, onPick }: ForkBranchesProps) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<NodeStatus | ''>('');
  const [page, setPage] = useState(0);
  const id = useId();
  const statusOf = (ref: string): NodeStatus => groups.get(ref)?.latest?.status ?? NOT_SCHEDULED;
  const counts = useMemo(() => countStatuses(branchRefs, groups), [branchRefs, groups]);
  const rows = useMemo(
    () =>
      filterBranches(
        branchRefs.map((ref) => ({ ref, status: statusOf(ref) })),
        query,
        status,
      ),
    // statusOf reads groups
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [branchRefs, groups, query, status],
  );
  const pages = Math.max(1, Math.ceil(rows.length / BRANCH_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * BRANCH_PAGE_SIZE, (current + 1) * BRANCH_PAGE_SIZE);
  const statuses = Object.keys(counts) as NodeStatus[];
  return (
    <section className="fork-branches" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="fork-branches-title">
        Branches of {forkRef}
      </h2>
      <p className="muted small">
        {branchRefs.length} branches <StatusCountsLine counts={counts} />
      </p>
      <div className="fork-branches-filters">
        <label className="field">
          <span>Search branches</span>
          <input
            type="search"
            aria-label="Search branches"
            value={query}
            placeholder="Reference name"
            onChange={(e) => {
              setQuery(e.target.value);
              setPage(0);
            }}
          />
        </label>
        <label className="field">
          <span>Status</span>
          <select
            aria-label="Branch status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as NodeStatus | '');
              setPage(0);
            }}
          >
            <option value="">Any</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)} ({counts[s]})
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul className="fork-branch-list" aria-label={`Branches of ${forkRef}`}>
        {shown.map((r) => (
          <li key={r.ref}>
            <button type="button" className="fork-branch" onClick={() => onPick(r.ref)}>
              <span className="mono">{r.ref}</span>
              <StatusBadge status={r.status} />
            </button>
          </li>
        ))}
      </ul>
      {rows.length === 0 ? <p className="muted small">No branch matches.</p> : null}
      <nav className="fork-branches-pager" aria-label="Branch pages">
        <button
          type="button"
          className="icon-button small"
          aria-label="Previous page"
          disabled={current === 0}
          onClick={() => setPage(current - 1)}
        >
          <ChevronLeft size={14} />
        </button>
        <span aria-live="polite">
          {rows.length === 0
            ? '0 of 0'
            : `${current * BRANCH_PAGE_SIZE + 1}–${current * BRANCH_PAGE_SIZE + shown.length} of ${rows.length}`}
        </span>
        <button
          type="button"
          className="icon-button small"
          aria-label="Next page"
          disabled={current >= pages - 1}
          onClick={() => setPage(current + 1)}
        >
          <ChevronRight size={14} />
        </button>
      </nav>
    </section>
  );
}
