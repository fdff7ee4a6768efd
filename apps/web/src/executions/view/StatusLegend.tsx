import { statusLabel, type StatusTone } from '../model/status-style.js';

const ITEMS: Array<[StatusTone, string]> = [
  ['pending', 'NOT_SCHEDULED'],
  ['scheduled', 'SCHEDULED'],
  ['running', 'IN_PROGRESS'],
  ['success', 'COMPLETED'],
  ['failure', 'FAILED'],
  ['skipped', 'SKIPPED'],
  ['canceled', 'CANCELED'],
];

/** What the node colours mean. */
export function StatusLegend() {
  return (
    <ul className="status-legend" aria-label="Status colours">
      {ITEMS.map(([tone, status]) => (
        <li key={tone} className={`tone-${tone}`}>
          <span className="status-dot" aria-hidden /> {statusLabel(status)}
        </li>
      ))}
    </ul>
  );
}
