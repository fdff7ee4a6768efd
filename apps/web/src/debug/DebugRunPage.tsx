/**
 * "Open in designer" for an execution (`/executions/:workflowId/debug`): the definition the run
 * used, editable, with each node marked with the run's status, the failed task selected, and a Run
 * tab with the selected task's input and output and the ways to run it again.
 * @module
 */
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { Workflow, WorkflowDef } from '@baton/engine';
import { useBatonClient } from '../app/providers.js';
import { workflowDefQuery } from '../api/queries.js';
import { executionQuery } from '../executions/api/queries.js';
import { PageSpinner } from '../ui/PageSpinner.js';
import { DesignerSession } from '../designer/pages/DesignerSession.js';
import { readDraft } from '../designer/io/draft-storage.js';
import { runMarks } from './run-marks.js';
import { failedTask } from './model/rerun-preview.js';
import { RunPanel } from './RunPanel.js';
import './debug.css';

/** Route component. */
export default function DebugRunPage() {
  const { workflowId = '' } = useParams();
  const client = useBatonClient();
  const run = useQuery(executionQuery(client, workflowId));
  const name = run.data?.workflowName ?? '';
  const version = run.data?.workflowVersion;
  const stored = useQuery({
    ...workflowDefQuery(client, name, version),
    enabled: !!run.data,
  });
  if (run.isPending || (run.data && stored.isPending)) {
    return <PageSpinner label="Loading the execution…" />;
  }
  if (run.isError || !run.data) {
    return (
      <div className="page">
        <div className="empty-state">
          <h1>Cannot open execution {workflowId}</h1>
          <p>{run.error instanceof Error ? run.error.message : 'The execution was not found.'}</p>
          <Link className="button" to="/executions">
            Back to executions
          </Link>
        </div>
      </div>
    );
  }
  return <DebugSession workflow={run.data} stored={stored.data ?? null} />;
}

function DebugSession({ workflow, stored }: { workflow: Workflow; stored: WorkflowDef | null }) {
  // The stored version the run was started from; if it was deleted since, the run's frozen copy.
  const def = stored ?? workflow.workflowDefinition;
  const marks = useMemo(() => runMarks(def, workflow.tasks ?? []), [def, workflow.tasks]);
  const failed = failedTask(workflow.tasks ?? []);
  const key = `debug/${workflow.workflowId}`;
  const draft = readDraft(key);
  return (
    <DesignerSession
      key={key}
      draftKey={key}
      initial={draft?.def ?? def}
      baseline={def}
      notice={
        stored
          ? null
          : `Version ${workflow.workflowVersion} is no longer stored: showing the copy the run kept`
      }
      selectedRef={failed ? failed.referenceTaskName.replace(/__\d+$/, '') : null}
      run={{ marks, panel: <RunPanel workflow={workflow} /> }}
    />
  );
}
