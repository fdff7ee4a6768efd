/**
 * @baton/engine/testing: in-memory stores, a fake clock and the store conformance suite.
 * @module
 */
export {
  MemoryDefinitionStore,
  MemoryEventBus,
  MemoryEventHandlerStore,
  MemoryExecutionStore,
  MemoryTaskQueue,
  createMemoryStores,
} from './memory-stores.js';
export type { MemoryStores, Timers } from './memory-stores.js';
export { runStoreConformance, createManualClock } from './store-conformance.js';
export type {
  ConformanceOptions,
  ConformanceStores,
  CreateConformanceStores,
  ManualClock,
} from './store-conformance.js';
export { FakeClock } from './fake-clock.js';
export { SequentialIds } from './sequential-ids.js';
