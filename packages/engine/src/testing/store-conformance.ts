/**
 * The store conformance suite: one Vitest suite that every adapter of the store ports runs
 * unchanged, including which error code each failure raises.
 * @module
 */
import { afterEach, beforeEach, describe } from 'vitest';
import { describeDefinitionConformance } from './conformance/definitions.js';
import { describeEventConformance } from './conformance/events.js';
import { describeEventHandlerConformance } from './conformance/event-handlers.js';
import { describeExecutionConformance } from './conformance/executions.js';
import { describeScheduleConformance } from './conformance/schedules.js';
import { describeHostileTextConformance } from './conformance/hostile-text.js';
import type { ConformanceStores, CreateConformanceStores } from './conformance/fixtures.js';
import { describeQueueConformance } from './conformance/queue.js';
import { describeSearchConformance } from './conformance/search.js';

export type {
  ConformanceStores,
  CreateConformanceStores,
  ManualClock,
} from './conformance/fixtures.js';
export { createManualClock } from './conformance/fixtures.js';

/** Which optional sections to run. */
export interface ConformanceOptions {
  /** Run the event bus section (default true); set false for an adapter without an EventBus. */
  events?: boolean;
}

/**
 * Declares the suite for one adapter. `createStores` is called before every test and must return
 * empty stores (or stores whose existing data uses other names: the suite scopes its assertions
 * to names it generates); `cleanup` runs after the test.
 */
export function runStoreConformance(
  name: string,
  createStores: CreateConformanceStores,
  options: ConformanceOptions = {},
): void {
  describe(`store conformance: ${name}`, () => {
    let current: ConformanceStores | undefined;
    const stores = (): ConformanceStores => {
      if (!current) throw new Error('stores are created in beforeEach');
      return current;
    };
    beforeEach(async () => {
      current = await createStores();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });

    describeDefinitionConformance(stores);
    describeExecutionConformance(stores);
    describeSearchConformance(stores);
    describeHostileTextConformance(stores);
    describeQueueConformance(stores);
    if (options.events !== false) describeEventConformance(stores);
    describeEventHandlerConformance(stores);
    describeScheduleConformance(stores);
  });
}
