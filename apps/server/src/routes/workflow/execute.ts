/**
 * `POST /api/workflow/execute/{name}/{version}`: starts a workflow and answers when it ends, blocks
 * (see signal-response.ts) or after `waitForSeconds`, with the run in the shape `returnStrategy`
 * asks for (conductor-oss's WorkflowRun or TaskRun, `signalTimeout: true` when the wait ran out).
 * The wait wakes on the execution events of the run and re-reads it at least every 200 ms
 * (events are best-effort); it stops when the client goes away.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { isBatonError, batonError } from '@baton/engine';
import type { EventBus, Workflow, WorkflowDef, WorkflowExecutor } from '@baton/engine';
import { EmptyResponse, JsonMap, NullableEnum, Opt, SchemaRef, StringEnum } from '@baton/contract';
import { ERRORS } from '../common.js';
import type { App } from '../common.js';
import type { AppMetrics } from '../../plugins/metrics.js';
import { RETURN_STRATEGIES, findBlocking, isSettled, toSignalResponse } from './signal-response.js';
import type { Blocking } from './signal-response.js';

/** Longest wait a request may ask for (Conductor sets none). */
export const MAX_WAIT_SECONDS = 300;
const RECHECK_MS = 200;

const ExecuteBody = Type.Object(
  {
    name: Opt(Type.String({ description: 'Ignored: the name in the path wins' })),
    version: Opt(Type.Integer({ description: 'Ignored: the version in the path wins' })),
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
  },
  { additionalProperties: true },
);

interface Settled {
  workflow: Workflow;
  blocking: Blocking;
  timedOut: boolean;
}

/** Reads the run until it settles, `timeoutMs` passes or `signal` aborts. */
export async function awaitSettled(
  executor: WorkflowExecutor,
  events: EventBus | undefined,
  workflowId: string,
  refs: readonly string[],
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Settled> {
  const deadline = Date.now() + timeoutMs;
  const tree = new Set([workflowId]);
  let wake: (() => void) | undefined;
  const unsubscribe = events?.subscribe((event) => {
    if (tree.has(event.workflowId)) wake?.();
  });
  const loadSub = async (id: string) => {
    tree.add(id);
    return executor.getWorkflow(id, { includeTasks: true }).catch(() => undefined);
  };
  try {
    for (;;) {
      const workflow = await executor.getWorkflow(workflowId, { includeTasks: true });
      const blocking = await findBlocking(workflow, refs, loadSub);
      const left = deadline - Date.now();
      if (isSettled(workflow, blocking)) return { workflow, blocking, timedOut: false };
      if (left <= 0 || signal.aborted) return { workflow, blocking, timedOut: true };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(RECHECK_MS, left));
        signal.addEventListener('abort', done, { once: true });
        wake = done;
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          wake = undefined;
          resolve();
        }
      });
    }
  } finally {
    unsubscribe?.();
  }
}

/** Registers the synchronous execute route. */
export function executeRoutes(
  app: App,
  executor: WorkflowExecutor,
  events: EventBus | undefined,
  metrics: AppMetrics,
): void {
  app.post(
    '/workflow/execute/:name/:version',
    {
      config: { permission: 'write' },
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
      schema: {
        tags: ['workflow'],
        summary:
          'Start a workflow and wait until it ends, blocks or waitForSeconds pass; returns the run',
        params: Type.Object({
          name: Type.String({ minLength: 1 }),
          version: Type.Integer({ minimum: 0, description: '0: the latest version' }),
        }),
        querystring: Type.Object({
          requestId: Type.Optional(Type.String({ maxLength: 256 })),
          waitUntilTaskRef: Type.Optional(
            Type.String({ maxLength: 4096, description: 'Comma-separated task reference names' }),
          ),
          waitForSeconds: Type.Integer({ minimum: 0, maximum: MAX_WAIT_SECONDS, default: 10 }),
          consistency: Type.Optional(
            StringEnum(['SYNCHRONOUS', 'DURABLE', 'REGION_DURABLE'] as const),
          ),
          returnStrategy: Type.Optional(StringEnum(RETURN_STRATEGIES, 'Default TARGET_WORKFLOW')),
        }),
        body: ExecuteBody,
        response: {
          200: Type.Union([
            Type.Object({}, { additionalProperties: true, description: 'WorkflowRun or TaskRun' }),
            EmptyResponse,
          ]),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { name, version } = request.params;
      const q = request.query;
      const requestId = q.requestId?.trim() ? q.requestId : randomUUID();
      const refs = (q.waitUntilTaskRef ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== '');
      const waitMs = (q.waitForSeconds === 0 ? 10 : q.waitForSeconds) * 1000;
      let workflowId: string;
      try {
        workflowId = await executor.startWorkflow({
          ...request.body,
          name,
          version: version === 0 ? undefined : version,
        });
      } catch (e) {
        if (isBatonError(e) && e.code === 'WORKFLOW_DEF_NOT_FOUND' && e.details.name === name) {
          throw batonError(
            'WORKFLOW_DEF_NOT_FOUND',
            `No such workflow found by name: ${name}, version: ${version === 0 ? null : version}`,
            { details: { name, version: version === 0 ? null : version } },
          );
        }
        throw e;
      }
      metrics.workflowStarted(name);
      const gone = new AbortController();
      const onClose = () => gone.abort();
      reply.raw.once('close', onClose);
      try {
        const settled = await awaitSettled(executor, events, workflowId, refs, waitMs, gone.signal);
        const body = toSignalResponse(
          settled.workflow,
          settled.blocking,
          q.returnStrategy ?? 'TARGET_WORKFLOW',
          requestId,
          settled.timedOut,
        );
        // A task strategy that found no blocking task: an empty 200, as Conductor.
        return body === undefined ? reply.send(undefined) : reply.send(body);
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );
}
