/**
 * Worker polling: `GET /api/tasks/poll/{taskType}` (204 when nothing) and
 * `GET /api/tasks/poll/batch/{taskType}` (long poll up to `timeout` ms, `[]` when nothing).
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError } from '@baton/engine';
import type { DefinitionStore, TaskQueue, WorkflowExecutor } from '@baton/engine';
import {
  NoContentResponse,
  BatchPollQuerySchema,
  PollQuerySchema,
  TaskRef,
  TaskTypeParams,
} from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';
import type { AppMetrics } from '../../plugins/metrics.js';
import { OTHER_LABEL } from '../../plugins/metrics.js';
import { abortOnClose, longPoll } from './long-poll.js';

const TAGS = ['tasks'];
const MAX_TIMEOUT_MS = 5000;
/** Conductor's fixed internal wait for the single poll. */
const SINGLE_POLL_WAIT_MS = 100;

/** Registers the poll routes. */
export function pollRoutes(
  app: App,
  executor: WorkflowExecutor,
  queue: TaskQueue,
  metrics: AppMetrics,
  lingerMs: number,
  definitions: DefinitionStore,
): void {
  /** Known types get their own metric label; polls of invented types share one. */
  const isKnown = async (taskType: string, handedOut: number): Promise<boolean> =>
    handedOut > 0 || (await definitions.getTaskDef(taskType)) !== null;
  // A poll claims tasks, so HEAD (which Fastify would otherwise answer by running the GET
  // handler and dropping the body) is refused instead.
  for (const url of ['/tasks/poll/batch/:taskType', '/tasks/poll/:taskType']) {
    app.head(
      url,
      { config: { permission: 'worker' }, schema: { hide: true, params: TaskTypeParams } },
      async (_request, reply) => {
        void reply.header('allow', 'GET');
        throw batonError('METHOD_NOT_ALLOWED', 'HEAD would claim a task: poll with GET');
      },
    );
  }

  app.get(
    '/tasks/poll/batch/:taskType',
    {
      config: { permission: 'worker' },
      exposeHeadRoute: false,
      schema: {
        tags: TAGS,
        summary:
          'Poll up to `count` tasks, waiting up to `timeout` ms for one to be available, then briefly for the batch to fill',
        params: TaskTypeParams,
        querystring: BatchPollQuerySchema,
        response: { 200: Type.Array(TaskRef), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { workerid, domain, count, timeout } = request.query;
      if (timeout > MAX_TIMEOUT_MS) {
        throw batonError(
          'REQUEST_INVALID',
          'Long Poll Timeout value cannot be more than 5 seconds',
          {
            validationErrors: [
              { path: 'querystring.timeout', message: 'must be <= 5000', invalidValue: timeout },
            ],
          },
        );
      }
      const { taskType } = request.params;
      const stop = metrics.pollTimer(taskType);
      const tasks = await longPoll(
        executor,
        queue,
        taskType,
        { workerId: workerid, domain, count },
        timeout,
        abortOnClose(reply.raw),
        lingerMs,
      );
      const known = await isKnown(taskType, tasks.length);
      stop(known);
      metrics.polled(known ? taskType : OTHER_LABEL, domain, tasks.length);
      return tasks;
    },
  );

  app.get(
    '/tasks/poll/:taskType',
    {
      config: { permission: 'worker' },
      exposeHeadRoute: false,
      schema: {
        tags: TAGS,
        summary: 'Poll one task; 204 when none is available',
        params: TaskTypeParams,
        querystring: PollQuerySchema,
        response: { 200: TaskRef, 204: NoContentResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { taskType } = request.params;
      const stop = metrics.pollTimer(taskType);
      const [task] = await longPoll(
        executor,
        queue,
        taskType,
        { workerId: request.query.workerid, domain: request.query.domain, count: 1 },
        SINGLE_POLL_WAIT_MS,
        abortOnClose(reply.raw),
      );
      const known = await isKnown(taskType, task === undefined ? 0 : 1);
      stop(known);
      metrics.polled(
        known ? taskType : OTHER_LABEL,
        request.query.domain,
        task === undefined ? 0 : 1,
      );
      if (task === undefined) return reply.code(204).send();
      return task;
    },
  );
}
