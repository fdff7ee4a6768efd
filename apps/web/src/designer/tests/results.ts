/**
 * Whether a case's last result still says something about the definition being edited: each
 * result remembers the definition and the case it ran with, and one of them changed since is
 * stale. Pure functions. See docs/workflow-tests.md.
 * @module
 */
import type { WorkflowTestCase } from '@baton/client';
import type { WorkflowDef } from '@baton/engine';
import type { RunTrace } from '../model/test-cases.js';

/** JSON with object keys sorted, so two equal values give one text whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** What a result ran against: the definition's and the case's texts. */
export interface RunStamp {
  defKey: string;
  caseKey: string;
}

/** The definition's text. */
export const defKeyOf = (def: WorkflowDef): string => stableJson(def);
/** The text of what a case runs and expects (its name aside: a rename keeps its result). */
export const caseKeyOf = (testCase: WorkflowTestCase): string =>
  stableJson({ ...testCase, name: undefined });

/** A case's state in the list: not run, passed or failed, and stale when run against older text. */
export interface CaseState {
  outcome: 'not run' | 'passed' | 'failed';
  stale: boolean;
}

export function caseState(
  result: ({ failures: string[] } & RunStamp) | undefined,
  current: RunStamp,
): CaseState {
  if (!result) return { outcome: 'not run', stale: false };
  return {
    outcome: result.failures.length === 0 ? 'passed' : 'failed',
    stale: result.defKey !== current.defKey || result.caseKey !== current.caseKey,
  };
}

/**
 * The traces coverage is computed from: one per case, or null while a case has no result. `stale`
 * when any of them ran against another definition or another version of its case.
 */
export function coverageTraces(
  cases: readonly WorkflowTestCase[],
  results: ReadonlyMap<string, { trace: RunTrace | null } & RunStamp>,
  def: WorkflowDef,
): { traces: RunTrace[]; stale: boolean } | null {
  if (cases.length === 0) return null;
  const traces: RunTrace[] = [];
  let stale = false;
  const defKey = defKeyOf(def);
  for (const c of cases) {
    const r = results.get(c.name);
    if (!r?.trace) return null;
    traces.push(r.trace);
    if (r.defKey !== defKey || r.caseKey !== caseKeyOf(c)) stale = true;
  }
  return { traces, stale };
}
