import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ExternalLink } from 'lucide-react';
import type { BatonClient, Workflow } from '@baton/client';
import { useBatonClient } from '../../app/providers.js';
import { StatusBadge } from '../shared/StatusBadge.js';

/** The input key an event handler's `start_workflow` sets to the message id (the EVENT task's id). */
export const MESSAGE_ID_KEY = 'conductor.event.messageId';

/**
 * The workflows an EVENT task's message started: a free-text search on the task id, kept only where
 * the input's `conductor.event.messageId` is that id (docs/conductor-compatibility.md#event-handlers).
 */
export async function workflowsStartedBy(client: BatonClient, taskId: string): Promise<Workflow[]> {
  const found = await client.workflows.searchV2({ freeText: taskId, size: 100 });
  return found.results.filter(
    (w) => (w.input as Record<string, unknown> | undefined)?.[MESSAGE_ID_KEY] === taskId,
  );
}

/** "Workflows started by this event" of an EVENT task; re-asks while none is found yet. */
export function EventStartedWorkflows({ taskId }: { taskId: string }) {
  const client = useBatonClient();
  const started = useQuery({
    queryKey: ['executions', 'event-started', taskId],
    queryFn: () => workflowsStartedBy(client, taskId),
    refetchInterval: (q) => (q.state.data?.length ? false : 3000),
  });
  return (
    <div className="inspector-section" aria-label="Workflows started by this event">
      <div className="subheading">Workflows started by this event</div>
      {started.isPending ? <p className="muted small">Searching…</p> : null}
      {started.isError ? (
        <p className="error-text small">Search failed: {started.error.message}</p>
      ) : null}
      {started.data?.length === 0 ? (
        <p className="muted small">None (yet): no handler has started a workflow for it.</p>
      ) : null}
      {started.data?.length ? (
        <ul className="event-started">
          {started.data.map((w) => (
            <li key={w.workflowId}>
              <Link to={`/executions/${encodeURIComponent(w.workflowId)}`} className="strong-link">
                <ExternalLink size={13} aria-hidden /> {w.workflowName}
              </Link>{' '}
              <StatusBadge status={w.status} />{' '}
              <span className="mono muted small">{w.workflowId}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
