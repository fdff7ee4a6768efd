/**
 * Two executions of one workflow side by side (`/compare/runs?a=<id>&b=<id>`): per task, each
 * run's status, attempts, duration, and an output diff; the canvas colours where the runs first
 * went different ways, and every other task that differs.
 * @module
 */
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { Workflow } from '@baton/engine';
import { useBatonClient } from '../app/providers.js';
import { executionQuery, executionSearchQuery } from '../executions/api/queries.js';
import { StatusBadge } from '../executions/shared/StatusBadge.js';
import { formatDuration, formatTime } from '../executions/model/format.js';
import { PageSpinner } from '../ui/PageSpinner.js';
import type { NodeMark } from '../designer/model/def-to-graph.js';
import {
  compareRuns,
  firstDivergence,
  type CompareRow,
  type Divergence,
} from './model/compare-runs.js';
import { ReadonlyCanvas } from './ReadonlyCanvas.js';
import './debug.css';

const JsonDiff = lazy(() => import('../ui/JsonDiff.js'));

const REASONS: Record<Divergence['reason'], string> = {
  'different-task': 'the runs went on to different tasks',
  status: 'the task ended with another status',
  output: 'the task produced another output',
  'only-one-ran': 'only one run got this far',
};

/** Canvas marks: the first divergence in red, every other differing task in amber. */
export function compareMarks(
  rows: readonly CompareRow[],
  first: Divergence | null,
): Map<string, NodeMark> {
  const marks = new Map<string, NodeMark>();
  for (const r of rows) {
    if (!r.differs || marks.has(r.defRef)) continue;
    marks.set(r.defRef, {
      tone: 'changed',
      label: !r.a ? 'Only in B' : !r.b ? 'Only in A' : 'Differs',
    });
  }
  if (first)
    marks.set(first.defRef, {
      tone: 'diverged',
      label: 'Diverged first',
      detail: REASONS[first.reason],
    });
  return marks;
}

function RunPicker({
  label,
  value,
  name,
  onPick,
}: {
  label: string;
  value: string;
  name: string;
  onPick: (id: string) => void;
}) {
  const client = useBatonClient();
  const runs = useQuery({
    ...executionSearchQuery(client, {
      query: `workflowType IN ("${name.replace(/"/g, '')}")`,
      size: 50,
      sort: 'startTime:DESC',
    }),
    enabled: !!name,
  });
  const ids = runs.data?.results ?? [];
  return (
    <label className="field compare-picker">
      <span>{label}</span>
      <select value={value} onChange={(e) => onPick(e.target.value)} data-testid={`pick-${label}`}>
        {value ? null : <option value="">Choose a run…</option>}
        {value && !ids.some((r) => r.workflowId === value) ? (
          <option value={value}>{value}</option>
        ) : null}
        {ids.map((r) => (
          <option key={r.workflowId} value={r.workflowId}>
            {r.workflowId} · {r.status.toLowerCase()} · v{r.version} · {formatTime(r.startTime)}
          </option>
        ))}
      </select>
    </label>
  );
}

function side(value: CompareRow['a'], key: 'status' | 'attempts' | 'durationMs') {
  if (!value) return <span className="muted">not reached</span>;
  if (key === 'status') return <StatusBadge status={value.status} />;
  if (key === 'attempts') return value.attempts;
  return value.durationMs === null ? '–' : formatDuration(value.durationMs);
}

/** Route component. */
export default function CompareRunsPage() {
  const [params, setParams] = useSearchParams();
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const selected = params.get('task');
  const client = useBatonClient();
  const runA = useQuery({ ...executionQuery(client, a), enabled: !!a });
  const runB = useQuery({ ...executionQuery(client, b), enabled: !!b });
  const set = useCallback(
    (key: string, value: string | null) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: key === 'task' },
      ),
    [setParams],
  );
  if (!a) {
    return (
      <div className="page">
        <div className="empty-state">
          <h1>Compare runs</h1>
          <p>Open an execution and choose “Compare with…”.</p>
          <Link className="button" to="/executions">
            Executions
          </Link>
        </div>
      </div>
    );
  }
  if (runA.isPending) return <PageSpinner label="Loading the runs…" />;
  if (runA.isError || !runA.data) {
    return (
      <div className="page">
        <div className="empty-state">
          <h1>Cannot open execution {a}</h1>
          <p>{runA.error instanceof Error ? runA.error.message : 'Not found.'}</p>
        </div>
      </div>
    );
  }
  const name = runA.data.workflowName;
  return (
    <div className="page compare-page">
      <header className="compare-header">
        <h1>
          Compare runs of <span className="mono">{name}</span>
        </h1>
        <div className="compare-pickers">
          <RunPicker label="A" value={a} name={name} onPick={(id) => set('a', id)} />
          <RunPicker label="B" value={b} name={name} onPick={(id) => set('b', id)} />
        </div>
      </header>
      {!b ? (
        <p className="muted">Choose run B to compare with.</p>
      ) : runB.isPending ? (
        <PageSpinner label="Loading run B…" />
      ) : runB.isError || !runB.data ? (
        <p className="error-text" role="alert">
          Cannot open execution {b}:{' '}
          {runB.error instanceof Error ? runB.error.message : 'not found'}
        </p>
      ) : runB.data.workflowName !== name ? (
        <p className="error-text" role="alert">
          Run B is an execution of {runB.data.workflowName}, not {name}: choose a run of the same
          workflow.
        </p>
      ) : (
        <Comparison
          a={runA.data}
          b={runB.data}
          selected={selected}
          onSelect={(ref) => set('task', ref)}
        />
      )}
    </div>
  );
}

