/**
 * DO_WHILE iterations and retried attempts: groups an execution's task rows by the definition node
 * they came from, so the graph can show one iteration at a time and a node its attempts.
 * @module
 */
import type { Task, WorkflowTask } from '@baton/client';

/** The definition reference of a row: a loop body row `ref__2` belongs to node `ref`. */
export function baseRef(referenceTaskName: string): string {
  return referenceTaskName.replace(/__\d+$/, '');
}

/** The refs of every task inside a loop body, nested containers included. */
export function loopBodyRefs(loop: WorkflowTask): Set<string> {
  const refs = new Set<string>();
  const visit = (list: readonly WorkflowTask[] | undefined) => {
    for (const t of list ?? []) {
      refs.add(t.taskReferenceName);
      for (const branch of t.forkTasks ?? []) visit(branch);
      for (const c of Object.values(t.decisionCases ?? {})) visit(c);
      visit(t.defaultCase);
      visit(t.loopOver);
    }
  };
  visit(loop.loopOver);
  return refs;
}

/** The iterations (1-based, ascending) that have rows for a loop's body. */
export function iterationsOf(tasks: readonly Task[], loop: WorkflowTask): number[] {
  const body = loopBodyRefs(loop);
  const seen = new Set<number>();
  for (const t of tasks)
    if (body.has(baseRef(t.referenceTaskName)) && t.iteration > 0) seen.add(t.iteration);
  return [...seen].sort((a, b) => a - b);
}

const FAILED = new Set(['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT']);

/** The iterations (ascending) in which a row of the loop's body failed or timed out. */
export function failedIterationsOf(tasks: readonly Task[], loop: WorkflowTask): number[] {
  const body = loopBodyRefs(loop);
  const seen = new Set<number>();
  for (const t of tasks)
    if (body.has(baseRef(t.referenceTaskName)) && t.iteration > 0 && FAILED.has(t.status))
      seen.add(t.iteration);
  return [...seen].sort((a, b) => a - b);
}

/** Every attempt of one node, oldest first, plus the latest one. */
export interface NodeAttempts {
  latest: Task;
  attempts: Task[];
}

/**
 * Groups rows by definition ref. Rows of a loop body are kept only for the chosen iteration of their
 * loop (`iterationByLoop`, default: the loop's latest iteration). Attempts are ordered by retryCount
 * then seq; `latest` is the last of them.
 */
export function groupByNode(
  tasks: readonly Task[],
  loops: ReadonlyMap<string, { bodyRefs: ReadonlySet<string> }>,
  iterationByLoop: ReadonlyMap<string, number> = new Map(),
): Map<string, NodeAttempts> {
  const loopOfRef = new Map<string, string>();
  for (const [loopRef, { bodyRefs }] of loops)
    for (const r of bodyRefs) if (!loopOfRef.has(r)) loopOfRef.set(r, loopRef);
  const maxIteration = new Map<string, number>();
  for (const t of tasks) {
    const loop = loopOfRef.get(baseRef(t.referenceTaskName));
    if (loop) maxIteration.set(loop, Math.max(maxIteration.get(loop) ?? 0, t.iteration));
  }
  const byRef = new Map<string, Task[]>();
  for (const t of tasks) {
    const ref = baseRef(t.referenceTaskName);
    const loop = loopOfRef.get(ref);
    if (loop) {
      const wanted = iterationByLoop.get(loop) ?? maxIteration.get(loop) ?? 0;
      if (t.iteration !== wanted) continue;
    }
    byRef.set(ref, [...(byRef.get(ref) ?? []), t]);
  }
  const out = new Map<string, NodeAttempts>();
  for (const [ref, rows] of byRef) {
    const attempts = [...rows].sort((a, b) => a.retryCount - b.retryCount || a.seq - b.seq);
    out.set(ref, { latest: attempts[attempts.length - 1]!, attempts });
  }
  return out;
}
