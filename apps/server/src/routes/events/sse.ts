/**
 * `GET /api/events`: Server-Sent Events of ExecutionEvents, optionally filtered by `workflowId`
 * and `workflowName`, with comment heartbeats. The stream ends when the client disconnects or the
 * server closes.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { EventBus, ExecutionEvent } from '@baton/engine';
import type { App } from '../common.js';

/** Registers the SSE route. `onClose` collects cleanups so the server can close open streams. */
export function eventRoutes(
  app: App,
  events: EventBus,
  heartbeatMs: number,
  openStreams: Set<() => void>,
): void {
  app.get(
    '/events',
    {
      config: { permission: 'read', queryApiKey: true },
      schema: {
        tags: ['events'],
        summary:
          'Live execution events (text/event-stream); each message is `data: <ExecutionEvent JSON>`',
        querystring: Type.Object({
          workflowId: Type.Optional(Type.String()),
          workflowName: Type.Optional(Type.String()),
          apiKey: Type.Optional(Type.String()),
        }),
      },
    },
    (request, reply) => {
      const { workflowId, workflowName } = request.query;
      const matches = (e: ExecutionEvent) =>
        (workflowId === undefined || e.workflowId === workflowId) &&
        (workflowName === undefined || e.workflowName === workflowName);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const unsubscribe = events.subscribe((e) => {
        if (matches(e)) res.write(`data: ${JSON.stringify(e)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref();
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(close);
        if (!res.writableEnded) res.end();
      };
      openStreams.add(close);
      res.on('close', close);
    },
  );
}
