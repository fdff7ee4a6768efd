import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import type { ExecutionEvent, Task, WorkflowTask } from '@baton/client';
import { useBatonClient } from '../../app/providers.js';
import { PageSpinner } from '../../ui/PageSpinner.js';
import { executionQuery } from '../api/queries.js';
import { useLiveExecution } from '../api/useLiveExecution.js';
import { useOperation, type OperationRequest } from '../api/mutations.js';
import { statusAt } from '../model/status-at.js';
import { buildBaseGraph, shapeKey } from '../model/execution-graph.js';
import { groupByNode } from '../model/iterations.js';
import { affectedRefs, canRetryInsideSubWorkflow, type Operation } from '../model/operations.js';
import { untakenBranchRefs } from '../model/untaken-branches.js';
import { isActiveStatus, statusLabel } from '../model/status-style.js';
import { baseRef } from '../model/iterations.js';
import { groupsAround, openingCollapsed } from '../../graph/collapse.js';
import { useCollapsedGroups } from '../../graph/useCollapsedGroups.js';
import { graphCallbacks } from '../../graph/callbacks.js';
import { ForkBranches } from './ForkBranches.js';
import { ExecutionHeader } from './ExecutionHeader.js';
import { ExecutionGraph } from './ExecutionGraph.js';
import { TaskDetails } from './TaskDetails.js';
import { WorkflowDetails } from './WorkflowDetails.js';
import { Timeline } from './Timeline.js';
import { OperationPanel } from './OperationPanel.js';
import { StatusAnnouncer } from './StatusAnnouncer.js';
import { StatusLegend } from './StatusLegend.js';
import { FindDialog } from '../../ui/FindDialog.js';
import { findItems } from '../model/find-tasks.js';
import '../executions.css';

const NO_TASKS: Task[] = [];
const NO_REFS: ReadonlySet<string> = new Set();
const FAILED = new Set(['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT']);

/** The tasks a large execution opens on: the failed ones, else the running ones. */
function focusRefs(tasks: readonly Task[]): string[] {
  const failed = tasks.filter((t) => FAILED.has(t.status));
  const chosen = failed.length > 0 ? failed : tasks.filter((t) => isActiveStatus(t.status));
  return chosen.map((t) => baseRef(t.referenceTaskName));
}

/** `/executions/:workflowId`: the live execution on its graph, with details, timeline and operations. */
export default function ExecutionPage() {
  const { workflowId = '' } = useParams();
  // Keyed: view state (replay time, iterations, pending operation) starts fresh per execution.
  return <ExecutionView key={workflowId} workflowId={workflowId} />;
}

