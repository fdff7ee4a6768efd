/**
 * Worker updates: `POST /api/tasks` (TaskResult → text/plain taskId), `POST /api/tasks/update-v2`
 * (→ next task or 204), update by reference name, and reading a task.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError, isTerminalTaskStatus } from '@baton/engine';
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
export function updateRoutes(app: App, executor: WorkflowExecutor, metrics: AppMetrics): void {
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
      const id = await executor.updateTask(result);
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
      const updated = await executor.updateTaskAndRead(result);
      stop();
      // As Conductor: a task still running (IN_PROGRESS, a lease extension) gets no next task.
      if (updated === null || !isTerminalTaskStatus(updated.status)) {
        return reply.code(204).send();
      }
      // No wait when nothing is queued (Conductor waits up to 100 ms): the update is done, and a
      // worker with an empty queue is better back on its own long poll than held here.
      const domain = updated.domain ?? undefined;
      const [next] = await executor.pollTasks(updated.taskType, {
        workerId: result.workerId ?? undefined,
        domain,
        count: 1,
      });
      metrics.polled(updated.taskType, domain, next === undefined ? 0 : 1);
      if (next === undefined) return reply.code(204).send();
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
      const id = await executor.updateTaskByRef(
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
