/**
 * Two versions of a definition (`/compare/versions/:name?a=<older>&b=<newer>`): one canvas with
 * the added, removed and changed tasks coloured, and the JSON diff beside it. The canvas draws the
 * newer version (added and changed tasks); "Show removed tasks" draws the older one, where the
 * removed tasks are.
 * @module
 */
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { WorkflowDef } from '@baton/engine';
import { useBatonClient } from '../app/providers.js';
import { groupVersions, workflowDefQuery, workflowDefsQuery } from '../api/queries.js';
import { PageSpinner } from '../ui/PageSpinner.js';
import type { NodeMark } from '../designer/model/def-to-graph.js';
import { versionDiff, type TaskChange, type VersionDiff } from './model/version-diff.js';
import { ReadonlyCanvas } from './ReadonlyCanvas.js';
import './debug.css';

const JsonDiff = lazy(() => import('../ui/JsonDiff.js'));

const LABELS: Record<TaskChange, string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

/** Marks for the canvas of one side: the newer shows added and changed, the older removed and changed. */
export function versionMarks(diff: VersionDiff, side: 'older' | 'newer'): Map<string, NodeMark> {
  const marks = new Map<string, NodeMark>();
  for (const [ref, change] of diff.byRef) {
    if (change === (side === 'newer' ? 'removed' : 'added')) continue;
    marks.set(ref, { tone: change, label: LABELS[change] });
  }
  return marks;
}

/** Route component. */
export default function CompareVersionsPage() {
  const { name = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const client = useBatonClient();
  const all = useQuery(workflowDefsQuery(client));
  const versions = useMemo(
    () =>
      (groupVersions(all.data ?? []).get(name) ?? [])
        .map((d) => d.version ?? 1)
        .sort((x, y) => x - y),
    [all.data, name],
  );
  const b = Number(params.get('b') ?? versions.at(-1) ?? 0);
  const a = Number(params.get('a') ?? versions.filter((v) => v < b).at(-1) ?? 0);
  const older = useQuery({ ...workflowDefQuery(client, name, a), enabled: a > 0 });
  const newer = useQuery({ ...workflowDefQuery(client, name, b), enabled: b > 0 });
  // One navigation for several keys: two setParams calls in a row would each start from the URL
  // as it was, and the second would drop the first's change.
  const setMany = useCallback(
    (changes: Record<string, string | null>, replace: boolean) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace },
      ),
    [setParams],
  );
  const set = useCallback(
    (key: string, value: string | null) =>
      setMany({ [key]: value }, key === 'task' || key === 'show'),
    [setMany],
  );
  if (all.isPending) return <PageSpinner label={`Loading ${name}…`} />;
  const picker = (label: 'a' | 'b', value: number) => (
    <label className="field compare-picker">
      <span>{label === 'a' ? 'Version A' : 'Version B'}</span>
      <select
        value={value || ''}
        onChange={(e) => set(label, e.target.value)}
        data-testid={`pick-version-${label}`}
      >
        {value ? null : <option value="">Choose…</option>}
        {versions.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
    </label>
  );
  const error = older.error ?? newer.error;
  return (
    <div className="page compare-page">
      <header className="compare-header">
        <h1>
          Compare versions of{' '}
          <Link className="mono" to={`/workflows/${encodeURIComponent(name)}`}>
            {name}
          </Link>
        </h1>
        <div className="compare-pickers">
          {picker('a', a)}
          {picker('b', b)}
        </div>
      </header>
      {versions.length === 0 ? (
        <p className="error-text" role="alert">
          No stored workflow is named {name}.
        </p>
      ) : !a || !b ? (
        <p className="muted">Choose two versions.</p>
      ) : error ? (
        <p className="error-text" role="alert">
          {error instanceof Error ? error.message : String(error)}
        </p>
      ) : !older.data || !newer.data ? (
        <PageSpinner label="Loading the versions…" />
      ) : (
        <VersionComparison
          older={older.data}
          newer={newer.data}
          showOlder={params.get('show') === 'a'}
          selected={params.get('task')}
          onShow={(show, ref) => setMany({ show: show === 'older' ? 'a' : null, task: ref }, true)}
        />
      )}
    </div>
  );
}

function VersionComparison({
  older,
  newer,
  showOlder,
  selected,
  onShow,
}: {
  older: WorkflowDef;
  newer: WorkflowDef;
  showOlder: boolean;
  selected: string | null;
  /** Draws one side's canvas with `ref` selected. */
  onShow: (side: 'older' | 'newer', ref: string | null) => void;
}) {
  const diff = useMemo(() => versionDiff(older, newer), [older, newer]);
  const shown = showOlder ? older : newer;
  const marks = useMemo(() => versionMarks(diff, showOlder ? 'older' : 'newer'), [diff, showOlder]);
  const pretty = (d: WorkflowDef) => JSON.stringify(d, null, 2);
  const va = older.version ?? 1;
  const vb = newer.version ?? 1;
  const groups: [TaskChange, string[]][] = [
    ['added', diff.added],
    ['removed', diff.removed],
    ['changed', diff.changed],
  ];
  return (
    <div className="compare-body">
      <div className="compare-canvas">
        <div className="compare-summary">
          <span data-testid="version-diff-summary">
            v{va} → v{vb}: {diff.added.length} added, {diff.removed.length} removed,{' '}
            {diff.changed.length} changed.
          </span>
          <label className="inline-check">
            <input
              type="checkbox"
              checked={showOlder}
              onChange={(e) => onShow(e.target.checked ? 'older' : 'newer', null)}
            />{' '}
            Show v{va} (where the removed tasks are)
          </label>
        </div>
        <ReadonlyCanvas
          key={`${shown.version ?? 1}`}
          def={shown}
          marks={marks}
          selectedRef={selected}
          onSelect={(ref) => onShow(showOlder ? 'older' : 'newer', ref)}
          label={`Version ${shown.version ?? 1}, coloured by what changed`}
        />
      </div>
      <div className="compare-side">
        <div className="version-changes" data-testid="version-changes">
          {groups.map(([change, refs]) => (
            <section key={change} className={`plan-group change-${change}`}>
              <h2 className="run-heading">
                {LABELS[change]} ({refs.length})
              </h2>
              {refs.length ? (
                <ul>
                  {refs.map((ref) => (
                    <li key={ref}>
                      <button
                        type="button"
                        className="link-button mono"
                        data-testid={`change-${change}-${ref}`}
                        onClick={() => onShow(change === 'removed' ? 'older' : 'newer', ref)}
                      >
                        {ref}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted small">None.</p>
              )}
            </section>
          ))}
        </div>
        <section className="compare-output" aria-label="JSON diff">
          <h2 className="run-heading">
            JSON: v{va} → v{vb}
          </h2>
          <Suspense fallback={<PageSpinner label="Loading the diff…" />}>
            <JsonDiff
              original={pretty(older)}
              modified={pretty(newer)}
              originalLabel={`Version ${va} JSON`}
              modifiedLabel={`Version ${vb} JSON`}
              height={420}
            />
          </Suspense>
        </section>
      </div>
    </div>
  );
}
