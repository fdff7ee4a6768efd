/**
 * In-memory implementations of every store port, for unit tests and the conformance suite's
 * reference adapter.
 * @module
 */
import type { Clock } from '../ports/clock.js';
import { MemoryDefinitionStore } from './memory/memory-definition-store.js';
import { MemoryEventBus } from './memory/memory-event-bus.js';
import { MemoryEventHandlerStore } from './memory/memory-event-handler-store.js';
import { MemoryExecutionStore } from './memory/memory-execution-store.js';
import { MemoryScheduleStore } from './memory/memory-schedule-store.js';
import { MemoryTaskQueue } from './memory/memory-task-queue.js';
import type { Timers } from './memory/support.js';

export { MemoryDefinitionStore } from './memory/memory-definition-store.js';
export { MemoryEventBus } from './memory/memory-event-bus.js';
export { MemoryEventHandlerStore } from './memory/memory-event-handler-store.js';
export { MemoryExecutionStore } from './memory/memory-execution-store.js';
export { MemoryScheduleStore } from './memory/memory-schedule-store.js';
export { MemoryTaskQueue } from './memory/memory-task-queue.js';
export type { Timers } from './memory/support.js';

/** One set of in-memory stores sharing a clock. */
export interface MemoryStores {
  executions: MemoryExecutionStore;
  definitions: MemoryDefinitionStore;
  queue: MemoryTaskQueue;
  events: MemoryEventBus;
  eventHandlers: MemoryEventHandlerStore;
  schedules: MemoryScheduleStore;
}

/**
 * Creates fresh in-memory stores. `clock` stamps definitions and times queue delays and leases;
 * `timers` drives `waitForMessages` timeouts (both default to the host's). The execution store
 * applies the queue changes of its writes to the queue itself, as the Redis store does, unless
 * `queueChangesInWrites` is false (then the engine applies them through the queue, as with the
 * Postgres stores).
 */
export function createMemoryStores(
  options: { clock?: Clock; timers?: Timers; queueChangesInWrites?: boolean } = {},
): MemoryStores {
  const queue = new MemoryTaskQueue(options);
  const inWrites = options.queueChangesInWrites ?? true;
  return {
    executions: new MemoryExecutionStore(inWrites ? { queue } : {}),
    definitions: new MemoryDefinitionStore(options),
    queue,
    events: new MemoryEventBus(),
    eventHandlers: new MemoryEventHandlerStore(),
    schedules: new MemoryScheduleStore(),
  };
}
