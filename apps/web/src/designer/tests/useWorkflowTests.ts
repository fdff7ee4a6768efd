/**
 * The designer's test cases: loaded from and saved to `/api/metadata/workflow/{name}/tests`, run
 * against the edited definition through `POST /api/workflow/test`, with each case's result, the
 * branch coverage of all results and the run the canvas plays. Each run is removed from the server
 * once read; each result remembers the definition and case it ran with (stale once either changed).
 * @module
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BatonClient, Workflow, WorkflowTestCase } from '@baton/client';
import type { WorkflowDef } from '@baton/engine';
import {
  checkRun,
  coverageGaps,
  gapsByRef,
  testRequest,
  traceRun,
  type CoverageGap,
  type RunTrace,
} from '../model/test-cases.js';
import { removeTestRun } from './cleanup.js';
import { caseKeyOf, coverageTraces, defKeyOf, type RunStamp } from './results.js';

/** The outcome of one case's last run, and what it ran against. */
export interface CaseResult extends RunStamp {
  trace: RunTrace | null;
  failures: string[];
  /** The request failed (a message), rather than the run. */
  error?: string;
}

/** What the canvas shows of the tests: the run being played and the unreached branches. */
export interface TestOverlay {
  statusByRef: ReadonlyMap<string, string> | null;
  gapsByRef: ReadonlyMap<string, string[]> | null;
}

const PLAY_STEP_MS = 250;

/** Test cases of the open workflow and what running them showed. */
export function useWorkflowTests(client: BatonClient, savedName: string | null, def: WorkflowDef) {
  const [cases, setCases] = useState<WorkflowTestCase[]>([]);
  const [dirty, setDirty] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [results, setResults] = useState<ReadonlyMap<string, CaseResult>>(new Map());
  const [running, setRunning] = useState(false);
  const [cleanupError, setCleanupError] = useState<string | null>(null);
  const [playing, setPlaying] = useState<{ name: string; statusByRef: Map<string, string> } | null>(
    null,
  );
  const timer = useRef<number | null>(null);
  const defRef = useRef(def);
  useEffect(() => {
    defRef.current = def;
  });

  useEffect(() => {
    if (!savedName) return;
    let live = true;
    client.metadata
      .getWorkflowTests(savedName)
      .then((saved) => {
        if (!live) return;
        setCases(saved);
        setDirty(false);
        setLoadError(null);
      })
      .catch((e: unknown) => {
        // A workflow not saved yet has no test cases.
        if (live && (e as { status?: number }).status !== 404) setLoadError(String(e));
      });
    return () => {
      live = false;
    };
  }, [client, savedName]);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearInterval(timer.current);
    },
    [],
  );

  const replaceCases = useCallback((next: WorkflowTestCase[]) => {
    setCases(next);
    setDirty(true);
  }, []);

  /** Shows a run task by task on the canvas, like a live execution. */
  const play = useCallback((name: string, run: Workflow) => {
    if (timer.current !== null) window.clearInterval(timer.current);
    const tasks = [...(run.tasks ?? [])].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const statusByRef = new Map<string, string>();
    let i = 0;
    setPlaying({ name, statusByRef: new Map(statusByRef) });
    timer.current = window.setInterval(() => {
      const task = tasks[i++];
      if (!task) {
        if (timer.current !== null) window.clearInterval(timer.current);
        timer.current = null;
        return;
      }
      statusByRef.set(task.referenceTaskName.replace(/__\d+$/, ''), task.status);
      setPlaying({ name, statusByRef: new Map(statusByRef) });
    }, PLAY_STEP_MS);
  }, []);

  const runOne = useCallback(
    async (
      testCase: WorkflowTestCase,
      draft: WorkflowDef,
    ): Promise<[CaseResult, Workflow | null]> => {
      const stamp = { defKey: defKeyOf(draft), caseKey: caseKeyOf(testCase) };
      let run: Workflow;
      try {
        run = await client.workflows.test(testRequest(draft, testCase));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return [{ ...stamp, trace: null, failures: [message], error: message }, null];
      }
      // Read, so removed: test runs are hidden executions that would otherwise pile up.
      await removeTestRun(client, run).then(
        () => setCleanupError(null),
        (e: unknown) => setCleanupError(e instanceof Error ? e.message : String(e)),
      );
      const trace = traceRun(draft, run);
      return [{ ...stamp, trace, failures: checkRun(testCase, trace) }, run];
    },
    [client],
  );

  /** Runs one case against the edited definition and plays it on the canvas. */
  const runCase = useCallback(
    async (testCase: WorkflowTestCase) => {
      setRunning(true);
      const [result, run] = await runOne(testCase, defRef.current);
      setResults((prev) => new Map(prev).set(testCase.name, result));
      setRunning(false);
      if (run) play(testCase.name, run);
      return result;
    },
    [runOne, play],
  );

  /** Runs every case against `draft` (the edited definition unless given). */
  const runAll = useCallback(
    async (draft: WorkflowDef = defRef.current) => {
      setRunning(true);
      const next = new Map<string, CaseResult>();
      for (const testCase of cases) next.set(testCase.name, (await runOne(testCase, draft))[0]);
      setResults(next);
      setRunning(false);
      return next;
    },
    [cases, runOne],
  );

  const save = useCallback(async () => {
    if (!savedName) throw new Error('Save the workflow first: its test cases are kept with it.');
    await client.metadata.saveWorkflowTests(savedName, cases);
    setDirty(false);
  }, [client, savedName, cases]);

  /** Coverage counts only once every case has run; computed on the definition as it is now. */
  const coverage = useMemo(() => coverageTraces(cases, results, def), [cases, results, def]);
  const gaps: CoverageGap[] | null = useMemo(
    () => (coverage ? coverageGaps(def, coverage.traces) : null),
    [coverage, def],
  );
  const overlay: TestOverlay = useMemo(
    () => ({
      statusByRef: playing?.statusByRef ?? null,
      gapsByRef: gaps ? gapsByRef(gaps) : null,
    }),
    [playing, gaps],
  );
  const stopPlaying = useCallback(() => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
    setPlaying(null);
  }, []);

  return {
    cases,
    replaceCases,
    dirty,
    loadError,
    results,
    running,
    runCase,
    runAll,
    save,
    gaps,
    /** The coverage comes from runs of another definition or of other cases: run them again. */
    coverageStale: coverage?.stale ?? false,
    cleanupError,
    overlay,
    playing: playing?.name ?? null,
    stopPlaying,
    canSave: savedName !== null,
  };
}

/** The hook's result, as panels receive it. */
export type WorkflowTests = ReturnType<typeof useWorkflowTests>;
