/**
 * Ending a workflow (docs/conductor-compatibility.md#ending-a-workflow): status, output, failed
 * task names, reason; then, after the save, terminate canceled children, notify the parent and
 * start the failureWorkflow.
 * @module
 */
import type { Outcome } from '../../decider/outcome.js';
import type { Workflow } from '../../model/workflow.js';
import type { Engine } from './engine.js';
import { patchWorkflow, type Session } from './session.js';

type EndOutcome = Extract<Outcome, { type: 'end' }>;

export async function finishWorkflow(
  engine: Engine,
  session: Session,
  outcome: EndOutcome,
): Promise<void> {
  const now = engine.deps.clock.now();
  const workflow = session.workflow;
  const output = { ...outcome.output };
  const failed = workflow.tasks.filter(
    (t) => t.status === 'FAILED' || t.status === 'FAILED_WITH_TERMINAL_ERROR',
  );
  if (outcome.startFailureWorkflow) {
    await prepareFailureWorkflow(engine, session, outcome, output);
  }
  patchWorkflow(session, {
    status: outcome.status,
    endTime: now,
    output,
    reasonForIncompletion: outcome.reason ?? null,
    failedReferenceTaskNames: unique(failed.map((t) => t.referenceTaskName)),
    failedTaskNames: unique(failed.map((t) => t.taskDefName)),
  });
  const reason = outcome.reason
    ? `Parent workflow has been terminated with reason: ${outcome.reason}`
    : `Parent workflow has been terminated with status ${outcome.status}`;
  for (const task of outcome.upserts) {
    if (task.taskType === 'SUB_WORKFLOW' && task.status === 'CANCELED' && task.subWorkflowId) {
      const childId = task.subWorkflowId;
      session.effects.push(() => terminateQuietly(engine, childId, reason));
    }
  }
  if (workflow.parentWorkflowId) {
    session.effects.push(() => engine.ops.notifyParent(session.workflow));
  }
}

async function terminateQuietly(engine: Engine, workflowId: string, reason: string): Promise<void> {
  try {
    await engine.ops.terminate(workflowId, reason);
  } catch {
    // The child may be gone or already completed; the parent's state does not depend on it.
  }
}

async function prepareFailureWorkflow(
  engine: Engine,
  session: Session,
  outcome: EndOutcome,
  output: Record<string, unknown>,
): Promise<void> {
  const workflow = session.workflow;
  const def = workflow.workflowDefinition;
  if (!def.failureWorkflow) return;
  const name = failureWorkflowName(def.failureWorkflow, workflow.input);
  if (!name) return;
  const version = def.failureWorkflowVersion ?? undefined;
  const failureDef = await engine.deps.definitions.getWorkflowDef(name, version);
  if (!failureDef) {
    output['conductor.failure_workflow'] =
      `Error starting failure workflow: No such workflow defined. name=${name}, version=${version ?? null}`;
    return;
  }
  const workflowId = engine.deps.ids.newId();
  output['conductor.failure_workflow'] = workflowId;
  const input = {
    ...workflow.input,
    workflowId: workflow.workflowId,
    reason: outcome.reason ?? null,
    failureStatus: outcome.status,
    failureTaskId: outcome.failedTaskId ?? null,
  };
  session.effects.push(async () => {
    const failedWorkflow: Workflow = { ...session.workflow };
    await engine.ops.startWorkflow(
      {
        name,
        version: failureDef.version ?? null,
        input: { ...input, failedWorkflow },
        correlationId: workflow.correlationId ?? null,
        taskToDomain: workflow.taskToDomain ?? null,
      },
      { workflowId },
    );
  });
}

/**
 * The failure workflow's name: the def's value, or for the legacy `$workflow.input.<key>` form the
 * input value under `<key>` (a braced `${...}` value therefore finds nothing, as in Conductor).
 */
export function failureWorkflowName(value: string, input: Record<string, unknown>): string | null {
  if (!value.startsWith('$')) return value;
  const key = value.split('.')[2];
  const name = key === undefined ? undefined : input[key];
  return typeof name === 'string' && name !== '' ? name : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
