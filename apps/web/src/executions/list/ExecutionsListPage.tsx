import { useCallback, useState } from 'react';
import { useNow } from '../shared/useNow.js';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ChevronLeft, ChevronRight, Play } from 'lucide-react';
import { useBatonClient } from '../../app/providers.js';
import { executionSearchQuery } from '../api/queries.js';
import { useLiveList } from '../api/useLiveList.js';
import { toSearchParams } from '../model/search-query.js';
import { PageSpinner } from '../../ui/PageSpinner.js';
import { useFilters } from './useFilters.js';
import { ExecutionFiltersBar } from './ExecutionFiltersBar.js';
import { ExecutionsTable } from './ExecutionsTable.js';
import { BulkActions } from './BulkActions.js';
import '../executions.css';

/** `/executions`: search, filter, page and bulk-operate executions; statuses update live. */
export default function ExecutionsListPage() {
  const client = useBatonClient();
  const [filters, update] = useFilters();
  const search = useQuery(executionSearchQuery(client, toSearchParams(filters)));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const now = useNow(5_000);
  useLiveList();
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const toggleAll = useCallback(
    (ids: string[], on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        for (const id of ids)
          if (on) next.add(id);
          else next.delete(id);
        return next;
      }),
    [],
  );
  const total = search.data?.totalHits ?? 0;
  const rows = search.data?.results ?? [];
  const first = filters.page * filters.size;
  return (
    <div className="page page-wide">
      <div className="page-head">
        <div>
          <h1>Executions</h1>
          <p className="muted">Every run of every workflow. Statuses update live.</p>
        </div>
        <div className="page-actions">
          <Link className="button" to="/queues">
            Task queues
          </Link>
          <Link className="button primary" to="/executions/run">
            <Play size={15} aria-hidden /> Run a workflow
          </Link>
        </div>
      </div>
      <ExecutionFiltersBar filters={filters} onChange={update} />
      {selected.size > 0 ? (
        <BulkActions ids={[...selected]} onDone={() => setSelected(new Set())} />
      ) : null}
      <div className="card">
        {search.isPending ? (
          <PageSpinner label="Searching…" />
        ) : search.isError ? (
          <p className="pad error-text" role="alert">
            Search failed: {search.error.message}
          </p>
        ) : rows.length === 0 ? (
          <div className="empty-state small-empty">
            <p>No executions match.</p>
            <Link to="/executions/run">Run a workflow</Link>
          </div>
        ) : (
          <ExecutionsTable
            rows={rows}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
            now={now}
          />
        )}
      </div>
      <nav className="pager" aria-label="Pages">
        <span className="muted small" aria-live="polite">
          {total === 0
            ? 'No results'
            : `${first + 1}–${Math.min(first + filters.size, total)} of ${total}`}
          {search.isFetching && !search.isPending ? ' · updating…' : ''}
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label="Previous page"
          disabled={filters.page === 0}
          onClick={() => update({ page: filters.page - 1 })}
        >
          <ChevronLeft size={16} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Next page"
          disabled={first + filters.size >= total}
          onClick={() => update({ page: filters.page + 1 })}
        >
          <ChevronRight size={16} />
        </button>
      </nav>
    </div>
  );
}
