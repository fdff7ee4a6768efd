/**
 * Test cases of the designer's Test panel: what a test run did (its trace), whether it passed its
 * case's expectations, and which branches of the definition no run reached (branch coverage).
 * Pure functions over the definition and the runs `POST /api/workflow/test` answered.
 * @module
 */
import type { Task, Workflow, WorkflowDef, WorkflowTask, WorkflowTestCase } from '@baton/client';

/** What one test run did: tasks that ran, SWITCH cases taken, optional tasks that failed. */
export interface RunTrace {
  /** Final status of the run. */
  status: string;
  /** Reference names of the tasks that ran (loop iterations folded into their task). */
  ran: Set<string>;
  /** Per SWITCH/DECISION reference, the case keys taken (`default` for the default case). */
  cases: Map<string, Set<string>>;
  /** Optional tasks that failed (and so took the optional failure path). */
  optionalFailed: Set<string>;
  /** Per task reference, its last status (what the canvas plays). */
  statusByRef: Map<string, string>;
  /** FORK_JOIN_DYNAMIC references that forked at least one branch that ran. */
  dynamicForked: Set<string>;
  /** Every task reference of the definition the run ran against (to tell tasks added since). */
  defRefs: Set<string>;
  output: Record<string, unknown>;
}

/** The key of a SWITCH's default case in traces and gaps. */
export const DEFAULT_CASE = 'default';

const FAILED = new Set([
  'FAILED',
  'FAILED_WITH_TERMINAL_ERROR',
  'TIMED_OUT',
  'COMPLETED_WITH_ERRORS',
]);

/** A loop iteration's reference (`ref__2`) as its task's. */
export function baseRef(referenceTaskName: string): string {
  return referenceTaskName.replace(/__\d+$/, '');
}

/** Every task of the definition by reference, nested lists included. */
function tasksByRef(def: WorkflowDef): Map<string, WorkflowTask> {
  const out = new Map<string, WorkflowTask>();
  const visit = (list: readonly WorkflowTask[] | undefined) => {
    for (const t of list ?? []) {
      if (!out.has(t.taskReferenceName)) out.set(t.taskReferenceName, t);
      for (const b of t.forkTasks ?? []) visit(b);
      for (const c of Object.values(t.decisionCases ?? {})) visit(c);
      visit(t.defaultCase);
      visit(t.loopOver);
    }
  };
  visit(def.tasks);
  return out;
}

/** The case a SWITCH task took: its `selectedCase` (or `evaluationResult[0]`), default when no case has that key. */
function takenCase(task: Task, def: WorkflowTask | undefined): string | null {
  const out = (task.outputData ?? {}) as { selectedCase?: unknown; evaluationResult?: unknown };
  const raw =
    out.selectedCase ?? (Array.isArray(out.evaluationResult) ? out.evaluationResult[0] : undefined);
  if (raw === undefined || raw === null) return null;
  const key = String(raw);
  return def?.decisionCases && key in def.decisionCases ? key : DEFAULT_CASE;
}

/** The branch references a dynamic fork created (its `forkedTasks` input). */
function forkedRefs(task: Task): string[] {
  const forked = (task.inputData ?? {})['forkedTasks'];
  return Array.isArray(forked) ? forked.filter((r): r is string => typeof r === 'string') : [];
}

