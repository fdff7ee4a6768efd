/**
 * An EventBus wrapper that also tells local listeners about the events this server publishes,
 * without the round trip through the shared bus. Metrics count with it, so each server counts
 * what it did itself (summing the servers in Prometheus gives the cluster's totals) and a server
 * with no event-stream client never needs to subscribe to every event of the cluster.
 * @module
 */
import type { EventBus, ExecutionEvent } from '@baton/engine';

export interface TappedEventBus extends EventBus {
  /** Calls `listener` with each batch this server publishes; returns the function that stops it. */
  tap(listener: (events: readonly ExecutionEvent[]) => void): () => void;
}

/** Wraps `bus`; `publish` informs local taps first, then the bus. */
export function tapEventBus(bus: EventBus): TappedEventBus {
  const taps = new Set<(events: readonly ExecutionEvent[]) => void>();
  return {
    async publish(events) {
      for (const listener of taps) {
        try {
          listener(events);
        } catch {
          // A failing tap must not stop the publish.
        }
      }
      await bus.publish(events);
    },
    subscribe: (listener) => bus.subscribe(listener),
    tap(listener) {
      const own = (events: readonly ExecutionEvent[]) => listener(events);
      taps.add(own);
      return () => taps.delete(own);
    },
  };
}

/** True when `bus` was made by {@link tapEventBus}. */
export function isTapped(bus: EventBus): bus is TappedEventBus {
  return typeof (bus as Partial<TappedEventBus>).tap === 'function';
}
