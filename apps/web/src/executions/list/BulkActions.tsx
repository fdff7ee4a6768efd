import { useState } from 'react';
import { Pause, Play, RotateCcw, Square, Repeat } from 'lucide-react';
import { useBulkOperation, type BulkOperation } from '../api/mutations.js';
import { ConfirmDialog } from '../shared/ConfirmDialog.js';

const LABELS: Record<BulkOperation, { verb: string; explain: string }> = {
  pause: { verb: 'Pause', explain: 'Running executions stop scheduling new tasks until resumed.' },
  resume: { verb: 'Resume', explain: 'Paused executions continue from where they stopped.' },
  terminate: {
    verb: 'Terminate',
    explain: 'Pending tasks are canceled; the executions end as TERMINATED.',
  },
  retry: { verb: 'Retry', explain: 'Failed executions re-run their failed tasks.' },
  restart: {
    verb: 'Restart',
    explain: 'Ended executions start over from the first task, with the same input.',
  },
};
const ICONS = { pause: Pause, resume: Play, terminate: Square, retry: RotateCcw, restart: Repeat };

/** The bar over the list when executions are selected: bulk operations, each confirmed with a count. */
export function BulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const [pending, setPending] = useState<BulkOperation | null>(null);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const bulk = useBulkOperation();
  const n = ids.length;
  const noun = `${n} execution${n === 1 ? '' : 's'}`;
  const confirm = () => {
    if (!pending) return;
    bulk.mutate(
      { op: pending, ids, ...(reason ? { reason } : {}) },
      {
        onSuccess: (res) => {
          const failed = Object.entries(res.bulkErrorResults);
          setOutcome(
            `${LABELS[pending].verb}: ${res.bulkSuccessfulResults.length} done` +
              (failed.length
                ? `, ${failed.length} failed (${failed
                    .slice(0, 3)
                    .map(([id, m]) => `${id.slice(0, 8)}: ${m}`)
                    .join('; ')})`
                : ''),
          );
          setPending(null);
          setReason('');
          onDone();
        },
      },
    );
  };
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Bulk operations">
      <strong>{noun} selected</strong>
      {(Object.keys(LABELS) as BulkOperation[]).map((op) => {
        const Icon = ICONS[op];
        return (
          <button
            key={op}
            type="button"
            className={`button${op === 'terminate' ? ' danger-outline' : ''}`}
            disabled={n === 0}
            onClick={() => setPending(op)}
          >
            <Icon size={14} aria-hidden /> {LABELS[op].verb}
          </button>
        );
      })}
      {outcome ? (
        <span className="muted small" role="status">
          {outcome}
        </span>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={`${LABELS[pending].verb} ${noun}?`}
          confirmLabel={`${LABELS[pending].verb} ${noun}`}
          danger={pending === 'terminate'}
          busy={bulk.isPending}
          error={bulk.error ? bulk.error.message : null}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        >
          <p>
            This touches <strong>{noun}</strong>. {LABELS[pending].explain} Executions in a state
            that does not allow it are reported and left as they are.
          </p>
          {pending === 'terminate' ? (
            <div className="field">
              <label htmlFor="bulk-reason">Reason</label>
              <input
                id="bulk-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="Why they are terminated"
              />
            </div>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
