/**
 * Consumes the durable `conductor:` event queue (`EVENT_QUEUE`, an internal queue workers never
 * see): pops a message, rebuilds it (from its event record on a retry, else from the EVENT task
 * that published it), runs the handlers (`events/event-processor.ts`) and removes the message only
 * once they ran. A failure pushes it back with a growing delay; a message popped by a server that
 * dies comes back after its lease. Messages from other sinks (NATS) that fail join this queue for
 * their retries, their payload kept in the record.
 * @module
 */
import { EVENT_QUEUE, isBatonError } from '@baton/engine';
import type { TaskQueue, WorkflowExecutor } from '@baton/engine';
import { processEvent } from '../events/event-processor.js';
import type { EventMessage, EventProcessorDeps } from '../events/event-processor.js';
import { yieldToIo } from './background-work.js';

export interface EventConsumerOptions {
  /** Longest idle wait, ms (default 1000). */
  intervalMs?: number;
  /** How long a popped message stays hidden while its handlers run, ms (default 60 s). */
  leaseMs?: number;
}

export interface EventConsumer {
  /** Handles the due messages once; returns how many it took. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/** Rebuilds a `conductor:` message from the EVENT task that published it (null: gone). */
async function fromTask(executor: WorkflowExecutor, taskId: string): Promise<EventMessage | null> {
  try {
    const task = await executor.getTask(taskId);
    const { sink: _sink, ...payload } = task.inputData;
    const event = String(task.inputData.event_produced ?? '');
    return event === '' ? null : { id: taskId, event, payload };
  } catch (e) {
    if (isBatonError(e) && e.kind === 'not_found') return null;
    throw e;
  }
}

/** Starts the consumer loop. */
export function startEventConsumer(
  deps: EventProcessorDeps & { queue: TaskQueue; log: { error(obj: unknown, msg?: string): void } },
  options: EventConsumerOptions = {},
): EventConsumer {
  const controller = new AbortController();
  const { signal } = controller;
  const leaseMs = options.leaseMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 1_000;

  const handle = async (id: string): Promise<void> => {
    const previous = await deps.handlers.getEventExecution(id);
    const message = previous
      ? { id, event: previous.event, payload: previous.payload }
      : await fromTask(deps.executor, id);
    if (message === null) {
      deps.log.warn({ messageId: id }, 'event message dropped: its EVENT task no longer exists');
      await deps.queue.remove(EVENT_QUEUE, id);
      return;
    }
    const outcome = await processEvent(deps, message, previous);
    if (outcome.type === 'retry') {
      await deps.queue.push(EVENT_QUEUE, [{ id, priority: 0, delayMs: outcome.delayMs }]);
    } else {
      await deps.queue.remove(EVENT_QUEUE, id);
    }
  };

  const drain = async (): Promise<number> => {
    const ids = await deps.queue.pop(EVENT_QUEUE, 10, leaseMs);
    for (const id of ids) {
      try {
        await handle(id);
      } catch (err) {
        // The store failed: the lease brings the message back.
        deps.log.error(
          { err, messageId: id },
          'event message handling failed; will be redelivered',
        );
      }
    }
    return ids.length;
  };

  const running = (async () => {
    while (!signal.aborted) {
      try {
        const n = await drain();
        await yieldToIo();
        if (n === 0 && !signal.aborted) {
          await deps.queue.waitForMessages(EVENT_QUEUE, intervalMs, signal);
        }
      } catch (err) {
        deps.log.error({ err }, 'event consumer failed; retrying');
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    }
  })();

  return {
    drain,
    async stop() {
      controller.abort();
      await running;
    },
  };
}
