import { useMemo, useState } from 'react';
import type { WorkflowTestCase } from '@baton/client';
import type { WorkflowDef } from '@baton/engine';
import { StatusBadge } from '../../executions/shared/StatusBadge.js';
import { mockableRefs } from '../model/test-cases.js';
import { MocksEditor } from './MocksEditor.js';
import { caseKeyOf, caseState, defKeyOf } from './results.js';
import type { WorkflowTests } from './useWorkflowTests.js';
import './tests.css';

const STATUSES = ['', 'COMPLETED', 'FAILED', 'TERMINATED', 'TIMED_OUT', 'RUNNING', 'PAUSED'];

/** A JSON text field that commits only text that parses to an object; says why otherwise. */
function JsonField({
  label,
  value,
  onCommit,
  testId,
  rows = 4,
}: {
  label: string;
  value: unknown;
  onCommit: (v: Record<string, unknown>) => void;
  testId: string;
  rows?: number;
}) {
  const shown = useMemo(() => JSON.stringify(value ?? {}, null, 2), [value]);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  // A new value from outside (another case, "Expect this run") replaces the text.
  const [lastShown, setLastShown] = useState(shown);
  if (lastShown !== shown) {
    setLastShown(shown);
    setText(shown);
    setError(null);
  }
  return (
    <label className="field">
      <span>{label}</span>
      <textarea
        className="mono"
        rows={rows}
        value={text}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          try {
            const parsed: unknown = JSON.parse(text || '{}');
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
              throw new Error('expected a JSON object');
            setError(null);
            onCommit(parsed as Record<string, unknown>);
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      />
      {error ? <span className="field-error">{error}</span> : null}
    </label>
  );
}

const listText = (refs: string[] | undefined) => (refs ?? []).join(', ');
const textList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A new case: every worker task mocked as completed with an empty output. */
function newCase(def: WorkflowDef, existing: WorkflowTestCase[]): WorkflowTestCase {
  let n = existing.length + 1;
  while (existing.some((c) => c.name === `case ${n}`)) n++;
  return {
    name: `case ${n}`,
    input: {},
    taskRefToMockOutput: Object.fromEntries(
      mockableRefs(def).map((ref) => [ref, [{ status: 'COMPLETED', output: {} }]]),
    ),
    expect: { status: 'COMPLETED' },
  };
}

/**
 * The Test tab: saved test cases of the workflow, each with its input, mocked task results and
 * expectations; runs them against the edited definition and lists the branches no case reaches.
 */
export function TestsPanel({
  def,
  tests,
  onFocusTask,
  notify,
}: {
  def: WorkflowDef;
  tests: WorkflowTests;
  onFocusTask: (ref: string) => void;
  notify: (message: string) => void;
}) {
  const { cases, replaceCases, results, running, gaps } = tests;
  const defKey = useMemo(() => defKeyOf(def), [def]);
  const mockable = useMemo(() => mockableRefs(def), [def]);
  const stateOf = (c: WorkflowTestCase) =>
    caseState(results.get(c.name), { defKey, caseKey: caseKeyOf(c) });
  const [openName, setOpenName] = useState<string | null>(null);
  const open = cases.find((c) => c.name === openName) ?? null;
  const update = (patch: Partial<WorkflowTestCase>) => {
    if (!open) return;
    if (patch.name !== undefined) {
      const name = patch.name.trim();
      if (!name || cases.some((c) => c !== open && c.name === name)) {
        notify(name ? `Another test case is named ${name}` : 'A test case needs a name');
        return;
      }
      patch = { ...patch, name };
      setOpenName(name);
    }
    replaceCases(cases.map((c) => (c === open ? { ...c, ...patch } : c)));
  };
  const result = open ? results.get(open.name) : undefined;
  const states = cases.map(stateOf);
  const passed = states.filter((s) => s.outcome === 'passed').length;
  const stale = states.filter((s) => s.stale).length;

  return (
    <div className="inspector tests-panel" data-testid="tests-panel">
      <section className="inspector-section">
        <div className="tests-actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              const c = newCase(def, cases);
              replaceCases([...cases, c]);
              setOpenName(c.name);
            }}
          >
            New test case
          </button>
          <button
            type="button"
            className="button"
            disabled={running || cases.length === 0}
            onClick={() => void tests.runAll()}
          >
            {running ? 'Running…' : 'Run all tests'}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!tests.dirty}
            title={tests.canSave ? undefined : 'Save the workflow first'}
            onClick={() =>
              tests
                .save()
                .then(() =>
                  notify(`Saved ${cases.length} test case${cases.length === 1 ? '' : 's'}`),
                )
                .catch((e: unknown) =>
                  notify(`Saving the tests failed: ${e instanceof Error ? e.message : String(e)}`),
                )
            }
          >
            Save tests
          </button>
        </div>
        {tests.loadError ? <p className="error-text">{tests.loadError}</p> : null}
        {tests.cleanupError ? (
          <p className="error-text small" data-testid="tests-cleanup-error">
            {tests.cleanupError}
          </p>
        ) : null}
        {cases.length === 0 ? (
          <p className="muted small">
            No test cases yet. A test case runs the workflow with mocked task results (no worker is
            involved) and checks its status, outputs and the tasks that ran.
          </p>
        ) : (
          <>
            <p className="muted small" data-testid="tests-summary" aria-live="polite">
              {states.every((s) => s.outcome === 'not run')
                ? `${cases.length} test case${cases.length === 1 ? '' : 's'}, not run yet.`
                : `${passed} of ${cases.length} passed.`}
              {stale > 0
                ? ` ${stale} result${stale === 1 ? ' is' : 's are'} stale: the definition or the case changed since.`
                : ''}
            </p>
            <ul className="tests-list">
              {cases.map((c) => {
                const { outcome, stale: isStale } = stateOf(c);
                return (
                  <li key={c.name} className={c.name === openName ? 'is-open' : undefined}>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={c.name === openName}
                      onClick={() => setOpenName(c.name === openName ? null : c.name)}
                    >
                      {c.name}
                    </button>
                    <span
                      className={`test-state is-${outcome.replace(' ', '-')}${isStale ? ' is-stale' : ''}`}
                      data-testid={`test-state-${c.name}`}
                      title={
                        isStale
                          ? 'Run against an earlier version of the definition or of this case'
                          : undefined
                      }
                    >
                      {isStale ? `${outcome}, stale` : outcome}
                    </span>
                    <button
                      type="button"
                      className="button small"
                      disabled={running}
                      aria-label={`Run ${c.name}`}
                      onClick={() => {
                        setOpenName(c.name);
                        void tests.runCase(c);
                      }}
                    >
                      Run
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>

      {open ? (
        <section className="inspector-section" aria-label={`Test case ${open.name}`}>
          <h3 className="subheading">Test case</h3>
          <label className="field">
            <span>Name</span>
            <input
              key={open.name}
              defaultValue={open.name}
              data-testid="test-name"
              onBlur={(e) => {
                if (e.target.value !== open.name) update({ name: e.target.value });
              }}
            />
          </label>
          <JsonField
            label="Workflow input"
            value={open.input}
            testId="test-input"
            rows={3}
            onCommit={(input) => update({ input })}
          />
          <MocksEditor
            mocks={open.taskRefToMockOutput ?? {}}
            mockable={mockable}
            onChange={(taskRefToMockOutput) => update({ taskRefToMockOutput })}
          />
          <h3 className="subheading">Expect</h3>
          <label className="field">
            <span>Final status</span>
            <select
              value={open.expect?.status ?? ''}
              data-testid="test-expect-status"
              onChange={(e) =>
                update({ expect: { ...open.expect, status: e.target.value || undefined } })
              }
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s || 'any'}
                </option>
              ))}
            </select>
          </label>
          <JsonField
            label="Outputs (only these keys are compared)"
            value={open.expect?.output}
            testId="test-expect-output"
            rows={3}
            onCommit={(output) => update({ expect: { ...open.expect, output } })}
          />
          <label className="field">
            <span>Tasks that run (references, comma separated)</span>
            <input
              key={`ran:${listText(open.expect?.tasksRan)}`}
              defaultValue={listText(open.expect?.tasksRan)}
              data-testid="test-expect-ran"
              onBlur={(e) =>
                update({ expect: { ...open.expect, tasksRan: textList(e.target.value) } })
              }
            />
          </label>
          <label className="field">
            <span>Tasks that do not run</span>
            <input
              key={`notran:${listText(open.expect?.tasksNotRan)}`}
              defaultValue={listText(open.expect?.tasksNotRan)}
              data-testid="test-expect-not-ran"
              onBlur={(e) =>
                update({ expect: { ...open.expect, tasksNotRan: textList(e.target.value) } })
              }
            />
          </label>
          <div className="tests-actions">
            <button
              type="button"
              className="button"
              disabled={!result?.trace}
              title="Expect what the last run did: its status, its output and the tasks that ran"
              onClick={() => {
                const trace = result?.trace;
                if (!trace) return;
                update({
                  expect: {
                    status: trace.status,
                    output: trace.output,
                    tasksRan: [...trace.ran],
                  },
                });
              }}
            >
              Expect this run
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                replaceCases(cases.filter((c) => c !== open));
                setOpenName(null);
              }}
            >
              Delete case
            </button>
          </div>
          {result ? (
            <div className="test-result" data-testid="test-result">
              {result.trace ? <StatusBadge status={result.trace.status} /> : null}
              {result.failures.length === 0 ? (
                <p className="ok small">Passed.</p>
              ) : (
                <ul className="error-text small">
                  {result.failures.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              )}
            </div>
          ) : null}
        </section>
      ) : null}

      <section className="inspector-section" aria-label="Branch coverage">
        <h3 className="subheading">Branch coverage</h3>
        {gaps === null ? (
          <p className="muted small">Run all tests to see which branches no test case reaches.</p>
        ) : null}
        {gaps !== null && tests.coverageStale ? (
          <p className="warn-text small" data-testid="coverage-stale">
            The definition or a case changed since these runs: the list below is the current
            definition&apos;s, as far as the earlier runs tell. Run all tests again to refresh it.
          </p>
        ) : null}
        {gaps === null ? null : gaps.length === 0 ? (
          <p className="ok small" data-testid="coverage-complete">
            Every SWITCH case, fork branch, loop body and optional path is reached.
          </p>
        ) : (
          <ul className="coverage-gaps" data-testid="coverage-gaps">
            {gaps.map((g) => (
              <li key={`${g.ref}:${g.kind}:${g.key ?? ''}`}>
                <button type="button" className="link-button" onClick={() => onFocusTask(g.ref)}>
                  <span className="mono">{g.ref}</span>: {g.label}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
