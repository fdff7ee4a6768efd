/**
 * The EventSink the server gives the engine: `conductor` and `conductor:<name>` sinks go to the
 * durable `EVENT_QUEUE` (a reference to the publishing EVENT task, whose input keeps the payload),
 * `nats:<subject>` to NATS when configured; any other sink goes to the in-process sink as before.
 * @module
 */
import { EVENT_QUEUE } from '@baton/engine';
import type { EventSink, TaskQueue } from '@baton/engine';

export interface SinkRoute {
  publish(subject: string, payload: Record<string, unknown>): Promise<void>;
}

export class DurableEventSink implements EventSink {
  constructor(
    private readonly queue: TaskQueue,
    private readonly fallback: EventSink,
    private readonly nats?: SinkRoute,
  ) {}

  async publish(
    sink: string,
    payload: Record<string, unknown>,
    origin?: { workflowId: string; taskId: string },
  ): Promise<void> {
    if (sink.startsWith('conductor:') && origin) {
      await this.queue.push(EVENT_QUEUE, [{ id: origin.taskId, priority: 0, delayMs: 0 }]);
      return;
    }
    if (sink.startsWith('nats:')) {
      if (!this.nats) throw new Error('No NATS server is configured (BATON_NATS_URL)');
      await this.nats.publish(sink.slice(5), payload);
      return;
    }
    await this.fallback.publish(sink, payload, origin);
  }
}
