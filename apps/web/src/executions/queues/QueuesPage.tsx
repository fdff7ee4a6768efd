import { useMemo, useState, useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { RefreshCw } from 'lucide-react';
import { useBatonClient } from '../../app/providers.js';
import { executionKeys, pollDataQuery, queueSizesQuery } from '../api/queries.js';
import { formatAgo, formatTime } from '../model/format.js';
import { PageSpinner } from '../../ui/PageSpinner.js';
import '../executions.css';

/** `/queues`: pending tasks per task type and which workers polled each queue, and when. */
export default function QueuesPage() {
  const client = useBatonClient();
  const qc = useQueryClient();
  const sizes = useQuery(queueSizesQuery(client));
  const polls = useQuery(pollDataQuery(client));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(t);
  }, []);
  // Task events move the queues: re-read at most once a second while they arrive (no polling loop).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = client.events.subscribe({}, (e) => {
      if (e.type !== 'task') return;
      timer ??= setTimeout(() => {
        timer = undefined;
        void qc.invalidateQueries({ queryKey: executionKeys.queues });
        void qc.invalidateQueries({ queryKey: executionKeys.pollData });
      }, 1_000);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, qc]);
  const rows = useMemo(() => {
    const names = new Set([
      ...Object.keys(sizes.data ?? {}),
      ...(polls.data ?? []).map((p) => p.queueName),
    ]);
    return [...names].sort().map((queue) => ({
      queue,
      size: sizes.data?.[queue] ?? 0,
      workers: (polls.data ?? [])
        .filter((p) => p.queueName === queue)
        .sort((a, b) => b.lastPollTime - a.lastPollTime),
    }));
  }, [sizes.data, polls.data]);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Task queues</h1>
          <p className="muted">Pending tasks per task type, and the workers that poll them.</p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              void sizes.refetch();
              void polls.refetch();
            }}
          >
            <RefreshCw size={14} aria-hidden /> Refresh
          </button>
        </div>
      </div>
      <div className="card">
        {sizes.isPending || polls.isPending ? (
          <PageSpinner />
        ) : sizes.isError ? (
          <p className="pad error-text">Could not read the queues: {sizes.error.message}</p>
        ) : rows.length === 0 ? (
          <p className="pad muted">No queue has been used yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Task type</th>
                <th>Pending</th>
                <th>Workers (last poll)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.queue} data-testid={`queue-${r.queue}`}>
                  <td className="mono">{r.queue}</td>
                  <td>
                    <span className={`queue-size${r.size > 0 ? ' has-pending' : ''}`}>
                      {r.size}
                    </span>
                  </td>
                  <td>
                    {r.workers.length === 0 ? (
                      <span className="muted small">never polled</span>
                    ) : (
                      <ul className="worker-list">
                        {r.workers.map((w) => (
                          <li key={`${w.workerId}-${w.domain ?? ''}`}>
                            <span className="mono">{w.workerId}</span>
                            {w.domain ? (
                              <span className="muted small"> ({w.domain})</span>
                            ) : null}{' '}
                            <span className="muted small" title={formatTime(w.lastPollTime)}>
                              {formatAgo(w.lastPollTime, now)}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
