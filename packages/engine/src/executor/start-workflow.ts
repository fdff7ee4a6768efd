/**
 * Starting a workflow (semantics doc §5.1) with idempotency-key enforcement (§7.10).
 * @module
 */
import { batonError } from '../errors.js';
import { isTerminalWorkflowStatus } from '../model/status.js';
import type { Workflow } from '../model/workflow.js';
import type { StartWorkflowRequest, WorkflowDef } from '../model/workflow-def.js';
import { applyWorkflowInputTemplate } from '../params/task-input.js';
import type { Engine, StartOptions } from './engine.js';
import { freezeDefinition } from './freeze-definition.js';
import { armDecider } from './queue-sync.js';
import { runDecider } from './run-decider.js';
import { withExecution } from './session.js';

export async function startWorkflow(
  engine: Engine,
  request: StartWorkflowRequest,
  options: StartOptions = {},
): Promise<string> {
  const { deps } = engine;
  if (!request || (!request.name && !request.workflowDef)) {
    throw batonError('REQUEST_INVALID', 'Workflow name cannot be null or empty');
  }
  const def = await resolveDefinition(engine, request);
  const existing = await checkIdempotency(engine, def.name, request);
  if (existing) return existing;
  const frozen = await freezeDefinition(deps.definitions, def, engine.strictTaskDefs);
  const now = deps.clock.now();
  const workflow: Workflow = {
    workflowId: options.workflowId ?? deps.ids.newId(),
    workflowName: def.name,
    workflowVersion: def.version ?? 1,
    status: 'RUNNING',
    correlationId: request.correlationId ?? null,
    input: applyWorkflowInputTemplate(request.input, def),
    output: {},
    variables: { ...(def.variables ?? {}) },
    tasks: [],
    createTime: now,
    startTime: now,
    updateTime: now,
    endTime: 0,
    reasonForIncompletion: null,
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    parentWorkflowId: options.parentWorkflowId ?? null,
    parentWorkflowTaskId: options.parentWorkflowTaskId ?? null,
    taskToDomain: request.taskToDomain ?? {},
    priority: request.priority ?? 0,
    workflowDefinition: frozen,
    idempotencyKey: request.idempotencyKey ?? null,
    createdBy: request.createdBy ?? null,
  };
  // Armed before the execution exists: a crash right after the create must not leave a RUNNING
  // workflow that nothing will ever decide (an entry without an execution is dropped by the sweeper).
  await armDecider(engine, workflow, 'created');
  await deps.executions.createExecution(workflow);
  await deps.events?.publish([
    {
      type: 'workflow',
      workflowId: workflow.workflowId,
      workflowName: workflow.workflowName,
      workflowVersion: workflow.workflowVersion,
      status: 'RUNNING',
      time: now,
      parentWorkflowId: workflow.parentWorkflowId ?? null,
    },
  ]);
  // The store's copy of what was just created saves a read; the save still checks the revision.
  await withExecution(engine, workflow.workflowId, (session) => runDecider(engine, session), {
    optimistic: true,
  });
  return workflow.workflowId;
}

async function resolveDefinition(
  engine: Engine,
  request: StartWorkflowRequest,
): Promise<WorkflowDef> {
  if (request.workflowDef) return request.workflowDef;
  const version = request.version ?? undefined;
  const def = await engine.deps.definitions.getWorkflowDef(request.name, version);
  if (!def) {
    throw batonError(
      'WORKFLOW_DEF_NOT_FOUND',
      `No such workflow defined. name=${request.name}, version=${version ?? null}`,
      { details: { name: request.name, version: version ?? null } },
    );
  }
  return def;
}

/**
 * FAIL (the default) rejects any reuse of a key, FAIL_ON_RUNNING only while that workflow runs,
 * RETURN_EXISTING answers with the existing id.
 */
async function checkIdempotency(
  engine: Engine,
  name: string,
  request: StartWorkflowRequest,
): Promise<string | null> {
  const key = request.idempotencyKey;
  if (!key) return null;
  const existing = await engine.deps.executions.findByIdempotencyKey(name, key);
  if (!existing) return null;
  const strategy = request.idempotencyStrategy ?? 'FAIL';
  if (strategy === 'RETURN_EXISTING') return existing.workflowId;
  if (strategy === 'FAIL_ON_RUNNING' && isTerminalWorkflowStatus(existing.status)) return null;
  throw batonError(
    'WORKFLOW_ALREADY_EXISTS',
    `Workflow with idempotencyKey: ${key} already exists: ${existing.workflowId}`,
    { details: { workflowId: existing.workflowId, idempotencyKey: key } },
  );
}