function ExecutionView({ workflowId }: { workflowId: string }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const client = useBatonClient();
  const query = useQuery(executionQuery(client, workflowId));
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((e: ExecutionEvent) => {
    setAnnouncement(
      e.type === 'task'
        ? `${e.referenceTaskName} ${statusLabel(e.status).toLowerCase()}`
        : `Workflow ${statusLabel(e.status).toLowerCase()}`,
    );
  }, []);
  useLiveExecution(workflowId, announce);

  const selectedRef = params.get('task');
  const select = useCallback(
    (ref: string | null) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (ref) next.set('task', ref);
          else next.delete('task');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const [scrubTime, setScrubTime] = useState<number | null>(null);
  const [iterationByLoop, setIterationByLoop] = useState<ReadonlyMap<string, number>>(new Map());
  const [pendingOp, setPendingOp] = useState<Operation | null>(null);
  const operation = useOperation(workflowId);
  // Find (Ctrl/Cmd+F): jump to a task by reference name, name or type, or to the failed/running one.
  const [findOpen, setFindOpen] = useState(false);
  const [reveal, setReveal] = useState<{ ref: string; nonce: number } | null>(null);
  const goToTask = useCallback(
    (ref: string) => {
      select(ref);
      setReveal((r) => ({ ref, nonce: (r?.nonce ?? 0) + 1 }));
    },
    [select],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        setFindOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const workflow = query.data;
  const allTasks = workflow?.tasks ?? NO_TASKS;
  const shown = useMemo(
    () => (scrubTime === null ? allTasks : statusAt(allTasks, scrubTime)),
    [allTasks, scrubTime],
  );
  const shape = shapeKey(allTasks);
  const def = workflow?.workflowDefinition;
  // Collapsed forks, switches and loops: a large execution opens with the groups away from its
  // failed (else running) tasks collapsed; kept per execution for the session.
  const groupsState = useCollapsedGroups(def ? `execution:${workflowId}` : '', () =>
    def ? openingCollapsed(def.tasks, focusRefs(allTasks)) : [],
  );
  const { collapsed, set: setCollapsed } = groupsState;
  const base = useMemo(
    () => (def ? buildBaseGraph(def, allTasks, collapsed) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- relayout only when the shape changes
    [def, shape, collapsed],
  );
  // A task chosen inside a collapsed group (Find, the timeline, the failure banner) opens it.
  useEffect(() => {
    if (!selectedRef || !def) return;
    const around = groupsAround(def.tasks, selectedRef) ?? [];
    if (around.some((r) => collapsed.has(r)))
      setCollapsed([...collapsed].filter((r) => !around.includes(r)));
  }, [selectedRef, def, collapsed, setCollapsed]);
  const groups = useMemo(
    () => (base ? groupByNode(shown, base.loops, iterationByLoop) : new Map()),
    [shown, base, iterationByLoop],
  );
  const affected = useMemo(() => {
    if (!pendingOp || !base || !def) return NO_REFS;
    const untaken = untakenBranchRefs(def, allTasks);
    return affectedRefs(
      pendingOp,
      base.refs.filter((r) => !untaken.has(r)),
      allTasks,
    );
  }, [pendingOp, base, def, allTasks]);
  const callbacks = useMemo(
    () =>
      graphCallbacks({
        toggleGroup: groupsState.toggle,
        showIteration: (loopRef: string, n: number) =>
          setIterationByLoop((m) => new Map(m).set(loopRef, n)),
        openExecution: (id: string) => navigate(`/executions/${encodeURIComponent(id)}`),
      }),
    [navigate, groupsState.toggle],
  );
  const confirm = (request: OperationRequest) =>
    operation.mutate(request, {
      onSuccess: () => {
        setPendingOp(null);
        setScrubTime(null);
      },
    });

  if (query.isPending) return <PageSpinner label="Loading execution…" />;
  if (query.isError || !workflow || !def || !base) {
    return (
      <div className="page empty-state">
        <h1>Execution not found</h1>
        <p className="muted">{query.error?.message ?? `No execution ${workflowId}`}</p>
      </div>
    );
  }
  const selectedNode = selectedRef ? findNode(def.tasks, selectedRef) : undefined;
  const forkBranches = selectedRef ? base.forkBranches.get(selectedRef) : undefined;
  const branchOf = selectedRef
    ? [...base.forkBranches].find(([, refs]) => refs.includes(selectedRef))?.[0]
    : undefined;
  const pendingTask =
    pendingOp && 'ref' in pendingOp ? groups.get(pendingOp.ref)?.latest : undefined;
  return (
    <div className="exec-page">
      <ExecutionHeader
        workflow={workflow}
        onOperation={setPendingOp}
        onGoToTask={goToTask}
        onFind={() => setFindOpen(true)}
      />
      <div className="exec-body">
        <div className="exec-center">
          <div className="canvas-wrap exec-canvas">
            <ReactFlowProvider>
              <ExecutionGraph
                base={base}
                groups={groups}
                tasks={shown}
                selectedRef={selectedRef}
                affected={affected}
                iterationByLoop={iterationByLoop}
                onSelect={select}
                callbacks={callbacks}
                reveal={reveal}
              />
            </ReactFlowProvider>
            <StatusLegend />
            {scrubTime !== null ? (
              <div className="replay-banner" role="status">
                Replaying — statuses as they were at the selected moment
              </div>
            ) : null}
            {pendingOp ? (
              <OperationPanel
                key={JSON.stringify(pendingOp)}
                op={pendingOp}
                affectedCount={affected.size}
                task={pendingTask}
                busy={operation.isPending}
                error={operation.error ? operation.error.message : null}
                subWorkflowRetry={canRetryInsideSubWorkflow(allTasks)}
                onConfirm={confirm}
                onCancel={() => {
                  setPendingOp(null);
                  operation.reset();
                }}
              />
            ) : null}
          </div>
          <Timeline
            tasks={allTasks}
            workflow={workflow}
            scrubTime={scrubTime}
            onScrub={setScrubTime}
            selectedRef={selectedRef}
            onSelect={select}
          />
        </div>
        <aside className="designer-right exec-right" aria-label="Details">
          {forkBranches && selectedRef ? (
            <ForkBranches
              key={`branches-${selectedRef}`}
              forkRef={selectedRef}
              branchRefs={forkBranches}
              groups={groups}
              onPick={select}
            />
          ) : null}
          {branchOf ? (
            <button
              type="button"
              className="link-button fork-back"
              onClick={() => select(branchOf)}
            >
              ← All branches of {branchOf}
            </button>
          ) : null}
          {selectedRef ? (
            <TaskDetails
              key={selectedRef}
              ref_={selectedRef}
              node={selectedNode}
              group={groups.get(selectedRef)}
              workflowStatus={workflow.status}
              onOperation={setPendingOp}
            />
          ) : (
            <WorkflowDetails workflow={workflow} />
          )}
        </aside>
      </div>
      <StatusAnnouncer message={announcement} />
      {findOpen ? (
        <FindDialog
          title="Find a task"
          items={findItems(allTasks)}
          onPick={(id) => goToTask(id.replace(/^task:/, ''))}
          onClose={() => setFindOpen(false)}
        />
      ) : null}
    </div>
  );
}

function findNode(list: readonly WorkflowTask[], ref: string): WorkflowTask | undefined {
  for (const t of list) {
    if (t.taskReferenceName === ref) return t;
    const children = [
      ...(t.forkTasks ?? []).flat(),
      ...Object.values(t.decisionCases ?? {}).flat(),
      ...(t.defaultCase ?? []),
      ...(t.loopOver ?? []),
    ];
    const found = findNode(children, ref);
    if (found) return found;
  }
  return undefined;
}