/** The trace of a test run answered by `POST /api/workflow/test`. */
export function traceRun(
  def: WorkflowDef,
  run: Pick<Workflow, 'status' | 'tasks' | 'output'>,
): RunTrace {
  const byRef = tasksByRef(def);
  const trace: RunTrace = {
    status: run.status,
    ran: new Set(),
    cases: new Map(),
    optionalFailed: new Set(),
    statusByRef: new Map(),
    dynamicForked: new Set(),
    defRefs: new Set(byRef.keys()),
    output: (run.output ?? {}) as Record<string, unknown>,
  };
  const runRefs = new Set((run.tasks ?? []).map((t) => t.referenceTaskName));
  for (const task of run.tasks ?? []) {
    const ref = baseRef(task.referenceTaskName);
    const wt = byRef.get(ref);
    trace.ran.add(ref);
    trace.statusByRef.set(ref, task.status);
    const type = wt?.type ?? task.taskType;
    if (type === 'SWITCH' || type === 'DECISION') {
      const taken = takenCase(task, wt);
      if (taken !== null) {
        const set = trace.cases.get(ref) ?? new Set<string>();
        set.add(taken);
        trace.cases.set(ref, set);
      }
    }
    if (wt?.optional && FAILED.has(task.status)) trace.optionalFailed.add(ref);
    if (type === 'FORK_JOIN_DYNAMIC' && forkedRefs(task).some((r) => runRefs.has(r)))
      trace.dynamicForked.add(ref);
  }
  return trace;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => k in b && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** The expectations of a case that the run failed, as sentences; empty when it passed. */
export function checkRun(testCase: WorkflowTestCase, trace: RunTrace): string[] {
  const failures: string[] = [];
  const want = testCase.expect ?? {};
  if (want.status && want.status !== trace.status)
    failures.push(`status is ${trace.status}, expected ${want.status}`);
  for (const [key, value] of Object.entries(want.output ?? {})) {
    if (!sameJson(trace.output[key], value))
      failures.push(
        `output.${key} is ${JSON.stringify(trace.output[key]) ?? 'missing'}, expected ${JSON.stringify(value)}`,
      );
  }
  for (const ref of want.tasksRan ?? [])
    if (!trace.ran.has(ref)) failures.push(`${ref} did not run`);
  for (const ref of want.tasksNotRan ?? [])
    if (trace.ran.has(ref)) failures.push(`${ref} ran, expected it not to`);
  return failures;
}

/** A part of the definition no test run reached. */
export interface CoverageGap {
  /** The task the gap belongs to (the SWITCH, FORK_JOIN, DO_WHILE or optional task). */
  ref: string;
  kind: 'case' | 'branch' | 'loop' | 'optional' | 'added';
  /** The case key (`default` for the default case) or the branch number (from 1). */
  key?: string;
  /** What is unreached, for people: `case "oven"`, `default case`, `branch 2`, `loop body`. */
  label: string;
}

/**
 * What no trace reached, in the definition as it is now: each SWITCH/DECISION case (the default
 * case included), each non-empty fork branch, a dynamic fork's branches (reached when any branch
 * ran), each loop body, each optional task's failure path, and each task added since the runs
 * (one no trace's definition had and no trace ran) unless the path it is on is itself unreached.
 * A SUB_WORKFLOW is one task here: its own definition's cases are its own tests' business.
 */
export function coverageGaps(def: WorkflowDef, traces: readonly RunTrace[]): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  const ran = (ref: string) => traces.some((t) => t.ran.has(ref));
  const known = (ref: string) => traces.some((t) => t.defRefs.has(ref));
  const took = (ref: string, key: string) => traces.some((t) => t.cases.get(ref)?.has(key));
  const listRan = (list: readonly WorkflowTask[] | undefined) =>
    (list ?? []).some((t) => ran(t.taskReferenceName));
  /** `pathGap`: the list is on a path already reported unreached. */
  const visit = (list: readonly WorkflowTask[] | undefined, pathGap: boolean) => {
    for (const t of list ?? []) {
      const ref = t.taskReferenceName;
      if (!pathGap && traces.length > 0 && !known(ref) && !ran(ref))
        gaps.push({ ref, kind: 'added', label: 'added since the last run' });
      let caseGaps = new Set<string>();
      if (t.type === 'SWITCH' || t.type === 'DECISION') {
        caseGaps = new Set(
          [...Object.keys(t.decisionCases ?? {}), DEFAULT_CASE].filter((key) => !took(ref, key)),
        );
        for (const key of Object.keys(t.decisionCases ?? {}))
          if (caseGaps.has(key)) gaps.push({ ref, kind: 'case', key, label: `case "${key}"` });
        if (caseGaps.has(DEFAULT_CASE))
          gaps.push({ ref, kind: 'case', key: DEFAULT_CASE, label: 'default case' });
      }
      const branchGaps = new Set<number>();
      if (t.type === 'FORK_JOIN') {
        (t.forkTasks ?? []).forEach((branch, i) => {
          if (branch.length > 0 && !listRan(branch)) {
            branchGaps.add(i);
            gaps.push({ ref, kind: 'branch', key: String(i + 1), label: `branch ${i + 1}` });
          }
        });
      }
      if (t.type === 'FORK_JOIN_DYNAMIC' && !traces.some((tr) => tr.dynamicForked.has(ref)))
        gaps.push({ ref, kind: 'branch', key: 'dynamic', label: 'dynamic branches' });
      const loopGap =
        t.type === 'DO_WHILE' && (t.loopOver ?? []).length > 0 && !listRan(t.loopOver);
      if (loopGap) gaps.push({ ref, kind: 'loop', label: 'loop body' });
      if (t.optional && !traces.some((tr) => tr.optionalFailed.has(ref)))
        gaps.push({ ref, kind: 'optional', label: 'optional failure path' });
      (t.forkTasks ?? []).forEach((b, i) => visit(b, pathGap || branchGaps.has(i)));
      for (const [key, c] of Object.entries(t.decisionCases ?? {}))
        visit(c, pathGap || caseGaps.has(key));
      visit(t.defaultCase, pathGap || caseGaps.has(DEFAULT_CASE));
      visit(t.loopOver, pathGap || loopGap);
    }
  };
  visit(def.tasks, false);
  return gaps;
}

/** Gaps grouped by the task they belong to (what the canvas marks on each node). */
export function gapsByRef(gaps: readonly CoverageGap[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of gaps) out.set(g.ref, [...(out.get(g.ref) ?? []), g.label]);
  return out;
}

/** The `POST /api/workflow/test` body of a case, run against the edited definition. */
export function testRequest(def: WorkflowDef, testCase: WorkflowTestCase) {
  return {
    name: def.name,
    version: def.version,
    workflowDef: def,
    input: testCase.input ?? {},
    taskRefToMockOutput: testCase.taskRefToMockOutput ?? {},
  };
}

/** Reference names of the tasks a worker runs (the ones a case mocks), in definition order. */
export function mockableRefs(def: WorkflowDef): string[] {
  const system = new Set([
    'SWITCH',
    'DECISION',
    'FORK_JOIN',
    'FORK_JOIN_DYNAMIC',
    'JOIN',
    'DO_WHILE',
    'SET_VARIABLE',
    'INLINE',
    'TERMINATE',
    'DYNAMIC',
    'SUB_WORKFLOW',
  ]);
  return [...tasksByRef(def).values()]
    .filter((t) => !system.has(t.type ?? 'SIMPLE'))
    .map((t) => t.taskReferenceName);
}
