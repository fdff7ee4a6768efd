/**
 * Worker updates: `POST /api/tasks` (TaskResult → text/plain taskId), `POST /api/tasks/update-v2`
 * (→ next task or 204), update by reference name, and reading a task.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError } from '@baton/engine';
import type { TaskResult, ValidationIssue, WorkflowExecutor } from '@baton/engine';
import {
  NoContentResponse,
  JsonMap,
  TaskRef,
  TaskResultRef,
  TaskIdParams,
  TextResponse,
  StringEnum,
} from '@baton/contract';
import type { TaskResultBody } from '@baton/contract';
import { ERRORS, defaultBody } from '../common.js';
import type { App } from '../common.js';
import type { AppMetrics } from '../../plugins/metrics.js';
import {
  inOwner,
  updateThenPoll,
  type UpdateByRef,
  type UpdateThenPoll,
} from '../../routing/forward.js';
import type { PeerRouting } from '../../routing/peer-routing.js';

const TAGS = ['tasks'];
const RESULT_STATUSES = [
  'IN_PROGRESS',
  'FAILED',
  'FAILED_WITH_TERMINAL_ERROR',
  'COMPLETED',
  'CANCELED',
] as const;

/** Checks the fields Conductor requires, with Conductor's messages. */
export function toTaskResult(body: TaskResultBody): TaskResult {
  const issues: ValidationIssue[] = [];
  if (typeof body.workflowInstanceId !== 'string' || body.workflowInstanceId === '') {
    issues.push({
      path: 'body.workflowInstanceId',
      message: 'Workflow Id cannot be null or empty',
      invalidValue: body.workflowInstanceId ?? null,
    });
  }
  if (typeof body.taskId !== 'string' || body.taskId === '') {
    issues.push({
      path: 'body.taskId',
      message: 'Task ID cannot be null or empty',
      invalidValue: body.taskId ?? null,
    });
  }
  if (body.status === undefined || body.status === null) {
    issues.push({ path: 'body.status', message: 'Task status cannot be null', invalidValue: null });
  }
  if (issues.length > 0) {
    throw batonError('REQUEST_INVALID', issues.map((i) => i.message).join('; '), {
      validationErrors: issues,
    });
  }
  return body as TaskResult;
}

/** Registers the update routes. */
export function updateRoutes(
  app: App,
  executor: WorkflowExecutor,
  metrics: AppMetrics,
  peers?: PeerRouting,
): void {
  app.post(
    '/tasks',
    {
      config: { permission: 'worker' },
      schema: {
        tags: TAGS,
        summary: 'Update a task with a TaskResult; returns the task id (text/plain)',
        body: TaskResultRef,
        response: { 200: TextResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const result = toTaskResult(request.body);
      const stop = metrics.updateTimer(result.status);
      const routed = await inOwner<string>(peers, result.workflowInstanceId, 'update', result);
      const id = routed ? routed.value : await executor.updateTask(result);
      stop();
      return reply.type('text/plain').send(id);
    },
  );

  app.post(
    '/tasks/update-v2',
    {
      config: { permission: 'worker' },
      schema: {
        tags: TAGS,
        summary:
          'Update a task; once it has ended, poll the next task of its type and domain for the same worker (204 when none, or when the task has not ended)',
        body: TaskResultRef,
        response: { 200: TaskRef, 204: NoContentResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const result = toTaskResult(request.body);
      const stop = metrics.updateTimer(result.status);
      // In a group of processes the owner updates the task and polls the next one (its own
      // workflows' first).
      const routed = await inOwner<UpdateThenPoll>(
        peers,
        result.workflowInstanceId,
        'updateThenPoll',
        result,
      );
      const { next, polled } = routed ? routed.value : await updateThenPoll(executor, result);
      stop();
      if (polled) metrics.polled(polled.taskType, polled.domain, next === null ? 0 : 1);
      if (next === null) return reply.code(204).send();
      return next;
    },
  );

  app.post(
    '/tasks/:workflowId/:taskRefName/:status',
    {
      config: { permission: 'worker' },
      preValidation: defaultBody(() => ({})),
      schema: {
        tags: TAGS,
        summary:
          'Update the pending task with that reference name; the body is merged into its output',
        params: Type.Object({
          workflowId: Type.String(),
          taskRefName: Type.String(),
          status: StringEnum(RESULT_STATUSES),
        }),
        querystring: Type.Object({ workerid: Type.Optional(Type.String()) }),
        body: JsonMap,
        response: { 200: TextResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { workflowId, taskRefName, status } = request.params;
      const stop = metrics.updateTimer(status);
      const byRef: UpdateByRef = {
        workflowId,
        taskRefName,
        status,
        output: request.body,
        workerId: request.query.workerid,
      };
      const routed = await inOwner<string>(peers, workflowId, 'updateByRef', byRef);
      const id = routed
        ? routed.value
        : await executor.updateTaskByRef(
            workflowId,
            taskRefName,
            status,
            request.body,
            request.query.workerid,
          );
      stop();
      return reply.type('text/plain').send(id);
    },
  );

  app.get(
    '/tasks/:taskId',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'A task by id',
        params: TaskIdParams,
        response: { 200: TaskRef, ...ERRORS },
      },
    },
    async (request) => executor.getTask(request.params.taskId),
  );
}
