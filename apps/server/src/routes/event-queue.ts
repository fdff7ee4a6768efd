/**
 * Conductor's QueueAdminResource (`/api/queue`): the sizes of the event queues, and completing or
 * failing a waiting task (WAIT, HUMAN, or any pending task) of a workflow "through the queue".
 * Conductor publishes such an update to a per-status default queue and applies it later; Baton
 * applies it at once, so an unknown workflow or task is answered 404 instead of being logged and
 * dropped (docs/conductor-compatibility.md, "Other endpoints").
 * @module
 */
import { Type } from '@sinclair/typebox';
import { EVENT_QUEUE, batonError, isTerminalTaskStatus } from '@baton/engine';
import type { TaskQueue, WorkflowExecutor } from '@baton/engine';
import { EmptyResponse, JsonMap, StringEnum } from '@baton/contract';
import { ERRORS, defaultBody } from './common.js';
import type { App } from './common.js';

const TAGS = ['queue'];
/** The statuses Conductor has default update queues for. */
const UPDATE_STATUSES = ['COMPLETED', 'FAILED'] as const;
const Id = Type.String({ minLength: 1, maxLength: 256 });

/** Registers the `/queue` routes (under `/api`). */
export function eventQueueRoutes(app: App, executor: WorkflowExecutor, queue: TaskQueue): void {
  app.get(
    '/queue/size',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Messages waiting in each event queue (Baton has one: `_eventQueue`)',
        response: { 200: Type.Record(Type.String(), Type.Integer()), ...ERRORS },
      },
    },
    async () => ({ [EVENT_QUEUE]: await queue.size(EVENT_QUEUE) }),
  );

  app.get(
    '/queue/',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Default update queues by task status (none: Baton applies updates at once)',
        response: { 200: Type.Record(Type.String(), Type.String()), ...ERRORS },
      },
    },
    async () => ({}),
  );

  const body = {
    preValidation: defaultBody(() => ({})),
  };

  app.post(
    '/queue/update/:workflowId/:taskRefName/:status',
    {
      config: { permission: 'worker' },
      ...body,
      schema: {
        tags: TAGS,
        summary:
          'Complete or fail the pending task with that reference name; the body is merged into its output',
        params: Type.Object({
          workflowId: Id,
          taskRefName: Id,
          status: StringEnum(UPDATE_STATUSES),
        }),
        body: JsonMap,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { workflowId, taskRefName, status } = request.params;
      await executor.updateTaskByRef(workflowId, taskRefName, status, request.body);
      return reply.code(200).send();
    },
  );

  app.post(
    '/queue/update/:workflowId/task/:taskId/:status',
    {
      config: { permission: 'worker' },
      ...body,
      schema: {
        tags: TAGS,
        summary: 'Complete or fail a pending task by id; the body is merged into its output',
        params: Type.Object({ workflowId: Id, taskId: Id, status: StringEnum(UPDATE_STATUSES) }),
        body: JsonMap,
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { workflowId, taskId, status } = request.params;
      const task = await executor.getTask(taskId);
      if (task.workflowInstanceId !== workflowId || isTerminalTaskStatus(task.status)) {
        throw batonError('TASK_NOT_FOUND', `No pending task ${taskId} in workflow ${workflowId}`, {
          details: { workflowId, taskId },
        });
      }
      await executor.updateTask({
        workflowInstanceId: workflowId,
        taskId,
        status,
        outputData: { ...(task.outputData ?? {}), ...request.body },
      });
      return reply.code(200).send();
    },
  );
}
