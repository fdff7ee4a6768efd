import { statusLabel, statusTone } from '../model/status-style.js';

/** A coloured pill with a status; the tone class matches the graph's node colours. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`status-badge tone-${statusTone(status)}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
