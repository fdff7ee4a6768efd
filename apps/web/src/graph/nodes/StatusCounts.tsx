import { statusLabel, statusTone } from '../../executions/model/status-style.js';
import type { NodeStatus } from '../../executions/model/status-style.js';

/** Tasks per status, most frequent first. */
export type StatusCounts = Readonly<Partial<Record<NodeStatus, number>>>;

/** A line of status chips ("● 980 ● 20"), each named in full for screen readers and on hover. */
export function StatusCountsLine({ counts }: { counts: StatusCounts }) {
  const entries = (Object.entries(counts) as Array<[NodeStatus, number]>)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const text = entries.map(([s, n]) => `${n} ${statusLabel(s).toLowerCase()}`).join(', ');
  return (
    <span className="status-counts" role="img" aria-label={text} title={text}>
      {entries.map(([s, n]) => (
        <span key={s} className={`status-count tone-${statusTone(s)}`} data-status={s}>
          <span className="status-dot" aria-hidden />
          {n}
        </span>
      ))}
    </span>
  );
}