function Comparison({
  a,
  b,
  selected,
  onSelect,
}: {
  a: Workflow;
  b: Workflow;
  selected: string | null;
  onSelect: (ref: string | null) => void;
}) {
  const def = a.workflowDefinition;
  const rows = useMemo(() => compareRuns(def, a.tasks ?? [], b.tasks ?? []), [def, a, b]);
  const first = useMemo(() => firstDivergence(def, a.tasks ?? [], b.tasks ?? []), [def, a, b]);
  const marks = useMemo(() => compareMarks(rows, first), [rows, first]);
  const row = rows.find((r) => r.ref === selected) ?? rows.find((r) => r.defRef === selected);
  const pretty = (v: unknown) => JSON.stringify(v ?? {}, null, 2);
  return (
    <div className="compare-body">
      <div className="compare-canvas">
        <p className="compare-summary" data-testid="divergence">
          {first ? (
            <>
              First divergence at{' '}
              <button
                type="button"
                className="link-button mono"
                onClick={() => onSelect(first.defRef)}
              >
                {first.defRef}
              </button>
              : {REASONS[first.reason]}
              {first.refA !== first.refB
                ? ` (A: ${first.refA ?? 'stopped'}, B: ${first.refB ?? 'stopped'})`
                : ''}
              .
            </>
          ) : (
            'The two runs did the same tasks with the same statuses and outputs.'
          )}
          {a.workflowVersion !== b.workflowVersion
            ? ` The runs used different versions (v${a.workflowVersion} and v${b.workflowVersion}); the canvas shows A's.`
            : ''}
        </p>
        <ReadonlyCanvas
          key={a.workflowId}
          def={def}
          marks={marks}
          selectedRef={row?.defRef ?? selected}
          onSelect={onSelect}
          label="Definition of run A, coloured where the runs differ"
        />
      </div>
      <div className="compare-side">
        <table className="compare-table" data-testid="compare-table">
          <caption className="visually-hidden">Tasks of both runs</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col">Attempts</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.ref}
                className={`${r.differs ? 'differs' : ''}${row?.ref === r.ref ? ' is-selected' : ''}`}
                data-testid={`compare-row-${r.ref}`}
                data-differs={r.differs}
              >
                <th scope="row">
                  <button
                    type="button"
                    className="link-button mono"
                    aria-pressed={row?.ref === r.ref}
                    onClick={() => onSelect(r.ref)}
                  >
                    {r.ref}
                  </button>
                </th>
                <td>{side(r.a, 'status')}</td>
                <td>{side(r.b, 'status')}</td>
                <td>
                  {side(r.a, 'attempts')} / {side(r.b, 'attempts')}
                </td>
                <td>
                  {side(r.a, 'durationMs')} / {side(r.b, 'durationMs')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <section className="compare-output" aria-label="Output diff">
          <h2 className="run-heading">
            {row ? (
              <>
                Output of <span className="mono">{row.ref}</span>: A → B
              </>
            ) : (
              'Select a task to see its output diff'
            )}
          </h2>
          {row ? (
            <Suspense fallback={<PageSpinner label="Loading the diff…" />}>
              <JsonDiff
                original={pretty(row.a?.output ?? null)}
                modified={pretty(row.b?.output ?? null)}
                originalLabel={`Output of ${row.ref} in run A`}
                modifiedLabel={`Output of ${row.ref} in run B`}
                height={260}
              />
            </Suspense>
          ) : null}
        </section>
      </div>
    </div>
  );
}
