import { useEffect, useState } from 'react';
import type { WorkflowDef } from '@baton/engine';
import type { CaseResult, WorkflowTests } from './useWorkflowTests.js';

/** The save dialog's "Run all tests": each case's result against the definition about to be saved. */
export function SaveTestResults({ draft, tests }: { draft: WorkflowDef; tests: WorkflowTests }) {
  const [results, setResults] = useState<ReadonlyMap<string, CaseResult> | null>(null);
  const { runAll } = tests;
  useEffect(() => {
    let live = true;
    void runAll(draft).then((r) => {
      if (live) setResults(r);
    });
    return () => {
      live = false;
    };
    // Once per dialog: the draft does not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const failed = results ? [...results.values()].filter((r) => r.failures.length > 0).length : 0;
  return (
    <section className="save-tests" aria-label="Test cases" data-testid="save-tests">
      <h3 className="subheading">
        Test cases{' '}
        <span className="muted small" aria-live="polite">
          {results === null
            ? 'running against this draft…'
            : failed === 0
              ? `all ${results.size} pass`
              : `${failed} of ${results.size} fail`}
        </span>
      </h3>
      {results ? (
        <ul className="tests-list">
          {[...results.entries()].map(([name, r]) => (
            <li key={name}>
              <span>{name}</span>
              <span className={`test-state is-${r.failures.length ? 'failed' : 'passed'}`}>
                {r.failures.length ? 'failed' : 'passed'}
              </span>
              {r.failures.length ? (
                <span className="muted small">{r.failures.join('; ')}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
