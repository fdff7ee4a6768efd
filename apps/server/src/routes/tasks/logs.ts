/**
 * Task logs: `POST /api/tasks/{taskId}/log` (body is the raw log line) and `GET` the lines.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError } from '@baton/engine';
import type { Clock, ExecutionStore } from '@baton/engine';
import { EmptyResponse, TaskExecLogSchema, TaskIdParams } from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';

const TAGS = ['tasks'];

/** Registers the log routes. `now` stamps log lines. */
export function logRoutes(app: App, executions: ExecutionStore, now: Clock['now']): void {
  app.post(
    '/tasks/:taskId/log',
    {
      config: { permission: 'worker' },
      schema: {
        tags: TAGS,
        summary: 'Append a log line to a task (the body is the raw string)',
        params: TaskIdParams,
        body: Type.String({ description: 'The log line (text/plain or a JSON string)' }),
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { taskId } = request.params;
      if ((await executions.getTask(taskId)) === null) {
        throw batonError('TASK_NOT_FOUND', `No such task found by id: ${taskId}`, {
          details: { taskId },
        });
      }
      await executions.addTaskLogs([{ taskId, log: request.body, createdTime: now() }]);
      return reply.code(200).send();
    },
  );

  app.get(
    '/tasks/:taskId/log',
    {
      config: { permission: 'read' },
      schema: {
        tags: TAGS,
        summary: 'Log lines of a task, oldest first',
        params: TaskIdParams,
        response: { 200: Type.Array(TaskExecLogSchema), ...ERRORS },
      },
    },
    async (request) => executions.getTaskLogs(request.params.taskId),
  );
}
