/**
 * The Run tab of a debugging session: the run, the selected task's input and output in that run,
 * and the ways to run it again (rerun from a task, or save the edited definition as a new version
 * and restart on it), each confirmed with what will run again.
 * @module
 */
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Task, Workflow } from '@baton/engine';
import { useBatonClient } from '../app/providers.js';
import { groupVersions, queryKeys, workflowDefsQuery } from '../api/queries.js';
import { executionKeys } from '../executions/api/queries.js';
import { JsonView } from '../executions/shared/JsonView.js';
import { StatusBadge } from '../executions/shared/StatusBadge.js';
import { statusLabel } from '../executions/model/status-style.js';
import { ConfirmDialog } from '../executions/shared/ConfirmDialog.js';
import { useDesigner, useDesignerStoreApi } from '../designer/store/DesignerProvider.js';
import { selectDef, selectIsDirty, selectSelectedRef } from '../designer/store/selectors.js';
import { writeDraft } from '../designer/io/draft-storage.js';
import { allRefs } from '../designer/model/slots.js';
import { bySeq, defRefOf, latestByRef } from './model/run-rows.js';
import {
  failedTask,
  rerunFromTaskPlan,
  restartPlan,
  type RerunPlan,
} from './model/rerun-preview.js';
import { PlanView } from './PlanView.js';

/** The rows of one definition task in the run (a loop body task has one per iteration). */
function rowsOf(tasks: readonly Task[], ref: string, refs: ReadonlySet<string>): Task[] {
  return bySeq(tasks).filter((t) => defRefOf(t.referenceTaskName, refs) === ref);
}

interface Pending {
  plan: RerunPlan;
  title: string;
  confirmLabel: string;
  run: () => Promise<void>;
}

/** Props of the Run tab. */
export interface RunPanelProps {
  workflow: Workflow;
}

