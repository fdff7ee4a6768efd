/**
 * Two versions of a definition (`/compare/versions/:name?a=<older>&b=<newer>`): one canvas with
 * both versions merged (the newer one's tasks, and the removed ones drawn where they were), the
 * added, removed and changed tasks coloured, and the JSON diff beside it. `view=a` or `view=b`
 * draws one version alone.
 * @module
 */
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { WorkflowDef, WorkflowTask } from '@baton/engine';
import { useBatonClient } from '../app/providers.js';
import { groupVersions, workflowDefQuery, workflowDefsQuery } from '../api/queries.js';
import { PageSpinner } from '../ui/PageSpinner.js';
import { findTask } from '../designer/model/slots.js';
import { versionDiff, type TaskChange } from './model/version-diff.js';
import { CHANGE_LABELS, versionMarks, type CanvasView } from './model/version-marks.js';
import { mergeVersions } from './model/merged-version-graph.js';
import { ReadonlyCanvas } from './ReadonlyCanvas.js';
import './debug.css';

const JsonDiff = lazy(() => import('../ui/JsonDiff.js'));

const VIEWS: Record<string, CanvasView> = { a: 'older', b: 'newer' };

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
      setMany({ [key]: value }, key === 'task' || key === 'view'),
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
          view={VIEWS[params.get('view') ?? ''] ?? 'merged'}
          selected={params.get('task')}
          onShow={(view, ref) =>
            setMany(
              { view: view === 'merged' ? null : view === 'older' ? 'a' : 'b', task: ref },
              true,
            )
          }
        />
      )}
    </div>
  );
}

function VersionComparison({
  older,
  newer,
  view,
  selected,
  onShow,
}: {
  older: WorkflowDef;
  newer: WorkflowDef;
  view: CanvasView;
  selected: string | null;
  /** Draws `view` on the canvas with `ref` selected. */
  onShow: (view: CanvasView, ref: string | null) => void;
}) {
  const diff = useMemo(() => versionDiff(older, newer), [older, newer]);
  const merged = useMemo(() => mergeVersions(older, newer), [older, newer]);
  const va = older.version ?? 1;
  const vb = newer.version ?? 1;
  const shown = view === 'merged' ? merged.def : view === 'older' ? older : newer;
  const marks = useMemo(() => versionMarks(diff, view, { a: va, b: vb }), [diff, view, va, vb]);
  const pretty = (d: WorkflowDef) => JSON.stringify(d, null, 2);
  const groups: [TaskChange, string[]][] = [
    ['added', diff.added],
    ['removed', diff.removed],
    ['changed', diff.changed],
  ];
  const select = useCallback((ref: string | null) => onShow(view, ref), [onShow, view]);
  const canvasLabel =
    view === 'merged'
      ? `Versions ${va} and ${vb} on one canvas: added, removed and changed tasks coloured`
      : `Version ${view === 'older' ? va : vb} alone, coloured by what changed`;
  return (
    <div className="compare-body">
      <div className="compare-canvas">
        <div className="compare-summary">
          <span data-testid="version-diff-summary">
            v{va} → v{vb}: {diff.added.length} added, {diff.removed.length} removed,{' '}
            {diff.changed.length} changed.
          </span>
          <fieldset className="compare-view" data-testid="canvas-view">
            <legend className="visually-hidden">Canvas</legend>
            {(
              [
                ['merged', `v${va} + v${vb}`],
                ['older', `v${va} only`],
                ['newer', `v${vb} only`],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className={view === value ? 'is-active' : undefined}>
                <input
                  type="radio"
                  name="canvas-view"
                  value={value}
                  checked={view === value}
                  onChange={() => onShow(value, selected)}
                />
                {label}
              </label>
            ))}
          </fieldset>
        </div>
        <ul className="compare-legend" aria-label="Legend" data-testid="version-legend">
          <li className="change-added">
            <span className="legend-swatch" aria-hidden />
            <span>
              <strong>Added</strong>: only in v{vb}
            </span>
          </li>
          {view !== 'newer' ? (
            <li className="change-removed">
              <span className="legend-swatch is-dashed" aria-hidden />
              <span>
                <strong>Removed</strong>: only in v{va}
                {view === 'merged' ? ', drawn where it was' : ''}
              </span>
            </li>
          ) : null}
          <li className="change-changed">
            <span className="legend-swatch" aria-hidden />
            <span>
              <strong>Changed</strong>: in both, settings or branches differ
            </span>
          </li>
        </ul>
        <ReadonlyCanvas
          key={`${view}:${va}:${vb}`}
          def={shown}
          marks={marks}
          selectedRef={selected}
          onSelect={select}
          label={canvasLabel}
        />
      </div>
      <div className="compare-side">
        {selected ? (
          <SelectedTask
            key={selected}
            taskRef={selected}
            change={diff.byRef.get(selected) ?? null}
            older={older}
            newer={newer}
          />
        ) : null}
        <div className="version-changes" data-testid="version-changes">
          {groups.map(([change, refs]) => (
            <section key={change} className={`plan-group change-${change}`}>
              <h2 className="run-heading">
                {CHANGE_LABELS[change]} ({refs.length})
              </h2>
              {refs.length ? (
                <ul>
                  {refs.map((ref) => (
                    <li key={ref}>
                      <button
                        type="button"
                        className="link-button mono"
                        data-testid={`change-${change}-${ref}`}
                        aria-pressed={selected === ref}
                        onClick={() =>
                          onShow(
                            // A task the view does not draw: back to the merged canvas.
                            (change === 'removed' && view === 'newer') ||
                              (change === 'added' && view === 'older')
                              ? 'merged'
                              : view,
                            ref,
                          )
                        }
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

/** The selected task's definition: the older one for a removed task, both for a changed one. */
function SelectedTask({
  taskRef,
  change,
  older,
  newer,
}: {
  taskRef: string;
  change: TaskChange | null;
  older: WorkflowDef;
  newer: WorkflowDef;
}) {
  const va = older.version ?? 1;
  const vb = newer.version ?? 1;
  const before = findTask(older, taskRef)?.task;
  const after = findTask(newer, taskRef)?.task;
  const shown = after ?? before;
  if (!shown) return null;
  const json = (task: WorkflowTask) => JSON.stringify(task, null, 2);
  const said =
    change === 'removed'
      ? `Removed in v${vb}. Its definition in v${va}:`
      : change === 'added'
        ? `Added in v${vb}. Its definition:`
        : change === 'changed'
          ? `Changed from v${va} to v${vb}:`
          : `The same in v${va} and v${vb}:`;
  return (
    <section
      className={`compare-task${change ? ` change-${change}` : ''}`}
      aria-label={`Task ${taskRef}`}
      data-testid="compare-task"
    >
      <h2 className="run-heading">
        Task <span className="mono">{taskRef}</span>
        {change ? <span className="compare-task-mark">{CHANGE_LABELS[change]}</span> : null}
      </h2>
      <p className="muted small">{said}</p>
      {change === 'changed' && before && after ? (
        <Suspense fallback={<PageSpinner label="Loading the diff…" />}>
          <JsonDiff
            original={json(before)}
            modified={json(after)}
            originalLabel={`${taskRef} in version ${va}`}
            modifiedLabel={`${taskRef} in version ${vb}`}
            height={200}
          />
        </Suspense>
      ) : (
        <pre
          className="compare-task-json mono"
          tabIndex={0}
          aria-label={`Definition of ${taskRef} in version ${change === 'removed' ? va : vb}`}
          data-testid="compare-task-json"
        >
          {json(shown)}
        </pre>
      )}
    </section>
  );
}
