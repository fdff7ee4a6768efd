/**
 * Queue inspection and admin: sizes, poll data, requeue, and the legacy in-progress/ack/remove
 * endpoints some older SDKs still call.
 * @module
 */
import { Type } from '@sinclair/typebox';
import { batonError, isInternalQueue, isTerminalTaskStatus } from '@baton/engine';
import type { ExecutionStore, TaskQueue, WorkflowExecutor } from '@baton/engine';
import {
  PollDataSchema,
  TaskRef,
  TaskTypeParams,
  TextResponse,
  EmptyResponse,
} from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';
import { queueName } from './long-poll.js';

const TAGS = ['task-queues'];
/** Conductor's Redis queues report per-shard sizes keyed by letter; Baton's queues have one shard. */
const SHARD = 'a';

/** Registers the queue routes. */
export function queueRoutes(
  app: App,
  executor: WorkflowExecutor,
  executions: ExecutionStore,
  queue: TaskQueue,
): void {
  const read = { permission: 'read' as const };

  app.get(
    '/tasks/queue/sizes',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Sizes of the given task type queues',
        querystring: Type.Object({ taskType: Type.Array(Type.String(), { default: [] }) }),
        response: { 200: Type.Record(Type.String(), Type.Integer()) },
      },
    },
    async (request) => {
      const out: Record<string, number> = {};
      for (const t of request.query.taskType) out[t] = await queue.size(t);
      return out;
    },
  );

  app.get(
    '/tasks/queue/size',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Size of one task queue',
        querystring: Type.Object({ taskType: Type.String(), domain: Type.Optional(Type.String()) }),
        response: { 200: Type.Integer(), ...ERRORS },
      },
    },
    async (request) => queue.size(queueName(request.query.taskType, request.query.domain)),
  );

  app.get(
    '/tasks/queue/all',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Sizes of all non-empty queues',
        response: { 200: Type.Record(Type.String(), Type.Integer()) },
      },
    },
    async () => queue.sizes(),
  );

  app.get(
    '/tasks/queue/all/verbose',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Sizes of all queues, per shard',
        response: {
          200: Type.Record(
            Type.String(),
            Type.Record(
              Type.String(),
              Type.Object({ size: Type.Integer(), uacked: Type.Integer() }),
            ),
          ),
        },
      },
    },
    async () => {
      const out: Record<string, Record<string, { size: number; uacked: number }>> = {};
      for (const [name, size] of Object.entries(await queue.sizes()))
        out[name] = { [SHARD]: { size, uacked: 0 } };
      return out;
    },
  );

  app.get(
    '/tasks/queue/polldata',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Latest polls of a task type',
        querystring: Type.Object({ taskType: Type.String() }),
        response: { 200: Type.Array(PollDataSchema), ...ERRORS },
      },
    },
    async (request) => {
      const all = await executions.getPollData();
      const t = request.query.taskType;
      return all.filter((p) => p.queueName === t || p.queueName.endsWith(`:${t}`));
    },
  );

  app.get(
    '/tasks/queue/polldata/all',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Latest polls of every queue',
        response: { 200: Type.Array(PollDataSchema) },
      },
    },
    async () => executions.getPollData(),
  );

  app.post(
    '/tasks/queue/requeue/:taskType',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary:
          'Make pending tasks of a type visible in their queue now; returns the count (text/plain)',
        params: TaskTypeParams,
        response: { 200: TextResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { taskType } = request.params;
      const pending = await executions.searchTasks({
        start: 0,
        size: 10_000,
        sort: [],
        freeText: '*',
        query: { type: 'condition', field: 'taskType', op: '=', values: [taskType] },
      });
      // The search matches `*` as a wildcard: only tasks of exactly this type go back in its queue.
      const ids = pending.results.filter(
        (t) => t.status === 'SCHEDULED' && t.taskType === taskType,
      );
      for (const t of ids) {
        await queue.push(queueName(taskType, t.domain ?? undefined), [
          { id: t.taskId, priority: t.workflowPriority, delayMs: 0 },
        ]);
      }
      return reply.type('text/plain').send(String(ids.length));
    },
  );

  app.delete(
    '/tasks/queue/:taskType/:taskId',
    {
      config: { permission: 'write' },
      schema: {
        tags: TAGS,
        summary: 'Remove a task from its queue (legacy)',
        params: Type.Object({ taskType: Type.String(), taskId: Type.String() }),
        response: { 200: EmptyResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (isInternalQueue(request.params.taskType)) {
        const message = `${request.params.taskType} is the server's own queue, not a task queue`;
        throw batonError('REQUEST_INVALID', message, {
          validationErrors: [
            { path: 'params.taskType', message, invalidValue: request.params.taskType },
          ],
        });
      }
      await queue.remove(request.params.taskType, request.params.taskId);
      return reply.code(200).send();
    },
  );

  app.get(
    '/tasks/in_progress/:taskType',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'In-progress tasks of a type (legacy)',
        params: TaskTypeParams,
        querystring: Type.Object({
          startKey: Type.Optional(Type.String()),
          count: Type.Integer({ default: 100 }),
        }),
        response: { 200: Type.Array(TaskRef), ...ERRORS },
      },
    },
    async (request) => {
      const found = await executions.searchTasks({
        start: 0,
        size: request.query.count,
        sort: [],
        freeText: '*',
        query: {
          type: 'and',
          items: [
            { type: 'condition', field: 'taskType', op: '=', values: [request.params.taskType] },
            { type: 'condition', field: 'status', op: '=', values: ['IN_PROGRESS'] },
          ],
        },
      });
      return found.results;
    },
  );

  app.get(
    '/tasks/in_progress/:workflowId/:taskRefName',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'The pending task with that reference name (legacy); empty when none',
        params: Type.Object({ workflowId: Type.String(), taskRefName: Type.String() }),
        response: { 200: TaskRef, ...ERRORS },
      },
    },
    async (request, reply) => {
      const wf = await executor.getWorkflow(request.params.workflowId, { includeTasks: true });
      const task = wf.tasks.find(
        (t) =>
          t.referenceTaskName === request.params.taskRefName && !isTerminalTaskStatus(t.status),
      );
      if (task === undefined) return reply.code(200).send(undefined as never);
      return task;
    },
  );

  app.post(
    '/tasks/:taskId/ack',
    {
      config: { permission: 'worker' },
      schema: {
        tags: TAGS,
        summary: 'Acknowledge a polled task (legacy no-op); "true" when the task exists',
        params: Type.Object({ taskId: Type.String() }),
        querystring: Type.Object({ workerid: Type.Optional(Type.String()) }),
        response: { 200: TextResponse, ...ERRORS },
      },
    },
    async (request, reply) => {
      const task = await executions.getTask(request.params.taskId);
      return reply.type('text/plain').send(task === null ? 'false' : 'true');
    },
  );
}
