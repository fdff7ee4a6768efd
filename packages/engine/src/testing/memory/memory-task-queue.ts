import type { Clock } from '../../ports/clock.js';
import type { AbortSignalLike, QueueMessage, TaskQueue } from '../../ports/task-queue.js';
import { defaultTimers, SYSTEM_CLOCK, type Timers } from './support.js';

interface Entry {
  id: string;
  priority: number;
  /** Epoch ms from which the message may be popped (due time, or end of its lease). */
  visibleAt: number;
  /** Insertion order, the last tie-breaker so equal messages pop first-in first-out. */
  order: number;
}

/**
 * TaskQueue kept in process memory: delayed, prioritised, leased messages with redelivery.
 * Visibility is computed from the injected clock, so tests move time with a fake clock;
 * `waitForMessages` uses the injected timers for its timeout.
 */
export class MemoryTaskQueue implements TaskQueue {
  private readonly queues = new Map<string, Map<string, Entry>>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly clock: Clock;
  private readonly timers: Timers;
  private counter = 0;

  constructor(options: { clock?: Clock; timers?: Timers } = {}) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.timers = options.timers ?? defaultTimers();
  }

  async push(queue: string, messages: QueueMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const entries = this.queues.get(queue) ?? new Map<string, Entry>();
    const now = this.clock.now();
    for (const message of messages) {
      const previous = entries.get(message.id);
      entries.set(message.id, {
        id: message.id,
        priority: message.priority,
        visibleAt: now + Math.max(0, message.delayMs),
        order: previous?.order ?? this.counter++,
      });
    }
    this.queues.set(queue, entries);
    this.wake(queue);
  }

  async pop(queue: string, count: number, leaseMs: number): Promise<string[]> {
    const entries = this.queues.get(queue);
    if (!entries || count <= 0) return [];
    const now = this.clock.now();
    const due = [...entries.values()]
      .filter((entry) => entry.visibleAt <= now)
      .sort((a, b) => b.priority - a.priority || a.visibleAt - b.visibleAt || a.order - b.order)
      .slice(0, count);
    for (const entry of due) entry.visibleAt = now + leaseMs;
    return due.map((entry) => entry.id);
  }

  async remove(queue: string, id: string): Promise<void> {
    const entries = this.queues.get(queue);
    entries?.delete(id);
    if (entries?.size === 0) this.queues.delete(queue);
  }

  async removeMany(queue: string, ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.remove(queue, id);
  }

  async contains(queue: string, id: string): Promise<boolean> {
    return this.queues.get(queue)?.has(id) ?? false;
  }

  async size(queue: string): Promise<number> {
    return this.queues.get(queue)?.size ?? 0;
  }

  async sizes(): Promise<Record<string, number>> {
    const sizes: Record<string, number> = {};
    for (const [name, entries] of this.queues) if (entries.size > 0) sizes[name] = entries.size;
    return sizes;
  }

  waitForMessages(queue: string, timeoutMs: number, signal?: AbortSignalLike): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted || timeoutMs <= 0) {
        resolve();
        return;
      }
      const waiters = this.waiters.get(queue) ?? new Set<() => void>();
      this.waiters.set(queue, waiters);
      const done = (): void => {
        this.timers.clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        waiters.delete(done);
        if (waiters.size === 0 && this.waiters.get(queue) === waiters) this.waiters.delete(queue);
        resolve();
      };
      const timer = this.timers.setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done);
      waiters.add(done);
    });
  }

  private wake(queue: string): void {
    const waiters = this.waiters.get(queue);
    if (!waiters) return;
    for (const waiter of [...waiters]) waiter();
  }
}
