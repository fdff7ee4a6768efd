/**
 * An EventBus for a single server process: publish calls every listener synchronously. Used when
 * the store provides no cross-server bus.
 * @module
 */
import type { EventBus, ExecutionEvent } from '@baton/engine';

/** Creates an in-process EventBus. A throwing listener does not affect the others. */
export function createInProcessEventBus(): EventBus {
  const listeners = new Set<(event: ExecutionEvent) => void>();
  return {
    async publish(events) {
      for (const event of events) {
        for (const listener of listeners) {
          try {
            listener(event);
          } catch {
            // A listener's failure must not stop delivery to the others.
          }
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
