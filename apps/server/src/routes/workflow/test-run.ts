/**
 * `POST /api/workflow/test` (conductor-oss's WorkflowTestRequest): starts the workflow with every
 * worker task routed to a fresh domain no worker polls, then completes the tasks it reaches with
 * the mocked results of `taskRefToMockOutput` (per task reference, a list used in order), driving
 * `subWorkflowTestRequest` runs the same way, until the run ends, reaches a task that has no mock,
 * or the mocks run out. Answers the workflow with its tasks. The run is marked as a test
 * (`input._systemMetadata.test`) and left out of workflow searches unless a query asks for
 * `test = true`.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Static, TSchema } from '@sinclair/typebox';
import { isTerminalTaskStatus, isTerminalWorkflowStatus } from '@baton/engine';
import type { TaskResultStatus, Workflow, WorkflowDef, WorkflowExecutor } from '@baton/engine';
import { JsonMap, NullableEnum, Opt, SchemaRef, StringEnum, WorkflowRef } from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

/** Task types the server runs itself: they never need a mock (Conductor's list). */
const OPERATORS = new Set([
  'JOIN',
  'DO_WHILE',
  'SET_VARIABLE',
  'FORK',
  'INLINE',
  'TERMINATE',
  'DECISION',
  'DYNAMIC',
  'FORK_JOIN',
  'FORK_JOIN_DYNAMIC',
  'SWITCH',
  'SUB_WORKFLOW',
]);
/** Passes over the run before giving up (Conductor: 20,000). */
const MAX_PASSES = 2_000;
/** Longest a test run is driven before the current state is returned. */
export const TEST_RUN_LIMIT_MS = 30_000;
/** Pause between passes that changed nothing (system tasks run in the background). */
const IDLE_MS = 20;

const TaskMockSchema = Type.Object(
  {
    status: Type.Optional(
      StringEnum(['IN_PROGRESS', 'FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'COMPLETED'] as const),
    ),
    output: Opt(JsonMap),
    executionTime: Opt(Type.Integer({ minimum: 0 })),
    queueWaitTime: Opt(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: true },
);

const startFields = {
  name: Type.String({ minLength: 1 }),
  version: Opt(Type.Integer()),
  correlationId: Opt(Type.String()),
  priority: Opt(Type.Integer({ minimum: 0, maximum: 99 })),
  input: Opt(JsonMap),
  taskToDomain: Opt(Type.Record(Type.String(), Type.String())),
  workflowDef: Opt(SchemaRef<WorkflowDef>('WorkflowDef')),
  idempotencyKey: Opt(Type.String()),
  idempotencyStrategy: Type.Optional(
    NullableEnum(['FAIL', 'RETURN_EXISTING', 'FAIL_ON_RUNNING'] as const),
  ),
  createdBy: Opt(Type.String()),
  taskRefToMockOutput: Opt(
    Type.Record(Type.String(), Type.Array(TaskMockSchema, { maxItems: 1000 })),
  ),
};

/** WorkflowTestRequest; sub-workflow requests nest (through `$ref`). */
export const WorkflowTestRequestSchema = Type.Recursive(
  (This: TSchema) =>
    Type.Object(
      { ...startFields, subWorkflowTestRequest: Opt(Type.Record(Type.String(), This)) },
      { additionalProperties: true },
    ),
  { $id: 'WorkflowTestRequest' },
);

interface TestRequest {
  taskRefToMockOutput?: Record<string, Array<Static<typeof TaskMockSchema>>> | null;
  subWorkflowTestRequest?: Record<string, TestRequest> | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drives one (sub-)workflow with its mocks; returns its last state. */
async function drive(
  executor: WorkflowExecutor,
  workflowId: string,
  request: TestRequest,
  deadline: number,
): Promise<Workflow> {
  // Copies: mocks are used up as the run goes.
  const mocks = new Map(
    Object.entries(request.taskRefToMockOutput ?? {}).map(([ref, list]) => [ref, [...list]]),
  );
  const subs = request.subWorkflowTestRequest ?? {};
  const driven = new Set<string>();
  let workflow = await executor.getWorkflow(workflowId, { includeTasks: true });
  for (let pass = 0; pass < MAX_PASSES && Date.now() < deadline; pass++) {
    if (isTerminalWorkflowStatus(workflow.status) || mocks.size === 0) break;
    const running = workflow.tasks.filter((t) => !isTerminalTaskStatus(t.status));
    const unmocked = running.filter(
      (t) => !OPERATORS.has(t.taskType) && !mocks.has(t.referenceTaskName),
    );
    if (unmocked.length > 0) break;
    let changed = false;
    for (const task of running) {
      const ref = task.referenceTaskName;
      const sub = subs[ref];
      if (task.taskType === 'SUB_WORKFLOW' && task.subWorkflowId && sub && !driven.has(ref)) {
        driven.add(ref);
        await drive(executor, task.subWorkflowId, sub, deadline);
        changed = true;
      }
      const list = mocks.get(ref);
      const mock = OPERATORS.has(task.taskType) ? undefined : list?.shift();
      if (mock === undefined) {
        mocks.delete(ref);
        await executor.decide(workflowId);
        continue;
      }
      await executor.updateTask({
        workflowInstanceId: workflowId,
        taskId: task.taskId,
        status: (mock.status ?? 'COMPLETED') as TaskResultStatus,
        outputData: mock.output ?? {},
        workerId: 'baton-test',
      });
      changed = true;
    }
    if (!changed) await sleep(IDLE_MS);
    workflow = await executor.getWorkflow(workflowId, { includeTasks: true });
  }
  return workflow;
}

/** Registers `POST /workflow/test`. */
export function testRunRoutes(app: App, executor: WorkflowExecutor): void {
  // Added by id so the nested `subWorkflowTestRequest` entries can refer to it.
  app.addSchema(WorkflowTestRequestSchema);
  app.post(
    '/workflow/test',
    {
      config: { permission: 'write' },
      schema: {
        tags: ['workflow'],
        summary:
          'Run a workflow with mocked task results (taskRefToMockOutput); no worker gets its tasks',
        body: SchemaRef<Static<typeof WorkflowTestRequestSchema>>('WorkflowTestRequest'),
        response: { 200: WorkflowRef, ...ERRORS },
      },
    },
    async (request) => {
      const body = request.body as Static<typeof WorkflowTestRequestSchema> & TestRequest;
      const { taskRefToMockOutput, subWorkflowTestRequest, ...start } = body as typeof body &
        Record<string, unknown>;
      const input = { ...(body.input ?? {}) };
      const meta = input['_systemMetadata'];
      input['_systemMetadata'] = {
        ...(typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? meta : {}),
        test: true,
      };
      const workflowId = await executor.startWorkflow({
        ...(start as Parameters<WorkflowExecutor['startWorkflow']>[0]),
        input,
        // Every worker task goes to a domain no worker polls; a mapping of the request is
        // ignored, since it could name a domain real workers poll.
        taskToDomain: { '*': `baton-test-${randomUUID()}` },
      });
      return drive(
        executor,
        workflowId,
        { taskRefToMockOutput, subWorkflowTestRequest },
        Date.now() + TEST_RUN_LIMIT_MS,
      );
    },
  );
}
