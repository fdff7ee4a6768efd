/**
 * The server's event work: the consumer of the durable `conductor:` queue, with its own script
 * evaluator for handler conditions and the failure metric
 * (`baton_event_handler_failures_total{event,handler}`).
 * @module
 */
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';
import { QuickJsScriptEvaluator } from '@baton/runtime';
import type { EventHandlerStore, TaskQueue, WorkflowExecutor } from '@baton/engine';
import { startEventConsumer } from './event-consumer.js';
import type { EventConsumerOptions } from './event-consumer.js';
import type { EventProcessorDeps } from '../events/event-processor.js';

export interface EventsWork {
  /** What the NATS subscriber hands its messages to. */
  deps: EventProcessorDeps;
  stop(): Promise<void>;
}

interface Logger {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export function startEvents(
  base: {
    executor: WorkflowExecutor;
    queue: TaskQueue;
    handlers: EventHandlerStore;
    log: Logger;
  },
  registry: Registry,
  options: EventConsumerOptions = {},
): EventsWork {
  const failures = new Counter({
    name: 'baton_event_handler_failures_total',
    help: 'Event handler conditions or actions that failed (each is retried)',
    labelNames: ['event', 'handler'],
    registers: [registry],
  });
  const evaluator = new QuickJsScriptEvaluator({ threads: 1 });
  const deps: EventProcessorDeps = {
    executor: base.executor,
    handlers: base.handlers,
    evaluator,
    now: () => Date.now(),
    log: base.log,
    onFailure: (event, handler) => failures.inc({ event, handler }),
  };
  const consumer = startEventConsumer({ ...deps, queue: base.queue, log: base.log }, options);
  return {
    deps,
    async stop() {
      await consumer.stop();
      await evaluator.dispose();
    },
  };
}
