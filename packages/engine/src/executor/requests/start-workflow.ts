/**
 * Starting a workflow with idempotency-key enforcement
 * (docs/conductor-compatibility.md#starting-a-workflow).
 * @module
 */
import { batonError, isBatonError } from '../../errors.js';
import { isTerminalWorkflowStatus } from '../../model/status.js';
import type { Workflow } from '../../model/workflow.js';
import type { ExecutionEvent } from '../../ports/event-bus.js';
import type { StartWorkflowRequest, WorkflowDef } from '../../model/workflow-def.js';
import { applyWorkflowInputTemplate } from '../../params/task-input.js';
import type { Engine, StartOptions } from '../core/engine.js';
import { freezeDefinition } from '../core/freeze-definition.js';
import { idempotentWorkflowId } from '../core/idempotency-id.js';
import { exceedsJsonDepth, tooDeepMessage } from '../../model/json-depth.js';
import { runDecider } from '../core/run-decider.js';
import { createExecutionWith } from '../core/session.js';

export async function startWorkflow(
  engine: Engine,
  request: StartWorkflowRequest,
  options: StartOptions = {},
): Promise<string> {
  const { deps } = engine;
  if (!request || (!request.name && !request.workflowDef)) {
    throw batonError('REQUEST_INVALID', 'Workflow name cannot be null or empty');
  }
  if (exceedsJsonDepth(request.input)) {
    throw batonError('REQUEST_INVALID', tooDeepMessage('input'), {
      validationErrors: [{ path: 'input', message: tooDeepMessage('input'), invalidValue: null }],
    });
  }
  const def = await resolveDefinition(engine, request);
  const key = request.idempotencyKey;
  if (key && options.workflowId === undefined) {
    return startIdempotent(engine, def, request, options, key);
  }
  const existing = await checkIdempotency(engine, def.name, request);
  if (existing) return existing;
  return createWorkflow(engine, def, request, options, options.workflowId ?? deps.ids.newId());
}

async function createWorkflow(
  engine: Engine,
  def: WorkflowDef,
  request: StartWorkflowRequest,
  options: StartOptions,
  workflowId: string,
): Promise<string> {
  const { deps } = engine;
  const frozen = await freezeDefinition(deps.definitions, def, engine.strictTaskDefs);
  const now = deps.clock.now();
  const workflow: Workflow = {
    workflowId,
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
    started: true,
    startTime: workflow.startTime,
  };
  await createExecutionWith(engine, workflow, (session) => runDecider(engine, session), [running]);
  return workflow.workflowId;
}

/**
 * An inline definition needs what Conductor's bean validation requires of it (a name and a task
 * list) before anything derives ids or rows from it.
 */
function checkInlineDefinition(def: WorkflowDef): WorkflowDef {
  const issues: Array<{ path: string; message: string; invalidValue: unknown }> = [];
  if (typeof def.name !== 'string' || def.name.trim() === '') {
    const message = 'WorkflowDef name cannot be null or empty';
    issues.push({ path: 'workflowDef.name', message, invalidValue: def.name ?? null });
  }
  if (!Array.isArray(def.tasks)) {
    const message = 'WorkflowTask list cannot be empty';
    issues.push({ path: 'workflowDef.tasks', message, invalidValue: def.tasks ?? null });
  }
  if (issues.length === 0) return def;
  throw batonError('REQUEST_INVALID', issues.map((i) => i.message).join('; '), {
    validationErrors: issues,
  });
}

async function resolveDefinition(
  engine: Engine,
  request: StartWorkflowRequest,
): Promise<WorkflowDef> {
  if (request.workflowDef) return checkInlineDefinition(request.workflowDef);
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

/** Attempts of an idempotent start that lost a race to a start that then finished at once. */
const MAX_IDEMPOTENT_ATTEMPTS = 5;

/**
 * Check and create as one atomic step on every store: the new workflow's id is derived from
 * (name, key, the workflow that holds the key now), so concurrent and retried starts of one key all
 * create the same id and the store's create (which fails with WORKFLOW_ALREADY_EXISTS when the id
 * exists) lets exactly one win; the losers then answer from the winner according to the strategy.
 */
async function startIdempotent(
  engine: Engine,
  def: WorkflowDef,
  request: StartWorkflowRequest,
  options: StartOptions,
  key: string,
): Promise<string> {
  const { executions } = engine.deps;
  let holder = await executions.findByIdempotencyKey(def.name, key);
  for (let attempt = 0; attempt < MAX_IDEMPOTENT_ATTEMPTS; attempt += 1) {
    if (holder) {
      const answer = idempotentAnswer(holder, request, key);
      if (answer !== null) return answer;
    }
    const workflowId = idempotentWorkflowId(def.name, key, holder?.workflowId ?? '');
    try {
      return await createWorkflow(engine, def, request, options, workflowId);
    } catch (e) {
      if (!isBatonError(e) || e.code !== 'WORKFLOW_ALREADY_EXISTS') throw e;
    }
    const winner = (await executions.getExecution(workflowId))?.workflow ?? null;
    if (winner && (winner.workflowName !== def.name || winner.idempotencyKey !== key)) {
      // A hash collision with another key's workflow: start under a random id instead.
      return createWorkflow(engine, def, request, options, engine.deps.ids.newId());
    }
    holder = winner ?? (await executions.findByIdempotencyKey(def.name, key));
  }
  throw batonError(
    'STORE_CONFLICT',
    `Workflow with idempotencyKey: ${key} is being started concurrently; retry`,
    { details: { idempotencyKey: key } },
  );
}

/**
 * What a start answers given the workflow holding its key: that id (RETURN_EXISTING), a
 * WORKFLOW_ALREADY_EXISTS error, or null when a new workflow may start (FAIL_ON_RUNNING after the
 * holder ended).
 */
function idempotentAnswer(
  holder: Workflow,
  request: StartWorkflowRequest,
  key: string,
): string | null {
  const strategy = request.idempotencyStrategy ?? 'FAIL';
  if (strategy === 'RETURN_EXISTING') return holder.workflowId;
  if (strategy === 'FAIL_ON_RUNNING' && isTerminalWorkflowStatus(holder.status)) return null;
  throw batonError(
    'WORKFLOW_ALREADY_EXISTS',
    `Workflow with idempotencyKey: ${key} already exists: ${holder.workflowId}`,
    { details: { workflowId: holder.workflowId, idempotencyKey: key } },
  );
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
  return existing ? idempotentAnswer(existing, request, key) : null;
}
