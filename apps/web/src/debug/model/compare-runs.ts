/**
 * Two executions of one workflow, task by task: what each did (status, attempts, duration, output)
 * and the first place where they went different ways.
 * @module
 */
import type { Task, WorkflowDef } from '@baton/engine';
import { allRefs } from '../../designer/model/slots.js';
import { bySeq, defRefOf } from './run-rows.js';

/** What one run did with one task. */
export interface RunSide {
  status: string;
  /** Rows of the reference (each retry is one more). */
  attempts: number;
  /** Milliseconds from the first attempt's start to the last one's end; null while unfinished. */
  durationMs: number | null;
  output: Record<string, unknown>;
}

/** One task reference of the comparison. */
export interface CompareRow {
  /** The task row's reference (an iteration keeps its `__n`). */
  ref: string;
  /** The definition task it belongs to. */
  defRef: string;
  a: RunSide | null;
  b: RunSide | null;
  /** Status or output differ, or only one run reached it. */
  differs: boolean;
}

function side(rows: readonly Task[]): RunSide {
  const last = rows[rows.length - 1] as Task;
  const first = rows[0] as Task;
  const start = first.startTime || first.scheduledTime;
  return {
    status: last.status,
    attempts: rows.length,
    durationMs: last.endTime && start ? last.endTime - start : null,
    output: (last.outputData ?? {}) as Record<string, unknown>,
  };
}

/** JSON with object keys sorted, so key order never counts as a difference. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)),
        )
      : v,
  );
}

function groupRows(tasks: readonly Task[]): Map<string, Task[]> {
  const groups = new Map<string, Task[]>();
  for (const t of bySeq(tasks)) {
    const list = groups.get(t.referenceTaskName) ?? [];
    list.push(t);
    groups.set(t.referenceTaskName, list);
  }
  return groups;
}

/**
 * Every task reference either run reached, in the order run A scheduled them (then B's extras),
 * with what each run did.
 */
export function compareRuns(
  def: WorkflowDef,
  a: readonly Task[],
  b: readonly Task[],
): CompareRow[] {
  const defRefs = allRefs(def);
  const ga = groupRows(a);
  const gb = groupRows(b);
  const refs = [...ga.keys(), ...[...gb.keys()].filter((r) => !ga.has(r))];
  return refs.map((ref) => {
    const ra = ga.get(ref);
    const rb = gb.get(ref);
    const sa = ra ? side(ra) : null;
    const sb = rb ? side(rb) : null;
    const differs =
      !sa || !sb || sa.status !== sb.status || stableJson(sa.output) !== stableJson(sb.output);
    return { ref, defRef: defRefOf(ref, defRefs), a: sa, b: sb, differs };
  });
}

/** Where two runs first went different ways. */
export interface Divergence {
  /** The definition task to colour. */
  defRef: string;
  /** The task row reference in each run at that step (null when that run had stopped). */
  refA: string | null;
  refB: string | null;
  reason: 'different-task' | 'status' | 'output' | 'only-one-ran';
}

/**
 * Walks both runs' tasks in the order they were scheduled and returns the first step where they
 * differ: another task (e.g. a SWITCH took another case), or the same task with another status or
 * output. Null when the runs did the same things.
 */
export function firstDivergence(
  def: WorkflowDef,
  a: readonly Task[],
  b: readonly Task[],
): Divergence | null {
  const defRefs = allRefs(def);
  // One entry per reference (its last attempt), in the order first scheduled.
  const steps = (tasks: readonly Task[]) => {
    const groups = groupRows(tasks);
    return [...groups.entries()].map(([ref, rows]) => ({ ref, side: side(rows) }));
  };
  const sa = steps(a);
  const sb = steps(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i += 1) {
    const x = sa[i];
    const y = sb[i];
    if (!x || !y) {
      const ref = (x ?? y)!.ref;
      return {
        defRef: defRefOf(ref, defRefs),
        refA: x?.ref ?? null,
        refB: y?.ref ?? null,
        reason: 'only-one-ran',
      };
    }
    const base = { defRef: defRefOf(x.ref, defRefs), refA: x.ref, refB: y.ref };
    if (x.ref !== y.ref) return { ...base, reason: 'different-task' };
    if (x.side.status !== y.side.status) return { ...base, reason: 'status' };
    if (stableJson(x.side.output) !== stableJson(y.side.output))
      return { ...base, reason: 'output' };
  }
  return null;
}
