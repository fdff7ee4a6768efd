import type { EventBus, ExecutionEvent } from '../../ports/event-bus.js';
import { copy } from './support.js';

/**
 * EventBus within one process. Each listener gets its own copy of each event; a listener that
 * throws does not stop delivery to the others (delivery is best-effort, as the port says).
 */
export class MemoryEventBus implements EventBus {
  private readonly listeners = new Set<(event: ExecutionEvent) => void>();

  async publish(events: ExecutionEvent[]): Promise<void> {
    for (const event of events) {
      for (const listener of [...this.listeners]) {
        try {
          listener(copy(event));
        } catch {
          // A failing subscriber must not break the publisher or the other subscribers.
        }
      }
    }
  }

  subscribe(listener: (event: ExecutionEvent) => void): () => void {
    const wrapped = (event: ExecutionEvent): void => listener(event);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }
}
