/**
 * Starting a workflow with idempotency-key enforcement
 * (docs/conductor-compatibility.md#starting-a-workflow).
 * @module
 */
import { batonError } from '../errors.js';
import { isTerminalWorkflowStatus } from '../model/status.js';
import type { Workflow } from '../model/workflow.js';
import type { ExecutionEvent } from '../ports/event-bus.js';
import type { StartWorkflowRequest, WorkflowDef } from '../model/workflow-def.js';
import { applyWorkflowInputTemplate } from '../params/task-input.js';
import type { Engine, StartOptions } from './engine.js';
import { freezeDefinition } from './freeze-definition.js';
import { runDecider } from './run-decider.js';
import { createExecutionWith } from './session.js';

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
  // The first decide runs before the create, which stores its result; the decider queue is armed
  // before the create (an entry without an execution is dropped by the sweeper).
  const running: ExecutionEvent = {
    type: 'workflow',
    workflowId: workflow.workflowId,
    workflowName: workflow.workflowName,
    workflowVersion: workflow.workflowVersion,
    status: 'RUNNING',
    time: now,
    parentWorkflowId: workflow.parentWorkflowId ?? null,
  };
  await createExecutionWith(engine, workflow, (session) => runDecider(engine, session), [running]);
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