/** The Run tab. */
export function RunPanel({ workflow }: RunPanelProps) {
  const client = useBatonClient();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const store = useDesignerStoreApi();
  const def = useDesigner(selectDef);
  const dirty = useDesigner(selectIsDirty);
  const selectedRef = useDesigner(selectSelectedRef);
  const tasks = useMemo(() => workflow.tasks ?? [], [workflow.tasks]);
  const runDef = workflow.workflowDefinition;
  const refs = useMemo(() => allRefs(runDef), [runDef]);
  const failed = failedTask(tasks);
  const ranRefs = useMemo(() => [...latestByRef(tasks).values()], [tasks]);
  const [fromTaskId, setFromTaskId] = useState<string>(failed?.taskId ?? ranRefs[0]?.taskId ?? '');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const defs = useQuery(workflowDefsQuery(client));
  const latestVersion = useMemo(() => {
    const versions = (groupVersions(defs.data ?? []).get(workflow.workflowName) ?? []).map(
      (d) => d.version ?? 1,
    );
    return Math.max(workflow.workflowVersion, ...versions);
  }, [defs.data, workflow.workflowName, workflow.workflowVersion]);
  const nextVersion = latestVersion + 1;
  const terminal = !['RUNNING', 'PAUSED'].includes(workflow.status);
  const renamed = def.name !== workflow.workflowName;

  const selectedRows = selectedRef ? rowsOf(tasks, selectedRef, refs) : [];
  const selected = selectedRows.at(-1);
  // "Rerun from" follows the task selected on the canvas, when the run reached it.
  const selectedRan = ranRefs.some((t) => t.taskId === selected?.taskId) ? selected!.taskId : null;
  const [followed, setFollowed] = useState(selectedRan);
  if (selectedRan !== followed) {
    setFollowed(selectedRan);
    if (selectedRan) setFromTaskId(selectedRan);
  }
  // The button that opened the confirmation gets the focus back when it is cancelled.
  const opener = useRef<HTMLElement | null>(null);
  const ask = (next: Pending) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setError(null);
    setPending(next);
  };
  const cancel = () => {
    setPending(null);
    requestAnimationFrame(() => opener.current?.focus());
  };

  const finish = async () => {
    store.getState().markSaved(store.getState().def);
    writeDraft(`debug/${workflow.workflowId}`, null);
    await qc.invalidateQueries({ queryKey: executionKeys.execution(workflow.workflowId) });
    navigate(`/executions/${encodeURIComponent(workflow.workflowId)}`);
  };
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      await pending.run();
      setPending(null);
      await finish();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const askRerun = () => {
    const plan = rerunFromTaskPlan(runDef, tasks, fromTaskId);
    const from = tasks.find((t) => t.taskId === fromTaskId);
    if (!plan || !from) return;
    ask({
      plan,
      title: `Rerun from ${from.referenceTaskName}?`,
      confirmLabel: 'Rerun',
      run: async () => {
        await client.workflows.rerun(workflow.workflowId, { reRunFromTaskId: fromTaskId });
      },
    });
  };
  const askRestart = () => {
    const draft = { ...store.getState().def, version: nextVersion };
    ask({
      plan: restartPlan(draft, tasks),
      title: `Save as version ${nextVersion} and restart on it?`,
      confirmLabel: `Save v${nextVersion} and restart`,
      run: async () => {
        await client.metadata.registerWorkflowDef(draft);
        void qc.invalidateQueries({ queryKey: queryKeys.workflowDefs });
        await client.workflows.restart(workflow.workflowId, { useLatestDefinitions: true });
      },
    });
  };

  return (
    <div className="run-panel" data-testid="run-panel">
      <section className="run-summary">
        <div className="run-summary-row">
          <Link
            to={`/executions/${encodeURIComponent(workflow.workflowId)}`}
            className="mono small"
          >
            {workflow.workflowId}
          </Link>
          <StatusBadge status={workflow.status} />
        </div>
        <p className="muted small">
          {workflow.workflowName} v{workflow.workflowVersion}. Nodes show what this run did; edit
          the definition, then run it again below.
        </p>
        {workflow.reasonForIncompletion ? (
          <p className="failure-reason small">{workflow.reasonForIncompletion}</p>
        ) : null}
      </section>

      <section className="run-task" aria-label="Selected task in this run">
        <h2 className="run-heading">
          {selectedRef ? <span className="mono">{selectedRef}</span> : 'No task selected'}
        </h2>
        {!selectedRef ? (
          <p className="muted small">Select a task to see its input and output in this run.</p>
        ) : !selected ? (
          <p className="muted small" data-testid="run-task-not-reached">
            This run did not reach this task.
          </p>
        ) : (
          <>
            <div className="run-summary-row">
              <StatusBadge status={selected.status} />
              <span className="muted small">
                {selectedRows.length} attempt{selectedRows.length === 1 ? '' : 's'}
              </span>
            </div>
            {selected.reasonForIncompletion ? (
              <p className="failure-reason small" data-testid="run-task-reason">
                {selected.reasonForIncompletion}
              </p>
            ) : null}
            <h3 className="run-subheading">Input</h3>
            <JsonView value={selected.inputData} label="Input" />
            <h3 className="run-subheading">Output</h3>
            <JsonView value={selected.outputData} label="Output" />
          </>
        )}
      </section>

      <section className="run-again" aria-label="Run again">
        <h2 className="run-heading">Run again</h2>
        {!terminal ? (
          <p className="muted small">The run is still going: it can run again once it ends.</p>
        ) : !dirty ? (
          <>
            <p className="muted small">
              Rerun with the definition the run started with, from a task: earlier successful tasks
              keep their output.
            </p>
            <label className="field">
              <span>Rerun from</span>
              <select
                value={fromTaskId}
                onChange={(e) => setFromTaskId(e.target.value)}
                data-testid="rerun-from"
              >
                {ranRefs.map((t) => (
                  <option key={t.taskId} value={t.taskId}>
                    {t.referenceTaskName} ({statusLabel(t.status)})
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button primary"
              onClick={askRerun}
              disabled={!fromTaskId}
            >
              Rerun from this task…
            </button>
          </>
        ) : (
          <>
            <p className="small" data-testid="restart-explained">
              You changed the definition. A rerun keeps the definition its run started with, so the
              changed one runs as version {nextVersion}: it is saved, then this run restarts on it
              from the first task (Conductor&apos;s restart with the latest definitions).
            </p>
            {renamed ? (
              <p className="error-text small">
                The name changed: a restart only uses versions of {workflow.workflowName}.
              </p>
            ) : null}
            <button
              type="button"
              className="button primary"
              onClick={askRestart}
              disabled={renamed}
            >
              Save as v{nextVersion} and restart…
            </button>
            <p className="muted small">
              To keep the run as it is, use Save in the toolbar: it only stores a new version.
            </p>
          </>
        )}
      </section>

      {pending ? (
        <ConfirmDialog
          title={pending.title}
          confirmLabel={pending.confirmLabel}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onCancel={cancel}
        >
          <PlanView plan={pending.plan} />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
